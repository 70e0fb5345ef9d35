/// One Redis 7 key specification: how to find a group of key arguments in a command line and how the command
/// uses those keys. COMMAND INFO prints these; COMMAND GETKEYS walks them.
///
/// Format rules (Redis 7.0): the search begins either at a fixed argument `index` or just after the first
/// `keyword` met while scanning from `startFrom` (a negative start scans backwards from the end). From there the
/// keys are either a `range` — up to `lastKey` (relative to the first key; negative counts from the end of the
/// line, or with a `limit` takes 1/limit of the remaining arguments) every `keyStep` — or a `keyNum` group whose
/// count is the argument `keyNumIndex` after the start, the first key `firstKey` after the start.
public struct CommandKeySpec: Sendable, Equatable {
    /// How the command touches the keys, with the names and order COMMAND prints.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let ro = Flags(rawValue: 1 << 0)
        public static let rw = Flags(rawValue: 1 << 1)
        public static let ow = Flags(rawValue: 1 << 2)
        public static let rm = Flags(rawValue: 1 << 3)
        public static let access = Flags(rawValue: 1 << 4)
        public static let update = Flags(rawValue: 1 << 5)
        public static let insert = Flags(rawValue: 1 << 6)
        public static let delete = Flags(rawValue: 1 << 7)
        public static let notKey = Flags(rawValue: 1 << 8)
        public static let incomplete = Flags(rawValue: 1 << 9)
        public static let variableFlags = Flags(rawValue: 1 << 10)

        public static let roAccess: Flags = [.ro, .access]
        public static let rwAccessUpdate: Flags = [.rw, .access, .update]
        public static let rwAccessDelete: Flags = [.rw, .access, .delete]
        public static let rwInsert: Flags = [.rw, .insert]
        public static let rwUpdate: Flags = [.rw, .update]
        public static let rwDelete: Flags = [.rw, .delete]
        public static let owUpdate: Flags = [.ow, .update]

        private static let printed: [(Flags, String)] = [
            (.ro, "RO"), (.rw, "RW"), (.ow, "OW"), (.rm, "RM"), (.access, "access"), (.update, "update"),
            (.insert, "insert"), (.delete, "delete"), (.notKey, "not_key"), (.incomplete, "incomplete"),
            (.variableFlags, "variable_flags"),
        ]

        /// The flag names in the order Redis prints them.
        public var names: [String] { Flags.printed.filter { contains($0.0) }.map(\.1) }
    }

    /// Where the search for the keys starts.
    public enum BeginSearch: Sendable, Equatable {
        case index(Int)
        case keyword(String, startFrom: Int)
    }

    /// How the keys continue from the start.
    public enum FindKeys: Sendable, Equatable {
        case range(lastKey: Int, keyStep: Int, limit: Int)
        case keyNum(keyNumIndex: Int, firstKey: Int, keyStep: Int)
    }

    public let flags: Flags
    public let beginSearch: BeginSearch
    public let findKeys: FindKeys
    /// Redis's remark on the flags, printed as "notes" when present.
    public let notes: String?

    public init(_ flags: Flags, _ beginSearch: BeginSearch, _ findKeys: FindKeys, notes: String? = nil) {
        self.flags = flags
        self.beginSearch = beginSearch
        self.findKeys = findKeys
        self.notes = notes
    }

    /// The single key at `index`.
    public static func key(_ index: Int, _ flags: Flags, notes: String? = nil) -> CommandKeySpec {
        CommandKeySpec(flags, .index(index), .range(lastKey: 0, keyStep: 1, limit: 0), notes: notes)
    }

    /// Keys from `index` to `lastKey` (relative to `index`, or negative from the end) every `step`.
    public static func keys(_ index: Int, through lastKey: Int, step: Int = 1, _ flags: Flags,
                            notes: String? = nil) -> CommandKeySpec {
        CommandKeySpec(flags, .index(index), .range(lastKey: lastKey, keyStep: step, limit: 0), notes: notes)
    }

    /// A key count at `index` followed by that many keys.
    public static func counted(_ index: Int, _ flags: Flags) -> CommandKeySpec {
        CommandKeySpec(flags, .index(index), .keyNum(keyNumIndex: 0, firstKey: 1, keyStep: 1))
    }

    /// The single key after `keyword`, searched from argument `startFrom` on.
    public static func key(after keyword: String, from startFrom: Int, _ flags: Flags) -> CommandKeySpec {
        CommandKeySpec(flags, .keyword(keyword, startFrom: startFrom), .range(lastKey: 0, keyStep: 1, limit: 0))
    }

    /// XREAD's layout: after STREAMS, the first half of the remaining arguments are keys (the rest their IDs).
    public static func streams(from startFrom: Int, _ flags: Flags) -> CommandKeySpec {
        CommandKeySpec(flags, .keyword("STREAMS", startFrom: startFrom), .range(lastKey: -1, keyStep: 1, limit: 2))
    }
}
