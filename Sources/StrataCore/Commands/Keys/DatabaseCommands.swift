import NIOCore
import RESP

/// DBSIZE, FLUSHDB, FLUSHALL and SWAPDB: commands on whole databases.
extension Engine {
    static var databaseCommands: [CommandSpec] {
        [
            CommandSpec("dbsize", arity: 1, flags: [.readonly, .fast], group: "server", since: "1.0.0",
                        summary: "Returns the number of keys in the database, expired ones not yet removed included.") { call, out in
                out.writeIntegerReply(call.db.count)
            },
            CommandSpec("flushdb", arity: -1, flags: [.write], group: "server", since: "1.0.0",
                        summary: "Removes every key of the current database.", syntax: "[ASYNC | SYNC]") { call, out in
                guard flushModeIsValid(call) else { return out.writeErrorReply(ReplyError.syntax) }
                call.engine.dirty += call.engine.flush([call.db])
                // Logged even when the database was already empty, as Redis forces it.
                call.propagate(call.args)
                out.writeSimpleString("OK")
            },
            CommandSpec("flushall", arity: -1, flags: [.write], group: "server", since: "1.0.0",
                        summary: "Removes every key of every database.", syntax: "[ASYNC | SYNC]") { call, out in
                guard flushModeIsValid(call) else { return out.writeErrorReply(ReplyError.syntax) }
                // Redis counts the removed keys plus one, so that even an empty FLUSHALL is a change; the save
                // that follows under save rules resets the count, so it is logged explicitly.
                call.engine.dirty += call.engine.flush(call.engine.databases) + 1
                call.engine.saveAfterFlushAll()
                call.propagate(call.args)
                out.writeSimpleString("OK")
            },
            CommandSpec("swapdb", arity: 3, flags: [.write, .fast], group: "server", since: "4.0.0",
                        summary: "Exchanges the contents of two databases.", syntax: "index1 index2", handler: swapDB),
        ]
    }

    /// FLUSHDB and FLUSHALL accept at most one argument, ASYNC or SYNC. Old values are released when their last
    /// reference (a snapshot's, perhaps) goes, so both modes behave the same.
    private static func flushModeIsValid(_ call: Call) -> Bool {
        call.argc == 1 || (call.argc == 2 && (call.arg(1, is: "ASYNC") || call.arg(1, is: "SYNC")))
    }

    /// Empties `dbs`; returns how many keys they held.
    private func flush(_ dbs: [Database]) -> Int {
        var removed = 0
        for db in dbs {
            removed += db.count
            db.removeAll()
        }
        return removed
    }

    /// Clients stay on their database number and so see the other contents afterwards.
    static func swapDB(_ call: Call, _ out: inout ByteBuffer) {
        guard let first = call.databaseNumber(1, &out, invalid: "ERR invalid first DB index"),
              let second = call.databaseNumber(2, &out, invalid: "ERR invalid second DB index") else { return }
        guard call.isDatabaseIndex(first), call.isDatabaseIndex(second) else {
            return out.writeErrorReply(ReplyError.dbIndexOutOfRange)
        }
        let dbs = call.engine.databases
        if first != second { dbs[first].swapContents(with: dbs[second]) }
        call.engine.dirty += 1
        out.writeSimpleString("OK")
    }
}
