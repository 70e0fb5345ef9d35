/// Strata's own release number, shown where Redis shows its version (the fatal config error
/// banner, `--version`).
public enum StrataVersion {
    public static let current = "0.1.0"
}
