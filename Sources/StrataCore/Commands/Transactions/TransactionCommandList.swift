import NIOCore
import RESP

/// The transactions command group: MULTI, EXEC, DISCARD, WATCH, UNWATCH.
extension Engine {
    static var transactionCommands: [CommandSpec] {
        let control: CommandFlags = [.noScript, .loading, .stale, .fast, .allowBusy]
        return [
            CommandSpec("multi", arity: 1, flags: control, group: "transactions", since: "1.2.0",
                        summary: "Starts a transaction: later commands are queued until EXEC.") { call, out in
                guard call.client.transaction == nil else {
                    return out.writeErrorReply("ERR MULTI calls can not be nested")
                }
                call.client.transaction = QueuedTransaction()
                out.writeSimpleString("OK")
            },
            CommandSpec("exec", arity: 1, flags: [.noScript, .loading, .stale, .skipSlowlog], group: "transactions",
                        since: "1.2.0", summary: "Runs the queued commands of a transaction atomically.",
                        handler: exec),
            CommandSpec("discard", arity: 1, flags: control, group: "transactions", since: "2.0.0",
                        summary: "Drops the queued commands of a transaction and its watches.") { call, out in
                guard call.client.transaction != nil else {
                    return out.writeErrorReply("ERR DISCARD without MULTI")
                }
                call.engine.discardTransaction(call.client)
                out.writeSimpleString("OK")
            },
            CommandSpec("watch", arity: -2, flags: control, keys: (1, -1, 1), group: "transactions", since: "2.2.0",
                        summary: "Makes the next EXEC fail if any of the keys changes before it.",
                        syntax: "key [key ...]") { call, out in
                guard call.client.transaction == nil else {
                    return out.writeErrorReply("ERR WATCH inside MULTI is not allowed")
                }
                // A client whose watch already broke has nothing left to watch for (Redis skips the keys too).
                if !call.client.watchBroken {
                    for key in call.args.dropFirst() { call.engine.watch(key, by: call.client, now: call.now) }
                }
                out.writeSimpleString("OK")
            },
            CommandSpec("unwatch", arity: 1, flags: control, group: "transactions", since: "2.2.0",
                        summary: "Forgets all watched keys.") { call, out in
                call.engine.unwatchAll(call.client)
                call.client.watchBroken = false
                out.writeSimpleString("OK")
            },
        ]
    }

    /// EXEC: nil when a watched key changed (or, live at WATCH, has expired since), EXECABORT when a command was
    /// refused while queueing; otherwise runs the queue with blocking commands answering at once and replies
    /// with the array of their replies (errors included as elements).
    static func exec(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine, client = call.client
        guard let transaction = client.transaction else { return out.writeErrorReply("ERR EXEC without MULTI") }
        if engine.watchedKeyExpired(client, now: call.now) { client.watchBroken = true }
        if transaction.refused || client.watchBroken {
            if transaction.refused {
                out.writeErrorReply("EXECABORT Transaction discarded because of previous errors.")
            } else {
                out.writeNullArrayReply(call.proto)
            }
            return engine.discardTransaction(client)
        }
        engine.unwatchAll(client)
        // The queued commands log their own effects; the log wraps them in MULTI/EXEC when there are several.
        call.propagateNothing()
        client.executingTransaction = true
        out.writeArrayHeader(transaction.count)
        for queued in transaction.commands {
            engine.invoke(queued.spec, queued.args, client: client, startMicros: Engine.clockMicros(), out: &out)
        }
        client.executingTransaction = false
        engine.discardTransaction(client)
    }
}
