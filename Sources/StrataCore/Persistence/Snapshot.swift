import RDB
import StrataCollections

/// A point-in-time copy of the keyspace and of the settings that shape its RDB, taken in O(1) per database (the
/// tries and the values in them are copy-on-write, so later writes copy only what they touch). It shares nothing
/// mutable with the engine, so it can be written on any thread.
///
/// File layout, as Redis 7.0 writes it: header `REDIS0010`; aux fields redis-ver, redis-bits, ctime, used-mem,
/// aof-base; per non-empty database SELECTDB and RESIZEDB (keys, keys with a TTL); per key `[EXPIRETIME_MS]
/// [IDLE | FREQ] <type> <key> <value>`; EOF and the CRC-64 (zero with `rdbchecksum no`).
struct Snapshot {
    struct DatabaseView {
        let index: Int
        let entries: HashTrie<CompactBytes, Entry>
        let expiringCount: Int
    }

    /// What a key's access word is saved as: nothing (policies without LRU/LFU), IDLE seconds (LRU policies,
    /// against the LRU clock at snapshot time) or FREQ (LFU policies, the counter decayed to snapshot time).
    enum AccessRecord {
        case none
        case idle(lruClock: UInt32)
        case frequency(minutes: UInt32, decayTime: Int)
    }

    let databases: [DatabaseView]
    let aux: [(String, String)]
    let compression: Bool
    let checksum: Bool
    let listNodeSize: Int
    let access: AccessRecord

    /// Writes the snapshot atomically to `path` (via `temporaryName` in the same directory); returns the number
    /// of keys written. A cancelled save leaves `path` as it was and throws `SaveCancellation.error`.
    func write(to path: String, temporaryName: String, cancellation: SaveCancellation? = nil) throws(FileError) -> Int {
        let open = { () throws(FileError) in
            try RDBFileWriter(path: path, temporaryName: temporaryName, compression: compression, checksum: checksum)
        }
        let writer: RDBFileWriter
        if let cancellation {
            guard let opened = try cancellation.openUnlessCancelled(open) else { throw SaveCancellation.error }
            writer = opened
        } else {
            writer = try open()
        }
        do throws(FileError) {
            try writer.begin(aux: aux)
            var keys = 0
            for db in databases where db.entries.count > 0 {
                try writer.beginDatabase(db.index, keys: db.entries.count, expires: db.expiringCount)
                for (key, entry) in db.entries {
                    try writer.write { encoder in write(key, entry, to: &encoder) }
                    keys += 1
                }
            }
            if let cancellation {
                guard try cancellation.commitUnlessCancelled({ () throws(FileError) in try writer.commit() }) else {
                    throw SaveCancellation.error
                }
            } else {
                try writer.commit()
            }
            return keys
        } catch {
            writer.abort()
            throw error
        }
    }

    /// One key's records, written straight from the in-memory value.
    func write(_ key: CompactBytes, _ entry: Entry, to encoder: inout RDBEncoder) {
        var idle: UInt64?
        var frequency: UInt8?
        switch access {
        case .none: break
        case .idle(let clock): idle = UInt64(Engine.idleSeconds(entry.access, clock: clock))
        case .frequency(let minutes, let decayTime):
            frequency = UInt8(Engine.lfuDecayed(entry.access, atMinutes: minutes, decayTime: decayTime))
        }
        encoder.writeKeyMetadata(expireAt: entry.hasExpiry ? entry.expireAt : nil, idleSeconds: idle, frequency: frequency)
        key.withUnsafeBytes { entry.value.writeRDB(key: $0, to: &encoder, listNodeSize: listNodeSize) }
    }
}

extension Engine {
    /// The keyspace as it is now, with the aux fields and settings its RDB is written with.
    /// With `aofBase`, the file is marked as an AOF base (aux `aof-base` 1), as Redis marks its rewrite's RDB.
    func takeSnapshot(now: Int64, aofBase: Bool = false) -> Snapshot {
        let policy = settings.maxMemoryPolicy
        let access: Snapshot.AccessRecord
        switch policy {
        case .allKeysLRU, .volatileLRU: access = .idle(lruClock: Engine.lruClock(at: now))
        case .allKeysLFU, .volatileLFU: access = .frequency(minutes: Engine.lfuMinutes(at: now), decayTime: settings.lfuDecayTime)
        default: access = .none
        }
        return Snapshot(
            databases: databases.map { Snapshot.DatabaseView(index: $0.index, entries: $0.entries, expiringCount: $0.expiringCount) },
            aux: [("redis-ver", Engine.redisVersion), ("redis-bits", "64"), ("ctime", String(now / 1000)),
                  ("used-mem", String(usedMemory)), ("aof-base", aofBase ? "1" : "0")],
            compression: config.bool("rdbcompression"), checksum: config.bool("rdbchecksum"),
            listNodeSize: settings.encodingLimits.listMaxListpackSize, access: access)
    }
}
