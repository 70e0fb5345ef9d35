/// Why the configuration given at startup could not be loaded. `description` is the text the
/// server prints to stderr before exiting with status 1: Redis's wording, with "Strata
/// <version>" in the banner where Redis names itself.
public enum ConfigFileError: Error, Equatable, CustomStringConvertible {
    /// A line was rejected: `lineNumber` counts from 1 within the text it came from (a config
    /// file, an included file, or the file followed by stdin and the command-line options),
    /// `line` is the line without surrounding whitespace.
    case invalidLine(lineNumber: Int, line: String, reason: String)
    /// A check made after the last line failed ("Can't open the log file: ...").
    case invalidConfiguration(reason: String)
    /// A config file or an included file could not be read.
    case unreadableFile(path: String, reason: String)

    /// For example:
    ///
    ///     (empty line)
    ///     *** FATAL CONFIG FILE ERROR (Strata 0.1.0) ***
    ///     Reading the configuration file, at line 2
    ///     >>> 'port "abc"'
    ///     argument couldn't be parsed into an integer
    ///
    /// without a final newline. An unreadable file reads
    /// `Fatal error, can't open config file '/etc/x.conf': No such file or directory`.
    public var description: String {
        let banner = "\n*** FATAL CONFIG FILE ERROR (Strata \(StrataVersion.current)) ***\n"
        switch self {
        case let .invalidLine(lineNumber, line, reason):
            return banner + "Reading the configuration file, at line \(lineNumber)\n>>> '\(line)'\n\(reason)"
        case let .invalidConfiguration(reason):
            return banner + reason
        case let .unreadableFile(path, reason):
            return "Fatal error, can't open config file '\(path)': \(reason)"
        }
    }
}
