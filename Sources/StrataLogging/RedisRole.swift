/// The process role Redis shows after the pid in each log line.
public enum RedisRole: Character, Sendable {
    case master = "M"
    case replica = "S"
    /// A forked child (snapshot or rewrite).
    case child = "C"
    case sentinel = "X"
}
