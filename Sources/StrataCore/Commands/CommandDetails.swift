/// What Redis 7 declares about a command beyond its arity, flags and legacy key positions: its key specs, its
/// tips for cluster clients, the ACL categories it names explicitly, and how COMMAND GETKEYS finds its keys when
/// the key specs reject a line. Each command group lists its own in a `<Group>CommandDetails.swift` table.
public struct CommandDetails: Sendable {
    /// The command's native key finder in Redis, which GETKEYS falls back on when a key spec fails (say, a key
    /// count that is not a strict integer), and uses always when a spec has variable flags.
    public enum KeyFinder: Sendable {
        /// A key count at `count`, keys from `first`, and the destination key at `store` (0: none), which is
        /// listed last. The count is read as C's atoi reads it.
        case counted(store: Int, count: Int, first: Int)
        /// XREAD / XREADGROUP: options, then STREAMS, then keys and as many IDs.
        case streams
        /// SET: the key, read and written with GET, overwritten without.
        case set
        /// BITFIELD: the key, read only when every operation is a GET.
        case bitfield
    }

    public var keySpecs: [CommandKeySpec]
    /// Tips in Redis's order, e.g. "nondeterministic_output", "request_policy:all_shards".
    public var tips: [String]
    /// ACL categories (without "@") that Redis declares beyond those the flags and group imply.
    public var categories: [String]
    public var keyFinder: KeyFinder?

    public init(keys keySpecs: [CommandKeySpec] = [], tips: [String] = [], categories: [String] = [],
                keyFinder: KeyFinder? = nil) {
        self.keySpecs = keySpecs
        self.tips = tips
        self.categories = categories
        self.keyFinder = keyFinder
    }

    /// Details of a command with just these key specs.
    public static func keys(_ specs: CommandKeySpec...) -> CommandDetails { CommandDetails(keys: specs) }

    /// Details of a command whose keys follow a key count at `countIndex` (ZUNION, LMPOP, ...), after a
    /// destination key at `destination` that the command overwrites (ZUNIONSTORE): their key specs and Redis's
    /// matching native key finder.
    public static func counted(at countIndex: Int, _ flags: CommandKeySpec.Flags,
                               destination: Int? = nil) -> CommandDetails {
        let destinationSpecs: [CommandKeySpec] = destination.map { [.key($0, .owUpdate)] } ?? []
        return CommandDetails(keys: destinationSpecs + [.counted(countIndex, flags)],
                              keyFinder: .counted(store: destination ?? 0, count: countIndex, first: countIndex + 1))
    }

    /// Details of a keyless command with just these tips.
    public static func tips(_ tips: String...) -> CommandDetails { CommandDetails(tips: tips) }
}

/// Tip texts shared by many commands.
public enum CommandTip {
    public static let nondeterministic = "nondeterministic_output"
    public static let unordered = "nondeterministic_output_order"
    public static let allShards = "request_policy:all_shards"
    public static let allNodes = "request_policy:all_nodes"
    public static let multiShard = "request_policy:multi_shard"
    public static let sum = "response_policy:agg_sum"
    public static let allSucceeded = "response_policy:all_succeeded"
    public static let special = "response_policy:special"
}
