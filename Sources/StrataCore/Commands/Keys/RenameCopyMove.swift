import NIOCore
import RESP

/// RENAME, RENAMENX, COPY and MOVE: a value changes its key or its database, keeping its expiry.
extension Engine {
    static var renameCopyMoveCommands: [CommandSpec] {
        [
            CommandSpec("rename", arity: 3, flags: [.write], keys: (1, 2, 1), group: "generic", since: "1.0.0",
                        summary: "Gives a key a new name, replacing any key of that name.", syntax: "key newkey") { call, out in
                rename(call, onlyIfNew: false, &out)
            },
            CommandSpec("renamenx", arity: 3, flags: [.write, .fast], keys: (1, 2, 1), group: "generic",
                        since: "1.0.0", summary: "Gives a key a new name unless that name is taken.",
                        syntax: "key newkey") { call, out in
                rename(call, onlyIfNew: true, &out)
            },
            CommandSpec("copy", arity: -3, flags: [.write, .denyOOM], keys: (1, 2, 1), group: "generic", since: "6.2.0",
                        summary: "Copies a key's value and expiry to another key, possibly in another database.",
                        syntax: "source destination [DB destination-db] [REPLACE]", handler: copy),
            CommandSpec("move", arity: 3, flags: [.write, .fast], keys: (1, 1, 1), group: "generic", since: "1.0.0",
                        summary: "Moves a key to another database unless it exists there.", syntax: "key db",
                        handler: move),
        ]
    }

    /// A missing source is an error even when both names are equal; an existing one renamed to itself is a no-op
    /// that succeeds (RENAME: OK, RENAMENX: 0).
    static func rename(_ call: Call, onlyIfNew: Bool, _ out: inout ByteBuffer) {
        let engine = call.engine, db = call.db, source = call.args[1], target = call.args[2]
        guard let entry = engine.lookupWrite(db, source, now: call.now) else {
            return out.writeErrorReply(ReplyError.noSuchKey)
        }
        var renamed = false
        if source != target, !onlyIfNew || engine.lookupWrite(db, target, now: call.now) == nil {
            engine.relocate(entry, from: (db, source), to: (db, target), now: call.now)
            call.notify(.generic, "rename_from", source)
            call.notify(.generic, "rename_to", target)
            renamed = true
        }
        if onlyIfNew { out.writeIntegerReply(renamed ? 1 : 0) } else { out.writeSimpleString("OK") }
    }

    /// COPY's options are parsed first (a trailing DB without index is a syntax error), then the same-key check,
    /// then the source is read (as a read: hit/miss counted) and the destination checked.
    static func copy(_ call: Call, _ out: inout ByteBuffer) {
        var targetIndex = call.client.db, replace = false
        var i = 3
        while i < call.argc {
            if call.arg(i, is: "REPLACE") {
                replace = true
            } else if call.arg(i, is: "DB"), i + 1 < call.argc {
                guard let index = call.databaseIndex(i + 1, &out) else { return }
                targetIndex = index
                i += 1
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            i += 1
        }
        let engine = call.engine, source = call.args[1], target = call.args[2]
        if targetIndex == call.client.db && source == target { return out.writeErrorReply(ReplyError.sameObject) }
        guard let entry = engine.lookupRead(call.db, source, now: call.now) else { return out.writeIntegerReply(0) }
        let targetDB = engine.databases[targetIndex]
        if !replace, engine.lookupWrite(targetDB, target, now: call.now) != nil { return out.writeIntegerReply(0) }
        if replace { engine.deleteKey(targetDB, target, now: call.now) }  // so the copy is a new key, as in Redis
        engine.setKey(targetDB, target, entry.value, expireAt: entry.expireAt, now: call.now)
        engine.dirty += 1
        engine.notifyKeyspaceEvent(.generic, "copy_to", key: target, db: targetIndex)
        out.writeIntegerReply(1)
    }

    /// MOVE checks the index, then that it differs from the current database, then the key, then the target.
    static func move(_ call: Call, _ out: inout ByteBuffer) {
        guard let targetIndex = call.databaseIndex(2, &out) else { return }
        guard targetIndex != call.client.db else { return out.writeErrorReply(ReplyError.sameObject) }
        let engine = call.engine, key = call.args[1], targetDB = engine.databases[targetIndex]
        guard let entry = engine.lookupWrite(call.db, key, now: call.now),
              engine.lookupWrite(targetDB, key, now: call.now) == nil else {
            return out.writeIntegerReply(0)
        }
        engine.relocate(entry, from: (call.db, key), to: (targetDB, key), now: call.now)
        call.notify(.generic, "move_from", key)
        engine.notifyKeyspaceEvent(.generic, "move_to", key: key, db: targetIndex)
        out.writeIntegerReply(1)
    }

    /// Stores `entry` (value and expiry) under its new place, replacing what is there, removes the old one and
    /// counts one change.
    private func relocate(_ entry: Entry, from: (Database, Bytes), to: (Database, Bytes), now: Int64) {
        deleteKey(to.0, to.1, now: now)  // an overwritten target is deleted first, so the moved key counts as new
        setKey(to.0, to.1, entry.value, expireAt: entry.expireAt, now: now)
        deleteKey(from.0, from.1, now: now)
        dirty += 1
    }
}
