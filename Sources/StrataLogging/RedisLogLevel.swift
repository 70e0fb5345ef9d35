import Logging

/// Redis's log verbosity (`loglevel`), least to most severe; `nothing` silences the log.
/// Each severity has the marker Redis writes in its lines: `.` debug, `-` verbose,
/// `*` notice, `#` warning.
public enum RedisLogLevel: Int, Comparable, Sendable, CaseIterable {
    case debug, verbose, notice, warning, nothing

    /// Reads a `loglevel` word, any case.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "debug": self = .debug
        case "verbose": self = .verbose
        case "notice": self = .notice
        case "warning": self = .warning
        case "nothing": self = .nothing
        default: return nil
        }
    }

    /// The Redis severity of a swift-log level: trace and debug are `debug`, info is `verbose`,
    /// notice is `notice`, warning, error and critical are `warning`.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .verbose
        case .notice: self = .notice
        case .warning, .error, .critical: self = .warning
        }
    }

    /// The lowest swift-log level that is written at this verbosity.
    var swiftLogThreshold: Logger.Level {
        switch self {
        case .debug: return .trace
        case .verbose: return .info
        case .notice: return .notice
        case .warning: return .warning
        case .nothing: return .critical
        }
    }

    var marker: Character {
        switch self {
        case .debug: return "."
        case .verbose: return "-"
        case .notice: return "*"
        case .warning, .nothing: return "#"
        }
    }

    public static func < (lhs: RedisLogLevel, rhs: RedisLogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
