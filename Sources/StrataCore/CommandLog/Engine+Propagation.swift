/// How commands feed the command log. A command that changed the dataset (`dirty` moved) is logged as it was
/// sent unless it recorded its effects itself with `Call.propagate`; EXEC and served blocked commands go through
/// the same rule, so every path that runs a handler logs it once.
extension Engine {
    /// Records `args` as an effect in database `db`, when the log is active.
    @inline(__always) func propagate(_ db: Int, _ args: [Bytes]) {
        guard commandLog.isActive else { return }
        commandLog.record(CommandLog.Effect(db: db, args: args))
    }

    /// An expired or evicted key leaves the dataset: DEL, or UNLINK when the matching lazyfree option is on.
    func propagateDeletion(_ db: Int, _ key: Bytes, lazy: Bool) {
        guard commandLog.isActive else { return }
        propagate(db, [Bytes(lazy ? "UNLINK" : "DEL"), key])
    }

    /// Runs `body` (one handler) and logs its request as-is when it changed the dataset without recording its
    /// effects itself. `db` is the database the command started in.
    @inline(__always) func loggingEffects<R>(of args: [Bytes], db: Int, _ body: () -> R) -> R {
        guard commandLog.isActive else { return body() }
        let dirtyBefore = dirty
        let outer = commandLog.recordedExplicitly
        commandLog.recordedExplicitly = false
        let result = body()
        // SAVE and friends reset the counter: only an increase means the dataset changed.
        if dirty > dirtyBefore, !commandLog.recordedExplicitly { propagate(db, args) }
        commandLog.recordedExplicitly = outer
        return result
    }
}

extension Call {
    /// Records `args` as this command's effect (in the client's database) instead of the request. Call it once
    /// per effect, in the order they happened. The arguments are only built while the log is active.
    public func propagate(_ args: @autoclosure () -> [Bytes]) {
        let log = engine.commandLog
        guard log.isActive else { return }
        log.recordedExplicitly = true
        log.record(CommandLog.Effect(db: client.db, args: args()))
    }

    /// Declares that this command's effects are recorded elsewhere (EXEC: by the commands it runs), so its request
    /// is not logged.
    public func propagateNothing() {
        engine.commandLog.recordedExplicitly = true
    }
}
