/// Every command Strata implements, by group. Each group's file defines its list.
extension Engine {
    static var commandList: [CommandSpec] {
        connectionCommands + serverCommands + keyCommands + stringCommands + listCommands + hashCommands + setCommands
            + sortedSetCommands + streamCommands + hyperLogLogCommands + geoCommands + transactionCommands
            + pubSubCommands + persistenceCommands
    }
}
