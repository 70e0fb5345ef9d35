/// Tips and explicit ACL categories of the server, connection and introspection commands, as Redis 7.0 declares
/// them.
extension Engine {
    static var serverCommandDetails: [String: CommandDetails] {
        let allNodesSucceeded = [CommandTip.allNodes, CommandTip.allSucceeded]
        let latencyReport = [CommandTip.nondeterministic, CommandTip.allNodes, CommandTip.special]
        let flush = CommandDetails(tips: [CommandTip.allShards, CommandTip.allSucceeded],
                                   categories: ["keyspace", "dangerous"])
        let introspection = CommandDetails(categories: ["connection"])
        let unorderedIntrospection = CommandDetails(tips: [CommandTip.unordered], categories: ["connection"])
        return [
            "command": unorderedIntrospection, "command|info": unorderedIntrospection,
            "command|docs": unorderedIntrospection, "command|list": unorderedIntrospection,
            "command|count": introspection, "command|getkeys": introspection,
            "command|getkeysandflags": introspection, "command|help": introspection,
            "config|set": CommandDetails(tips: allNodesSucceeded),
            "dbsize": CommandDetails(tips: [CommandTip.allShards, CommandTip.sum], categories: ["keyspace"]),
            "flushall": flush, "flushdb": flush,
            "swapdb": CommandDetails(categories: ["keyspace", "dangerous"]),
            "info": CommandDetails(tips: [CommandTip.nondeterministic, CommandTip.allShards, CommandTip.special],
                                   categories: ["dangerous"]),
            "lastsave": CommandDetails(tips: [CommandTip.nondeterministic], categories: ["admin", "dangerous"]),
            "time": .tips(CommandTip.nondeterministic),
            "latency|history": CommandDetails(tips: latencyReport), "latency|latest": CommandDetails(tips: latencyReport),
            "latency|reset": CommandDetails(tips: allNodesSucceeded),
            "slowlog|get": .tips(CommandTip.allNodes, CommandTip.nondeterministic),
            "slowlog|len": .tips(CommandTip.allNodes, CommandTip.sum, CommandTip.nondeterministic),
            "slowlog|reset": CommandDetails(tips: allNodesSucceeded),
            "ping": CommandDetails(tips: [CommandTip.allShards, CommandTip.allSucceeded]),
            "client|info": .tips(CommandTip.nondeterministic), "client|list": .tips(CommandTip.nondeterministic),
        ]
    }
}
