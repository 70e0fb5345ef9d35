import NIOCore

/// The reply sink and inputs of one command execution.
public typealias CommandHandler = (Call, inout ByteBuffer) -> Void

/// Everything Redis knows about a command: arity, flags, key positions, documentation, and its implementation,
/// plus its call statistics (INFO commandstats). A class: the dispatcher passes it around on every call, and a
/// reference costs one retain where a struct of strings and arrays would cost many.
public final class CommandSpec {
    /// Lower-case name; subcommands are named "parent|sub" as COMMAND prints them.
    public let name: String
    /// Redis arity: positive = exact argument count (name included), negative = at least that many.
    public let arity: Int
    public let flags: CommandFlags
    /// Key positions: first, last (negative counts from the end) and step; 0,0,0 for keyless commands.
    public let keys: (first: Int, last: Int, step: Int)
    /// The COMMAND DOCS group ("string", "generic", "connection", "server", ...).
    public let group: String
    /// The Redis version that introduced the command.
    public let since: String
    /// A one-line summary in Strata's words.
    public let summary: String
    /// Argument syntax in the notation of Redis's documentation, e.g. "key value [NX | XX]"; COMMAND DOCS
    /// turns it into argument descriptions that redis-cli uses for hints.
    public let syntax: String
    public let subcommands: [CommandSpec]
    public let handler: CommandHandler?
    /// Key specs, tips and explicit ACL categories (Redis 7), set from the group's details table when the
    /// command table is built.
    public internal(set) var details = CommandDetails()
    /// Calls, total microseconds and calls that replied with an error, since start or CONFIG RESETSTAT.
    public var calls = 0, micros = 0, failedCalls = 0

    public init(_ name: String, arity: Int, flags: CommandFlags, keys: (Int, Int, Int) = (0, 0, 0),
                group: String, since: String, summary: String, syntax: String = "",
                subcommands: [CommandSpec] = [], handler: CommandHandler?) {
        self.name = name
        self.arity = arity
        self.flags = flags
        self.keys = (keys.0, keys.1, keys.2)
        self.group = group
        self.since = since
        self.summary = summary
        self.syntax = syntax
        self.subcommands = subcommands
        self.handler = handler
    }

    /// The name without its parent prefix.
    public var shortName: Substring { name.split(separator: "|").last ?? Substring(name) }

    /// True when `argc` arguments satisfy the arity rule.
    @inline(__always) public func acceptsArgumentCount(_ argc: Int) -> Bool {
        arity >= 0 ? argc == arity : argc >= -arity
    }
}
