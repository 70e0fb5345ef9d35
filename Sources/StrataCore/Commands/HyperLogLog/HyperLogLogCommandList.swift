/// The hyperloglog command group as COMMAND reports it.
extension Engine {
    static var hyperLogLogCommands: [CommandSpec] {
        [
            CommandSpec("pfadd", arity: -2, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1), group: "hyperloglog",
                        since: "2.8.9", summary: "Adds elements to a HyperLogLog, creating it if needed.",
                        syntax: "key [element [element ...]]", handler: HyperLogLogCommands.pfadd),
            CommandSpec("pfcount", arity: -2, flags: [.readonly], keys: (1, -1, 1), group: "hyperloglog",
                        since: "2.8.9", summary: "Estimates the number of distinct elements added to one or more HyperLogLogs.",
                        syntax: "key [key ...]", handler: HyperLogLogCommands.pfcount),
            CommandSpec("pfmerge", arity: -2, flags: [.write, .denyOOM], keys: (1, -1, 1), group: "hyperloglog",
                        since: "2.8.9", summary: "Merges HyperLogLogs into a destination HyperLogLog.",
                        syntax: "destkey sourcekey [sourcekey ...]", handler: HyperLogLogCommands.pfmerge),
            CommandSpec("pfdebug", arity: 3, flags: [.write, .denyOOM, .admin], keys: (2, 2, 1), group: "hyperloglog",
                        since: "2.8.9", summary: "Inspects the internal representation of a HyperLogLog.",
                        syntax: "subcommand key", handler: HyperLogLogCommands.pfdebug),
        ]
    }
}
