import RDB

/// The command form of a snapshot: the AOF base Redis 7.0 writes with `aof-use-rdb-preamble no`
/// (rewriteAppendOnlyFileRio), which any server replays by executing it.
///
/// Layout: with `timestampAnnotation`, first `#TS:<unix seconds>\r\n` (as with `aof-timestamp-enabled yes`); then
/// per non-empty database, in order, `SELECT <n>` followed by each key's commands (see
/// `StoredValue.writeCommands(key:to:)`) and, for a key with a TTL, `PEXPIREAT <key> <unix ms>`. Every command is a
/// RESP array of bulk strings.
extension Snapshot {
    /// Writes the snapshot as commands atomically to `path` (via `temporaryName` in the same directory), fsynced
    /// before it replaces `path`; returns the number of keys written. Keys whose TTL had passed at `now` (the
    /// snapshot's time) are left out. A cancelled write leaves `path` as it was and throws
    /// `SaveCancellation.error`. Memory stays bounded by the writer's chunk plus one element whatever the dataset.
    func writeCommands(to path: String, temporaryName: String, now: Int64, timestampAnnotation: Bool = false,
                       cancellation: SaveCancellation? = nil) throws(FileError) -> Int {
        let open = { () throws(FileError) in try CommandFileWriter(path: path, temporaryName: temporaryName) }
        let out: CommandFileWriter
        if let cancellation {
            guard let opened = try cancellation.openUnlessCancelled(open) else { throw SaveCancellation.error }
            out = opened
        } else {
            out = try open()
        }
        do throws(FileError) {
            if timestampAnnotation { out.raw("#TS:\(now / 1000)\r\n".utf8) }
            var keys = 0
            for db in databases where db.entries.count > 0 {
                out.command(2)
                out.bulk("SELECT")
                out.bulk(Int64(db.index))
                for (key, entry) in db.entries where !entry.isExpired(at: now) {
                    key.withUnsafeBytes { key in
                        entry.value.writeCommands(key: key, to: out)
                        if entry.hasExpiry {
                            out.command(3)
                            out.bulk("PEXPIREAT")
                            out.bulk(key)
                            out.bulk(entry.expireAt)
                        }
                    }
                    try out.check()
                    keys += 1
                }
            }
            if let cancellation {
                guard try cancellation.commitUnlessCancelled({ () throws(FileError) in try out.commit() }) else {
                    throw SaveCancellation.error
                }
            } else {
                try out.commit()
            }
            return keys
        } catch {
            out.abort()
            throw error
        }
    }
}

extension CommandFileWriter: SaveTemporaryFile {}
