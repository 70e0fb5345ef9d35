/// Every command Strata implements, by group. Each group's file defines its list, and its details file the key
/// specs and tips COMMAND reports.
extension Engine {
    static var commandList: [CommandSpec] {
        let commands = connectionCommands + serverCommands + keyCommands + stringCommands + listCommands
            + hashCommands + setCommands + sortedSetCommands + streamCommands + hyperLogLogCommands + geoCommands
            + transactionCommands + pubSubCommands + persistenceCommands
        let details = commandDetails
        for command in commands {
            for spec in [command] + command.subcommands {
                if let found = details[spec.name] { spec.details = found }
            }
        }
        return commands
    }

    /// Every group's details by full command name ("parent|sub" for subcommands).
    static var commandDetails: [String: CommandDetails] {
        [stringCommandDetails, listCommandDetails, hashCommandDetails, setCommandDetails, sortedSetCommandDetails,
         streamCommandDetails, geoCommandDetails, hyperLogLogCommandDetails, keyCommandDetails, pubSubCommandDetails,
         serverCommandDetails].reduce(into: [:]) { all, group in all.merge(group) { first, _ in first } }
    }
}
