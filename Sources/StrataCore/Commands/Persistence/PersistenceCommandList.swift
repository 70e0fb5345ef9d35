/// Persistence commands: DUMP/RESTORE and the snapshot commands.
extension Engine {
    static var persistenceCommands: [CommandSpec] { dumpRestoreCommands + saveCommands }
}
