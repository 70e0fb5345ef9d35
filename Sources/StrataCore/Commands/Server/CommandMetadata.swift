/// What COMMAND reports about a command beyond its declaration, derived from the declaration the way Redis
/// derives it from its command table.
extension CommandSpec {
    /// ACL categories in Redis's category order. Rule: flags give write→@write, readonly→@read,
    /// admin→@admin+@dangerous, pubsub→@pubsub, blocking→@blocking, fast→@fast (else @slow); the docs group gives
    /// the data type's category (generic→@keyspace, connection→@connection, ...; the pubsub group has none of its
    /// own: @pubsub follows the flag, so PUBSUB HELP is only @slow). Containers that only hold subcommands have no
    /// group category.
    public var aclCategories: [String] {
        var categories: Set<String> = [flags.contains(.fast) ? "fast" : "slow"]
        if flags.contains(.write) { categories.insert("write") }
        if flags.contains(.readonly) { categories.insert("read") }
        if flags.contains(.admin) { categories.formUnion(["admin", "dangerous"]) }
        if flags.contains(.pubsub) { categories.insert("pubsub") }
        if flags.contains(.blocking) { categories.insert("blocking") }
        if handler != nil || subcommands.isEmpty, let fromGroup = CommandSpec.groupCategories[group] {
            categories.insert(fromGroup)
        }
        return CommandSpec.categoryOrder.filter(categories.contains)
    }

    /// Every ACL category name, in the order Redis lists them.
    public static let categoryOrder = [
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog", "geo",
        "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction", "scripting",
    ]

    private static let groupCategories = [
        "generic": "keyspace", "string": "string", "list": "list", "set": "set", "sorted-set": "sortedset",
        "hash": "hash", "bitmap": "bitmap", "hyperloglog": "hyperloglog", "geo": "geo", "stream": "stream",
        "connection": "connection", "transactions": "transaction", "scripting": "scripting",
    ]

    /// Key-spec flags: RW plus UPDATE for writing commands, RO plus ACCESS for reading ones; WATCH's keys are
    /// RO only, and the shard channels of SSUBSCRIBE/SPUBLISH are NOT_KEY.
    public var keySpecFlags: [String] {
        if group == "pubsub" { return ["not_key"] }  // shard channels sit where keys would, but are not keys
        if name == "watch" { return ["RO"] }
        if flags.contains(.write) { return ["RW", "update"] }
        if flags.contains(.readonly) { return ["RO", "access"] }
        return []
    }

    /// True when the command declares key positions.
    public var hasKeys: Bool { keys.first > 0 }

    /// The positions of the keys in `argc` arguments: from `first` to `last` (negative counts from the end)
    /// every `step`, stopping at the end of the arguments.
    public func keyPositions(argc: Int) -> [Int] {
        guard hasKeys else { return [] }
        let last = keys.last < 0 ? argc + keys.last : keys.last
        return Array(stride(from: keys.first, to: min(last + 1, argc), by: max(keys.step, 1)))
    }

    /// The COMMAND DOCS arguments parsed from `syntax`; key arguments refer to the command's key spec.
    public func documentedArguments() throws -> [CommandArgument] {
        try CommandSyntax.parse(syntax, context: ArgumentContext(command: String(shortName), group: group))
    }
}
