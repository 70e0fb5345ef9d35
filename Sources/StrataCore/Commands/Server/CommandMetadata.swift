/// What COMMAND reports about a command beyond its declaration, derived from the declaration the way Redis
/// derives it from its command table.
extension CommandSpec {
    /// ACL categories in Redis's category order. Rule: flags give write→@write, readonly→@read,
    /// admin→@admin+@dangerous, pubsub→@pubsub, blocking→@blocking, fast→@fast (else @slow); the docs group gives
    /// the data type's category (generic→@keyspace, connection→@connection, ...; the pubsub group has none of its
    /// own: @pubsub follows the flag, so PUBSUB HELP is only @slow). Containers that only hold subcommands have no
    /// group category. Categories Redis declares explicitly come from the command's details.
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
        categories.formUnion(details.categories)
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

    /// The COMMAND DOCS arguments parsed from `syntax`.
    public func documentedArguments() throws -> [CommandArgument] {
        try CommandSyntax.parse(syntax, context: ArgumentContext(command: String(shortName), group: group))
    }
}
