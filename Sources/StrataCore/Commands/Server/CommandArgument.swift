/// One argument of a command as COMMAND DOCS describes it. Plain arguments carry a value of some `kind`;
/// `pureToken` is a literal word alone (`NX`); `oneof` picks one of `arguments`; `block` is `arguments` in order.
/// An argument with a `token` is written as that literal followed by its value (`EX seconds`).
public struct CommandArgument: Equatable, Sendable {
    /// The argument types COMMAND DOCS reports, by their wire names.
    public enum Kind: String, Sendable {
        case key, string, integer, double, pattern
        case unixTime = "unix-time"
        case pureToken = "pure-token"
        case oneof, block
    }

    /// COMMAND DOCS argument flags: `optional` may be left out, `multiple` repeats, `multipleToken` repeats
    /// together with its token (`GET pattern [GET pattern ...]`).
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let optional = Flags(rawValue: 1 << 0)
        public static let multiple = Flags(rawValue: 1 << 1)
        public static let multipleToken = Flags(rawValue: 1 << 2)

        /// The flag names in the order Redis prints them.
        public var names: [String] {
            [(Flags.optional, "optional"), (.multiple, "multiple"), (.multipleToken, "multiple_token")]
                .filter { contains($0.0) }.map(\.1)
        }
    }

    public var name: String
    public var kind: Kind
    public var token: String?
    public var flags: Flags
    public var arguments: [CommandArgument]

    public init(_ name: String, _ kind: Kind, token: String? = nil, flags: Flags = [], arguments: [CommandArgument] = []) {
        self.name = name
        self.kind = kind
        self.token = token
        self.flags = flags
        self.arguments = arguments
    }

    /// A literal word standing alone: named after the word in lower case.
    static func pureToken(_ word: String) -> CommandArgument {
        CommandArgument(word.lowercased(), .pureToken, token: word)
    }

    /// A group of arguments, named the way Redis names its blocks: the member names joined with `_`.
    static func group(_ kind: Kind, _ members: [CommandArgument]) -> CommandArgument {
        CommandArgument(members.map(\.name).joined(separator: "_"), kind, arguments: members)
    }
}

/// What the argument types are inferred from besides the argument's name: the same name means different things
/// in different commands (`min` is a score in ZCOUNT but a lexical bound in ZLEXCOUNT).
public struct ArgumentContext: Sendable {
    public var command: String
    public var group: String

    public init(command: String = "", group: String = "") {
        self.command = command
        self.group = group
    }

    /// Type rule: key names (`key`, `key1`, `newkey`, `source`, `destination`, `src`, `dst`) are keys; `unix-time-*` are unix
    /// times; `pattern` is a glob; counts, lengths, positions, durations and ids are integers; scores,
    /// coordinates, distances and float increments are doubles; anything else is a string.
    public func kind(of name: String) -> CommandArgument.Kind {
        let stem = name.prefix { !$0.isNumber }
        if ["source", "destination", "src", "dst"].contains(name) || (stem.hasSuffix("key") && !name.hasPrefix("num")) {
            return .key
        }
        if name.hasPrefix("unix-time") { return .unixTime }
        if name == "pattern" { return .pattern }
        if ArgumentContext.doubles.contains(name) { return .double }
        let sortedSet = group == "sorted-set"
        switch name {
        case "min", "max": return sortedSet && !command.contains("lex") ? .double : .string
        case "start", "stop": return sortedSet && command.hasPrefix("zrange") ? .string : .integer
        case "increment": return command.hasSuffix("float") ? .double : .integer
        case "timeout": return group == "list" || sortedSet ? .double : .integer
        default: return ArgumentContext.integers.contains(name) || name.hasSuffix("len") ? .integer : .string
        }
    }

    private static let doubles: Set<String> = ["score", "longitude", "latitude", "radius", "width", "height"]
    private static let integers: Set<String> = [
        "count", "cursor", "offset", "index", "end", "numkeys", "numreplicas", "db", "destination-db", "decrement",
        "port", "seconds", "milliseconds", "client-id", "protover", "ttl", "rank", "len", "slot", "index1", "index2",
        "delta", "samples", "numslots", "weight", "bit",
    ]
}
