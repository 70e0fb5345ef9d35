import NIOCore
import RESP

/// SAVE, BGSAVE and LASTSAVE: snapshots of the keyspace to `dir`/`dbfilename`.
extension Engine {
    static var saveCommands: [CommandSpec] {
        [
            CommandSpec("save", arity: 1, flags: [.admin, .noScript, .noAsyncLoading, .noMulti], group: "server",
                        since: "1.0.0", summary: "Writes the dataset to the RDB file, blocking the server meanwhile.",
                        handler: save),
            CommandSpec("bgsave", arity: -1, flags: [.admin, .noScript, .noAsyncLoading], group: "server",
                        since: "1.0.0", summary: "Writes the dataset to the RDB file in the background.",
                        syntax: "[SCHEDULE]", handler: backgroundSave),
            CommandSpec("bgrewriteaof", arity: 1, flags: [.admin, .noScript, .noAsyncLoading], group: "server",
                        since: "1.0.0", summary: "Rewrites the append-only file in the background, from a snapshot.",
                        handler: backgroundRewrite),
            CommandSpec("lastsave", arity: 1, flags: [.loading, .stale, .fast], group: "server", since: "1.0.0",
                        summary: "Tells when the RDB file was last written successfully (Unix seconds).") { call, out in
                out.writeIntegerReply(Int(call.engine.lastSaveTime))
            },
        ]
    }

    static func save(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine
        guard engine.persistence.backgroundSaveStartedAt == nil else {
            return out.writeErrorReply("ERR Background save already in progress")
        }
        do {
            try engine.saveSnapshot(to: engine.snapshotPath)
            // Saving resets the change count without changing the dataset: nothing to log.
            call.propagateNothing()
            engine.persistence.saves += 1
            out.writeSimpleString("OK")
        } catch {
            out.writeErrorReply("ERR")
        }
    }

    /// BGREWRITEAOF: scheduled behind a running background save (or a transaction), as Redis does. With
    /// `appendonly no` the files are written once, from the dataset as it is, and left closed.
    static func backgroundRewrite(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine
        if engine.appendOnly.rewriteInProgress {
            return out.writeErrorReply("ERR Background append only file rewriting already in progress")
        }
        if engine.persistence.backgroundSaveStartedAt != nil || engine.executionDepth > 1 {
            engine.appendOnly.rewriteScheduled = true
            return out.writeSimpleString("Background append only file rewriting scheduled")
        }
        guard engine.appendOnly.isOn ? engine.startAppendOnlyRewrite() : engine.rewriteClosedAppendOnly() else {
            return out.writeErrorReply("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.")
        }
        out.writeSimpleString("Background append only file rewriting started")
    }

    /// Inside EXEC the save is only scheduled, as Redis does: it starts once the transaction is over, so the
    /// snapshot never sees half of it.
    static func backgroundSave(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc == 1 || (call.argc == 2 && call.arg(1, is: "SCHEDULE")) else {
            return out.writeErrorReply(ReplyError.syntax)
        }
        let engine = call.engine
        guard engine.persistence.backgroundSaveStartedAt == nil else {
            return out.writeErrorReply("ERR Background save already in progress")
        }
        if engine.appendOnly.rewriteInProgress {
            if call.argc == 2 {
                engine.persistence.backgroundSaveScheduled = true
                return out.writeSimpleString("Background saving scheduled")
            }
            return out.writeErrorReply("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.")
        }
        if engine.executionDepth > 1, let host = engine.host {
            host.schedule(atMillis: 0) { _ = engine.startBackgroundSave(to: engine.snapshotPath) }
            return out.writeSimpleString("Background saving scheduled")
        }
        _ = engine.startBackgroundSave(to: engine.snapshotPath)
        out.writeSimpleString("Background saving started")
    }
}
