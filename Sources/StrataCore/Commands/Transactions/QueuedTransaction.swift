/// The state of a client between MULTI and EXEC/DISCARD: the commands queued so far, and whether one was refused
/// while queueing (unknown command, wrong arity, no_multi, OOM...), which makes EXEC answer EXECABORT.
public struct QueuedTransaction {
    /// One queued command: the resolved spec (subcommand included) and its arguments, name first.
    struct Queued {
        let spec: CommandSpec
        let args: [Bytes]
    }

    var commands: [Queued] = []
    /// Set by a refused command (Redis's CLIENT_DIRTY_EXEC).
    var refused = false
    /// The union of the queued commands' flags: EXEC counts as denyoom when a queued command is.
    var flags: CommandFlags = []

    /// Number of queued commands (CLIENT LIST multi=).
    public var count: Int { commands.count }

    mutating func queue(_ spec: CommandSpec, _ args: [Bytes]) {
        commands.append(Queued(spec: spec, args: args))
        flags.formUnion(spec.flags)
    }
}
