/// The redis-server command line: `[config-file] [--name arg ...] [-]`.
///
/// - A first argument not starting with `-` names the config file.
/// - `-` as the first or last argument reads more config text from stdin after the file.
/// - `--name` starts a directive line and the arguments up to the next `--` option are its
///   arguments, each quoted as `ConfigQuoting` does; the lines are read after the file and
///   stdin, so they override both. An option given as one word with spaces (`"--port 7000"`)
///   is taken as a whole line. A `--` word right after an option name with no argument yet is
///   that option's argument. `--save` with no argument means `save ""`.
/// - `-v`/`--version` and `-h`/`--help` as the first argument ask for version or usage text.
public struct CommandLineArguments: Equatable, Sendable {
    /// What the command line asks for.
    public enum Request: Equatable, Sendable {
        case run, printVersion, printHelp
    }

    public var request: Request = .run
    public var configFile: String?
    public var readsStandardInput = false
    /// The directive lines built from `--name arg` options, separated by newlines.
    public var options = ""
    /// True when `--sentinel` appears: `sentinel ...` directives are then allowed.
    public var sentinelMode = false

    /// Parses the arguments after the program name.
    public init(_ arguments: [String]) {
        guard let first = arguments.first else { return }
        switch first {
        case "-v", "--version": request = .printVersion; return
        case "-h", "--help": request = .printHelp; return
        default: break
        }
        sentinelMode = arguments.contains("--sentinel")
        var index = 0
        if !first.hasPrefix("-") {
            configFile = first
            index = 1
        }
        var optionHasArgument = true
        while index < arguments.count {
            let argument = arguments[index]
            let isLast = index == arguments.count - 1
            if argument == "-", index == 0 || isLast {
                readsStandardInput = true
            } else if optionHasArgument, argument.hasPrefix("--") {
                if !options.isEmpty { options += "\n" }
                options += argument.dropFirst(2) + " "
                optionHasArgument = ConfigLineSplitter.split(argument)?.count != 1
                let nextIsOption = !isLast && arguments[index + 1].hasPrefix("--")
                if !optionHasArgument, argument.lowercased() == "--save", nextIsOption || isLast {
                    options += "\"\""
                    optionHasArgument = nextIsOption
                } else if !optionHasArgument, argument.lowercased() == "--sentinel", nextIsOption {
                    optionHasArgument = true
                }
            } else {
                options += ConfigQuoting.quoted(argument) + " "
                optionHasArgument = true
            }
            index += 1
        }
    }
}
