/// Why CONFIG REWRITE failed, with Redis's reply text in `message`.
public enum ConfigRewriteError: Error, Equatable {
    /// `ERR The server is running without a config file`.
    case noConfigFile
    /// Reading or replacing the file failed: `ERR Rewriting config file: <reason>`.
    case failed(reason: String)

    public var message: String {
        switch self {
        case .noConfigFile: return "ERR The server is running without a config file"
        case let .failed(reason): return "ERR Rewriting config file: \(reason)"
        }
    }
}
