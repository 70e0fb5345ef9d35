import StrataCollections
import StrataText
import NIOCore
import RESP

/// The generic key commands: DEL, UNLINK, EXISTS, TYPE, TOUCH, KEYS, RANDOMKEY here; expiry, SCAN, OBJECT,
/// RENAME/COPY/MOVE and the whole-database commands in their own files.
extension Engine {
    static var keyCommands: [CommandSpec] {
        [
            CommandSpec("del", arity: -2, flags: [.write], keys: (1, -1, 1), group: "generic", since: "1.0.0",
                        summary: "Removes keys.", syntax: "key [key ...]", handler: deleteKeys),
            CommandSpec("unlink", arity: -2, flags: [.write, .fast], keys: (1, -1, 1), group: "generic", since: "4.0.0",
                        summary: "Removes keys, reclaiming their memory in the background.", syntax: "key [key ...]",
                        handler: deleteKeys),
            CommandSpec("exists", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1), group: "generic",
                        since: "1.0.0", summary: "Counts how many of the given keys exist; repeats count again.",
                        syntax: "key [key ...]") { call, out in
                out.writeIntegerReply(call.countExisting(touching: false))
            },
            CommandSpec("touch", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1), group: "generic",
                        since: "3.2.1", summary: "Marks keys as just used; returns how many exist.",
                        syntax: "key [key ...]") { call, out in
                out.writeIntegerReply(call.countExisting(touching: true))
            },
            CommandSpec("type", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1), group: "generic", since: "1.0.0",
                        summary: "Names the type of the value under a key.", syntax: "key") { call, out in
                let entry = call.engine.lookupRead(call.db, call.args[1], now: call.now, touch: false)
                out.writeSimpleString(entry?.value.typeName ?? "none")
            },
            CommandSpec("keys", arity: 2, flags: [.readonly], group: "generic", since: "1.0.0",
                        summary: "Lists the keys matching a glob pattern.", syntax: "pattern", handler: keys),
            CommandSpec("randomkey", arity: 1, flags: [.readonly], group: "generic", since: "1.0.0",
                        summary: "Returns a random key.", handler: randomKey),
            scanCommand, objectCommand,
        ] + expireCommands + renameCopyMoveCommands + databaseCommands
    }

    /// DEL and UNLINK: values are reference counted and freed when the last snapshot lets go, so both delete
    /// the same way. A key named twice counts once.
    static func deleteKeys(_ call: Call, _ out: inout ByteBuffer) {
        var deleted = 0
        for key in call.args.dropFirst() where call.engine.deleteKey(call.db, key, now: call.now) {
            deleted += 1
            call.notify(.generic, "del", key)
        }
        call.engine.dirty += deleted
        out.writeIntegerReply(deleted)
    }

    /// KEYS skips expired keys without deleting them, as Redis does.
    static func keys(_ call: Call, _ out: inout ByteBuffer) {
        let pattern = call.args[1]
        let matchAll = GlobPattern.isMatchAll(pattern)
        var found: [Bytes] = []
        for (stored, entry) in call.db.entries where !entry.isExpired(at: call.now) {
            let key = stored.bytes
            if matchAll || GlobPattern.matches(pattern, key) { found.append(key) }
        }
        out.writeArrayHeader(found.count)
        for key in found { out.writeBulkReply(key) }
    }

    /// RANDOMKEY deletes the expired keys it draws and draws again, so it only answers nil for an empty database.
    static func randomKey(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine, db = call.db
        while let (stored, entry) = db.entries.randomElement(using: &engine.random) {
            if entry.isExpired(at: call.now) {
                engine.deleteExpired(db, stored)
                continue
            }
            return out.writeBulkReply(stored.bytes)
        }
        out.writeNullReply(call.proto)
    }
}

extension Call {
    /// EXISTS and TOUCH: how many of the key arguments exist, a key named twice counting twice.
    fileprivate func countExisting(touching: Bool) -> Int {
        var n = 0
        for key in args.dropFirst() where engine.lookupRead(db, key, now: now, touch: touching) != nil { n += 1 }
        return n
    }
}

extension Entry {
    /// True once the key's TTL has passed at `now` (Unix ms).
    @inline(__always) func isExpired(at now: Int64) -> Bool { hasExpiry && expireAt <= now }
}
