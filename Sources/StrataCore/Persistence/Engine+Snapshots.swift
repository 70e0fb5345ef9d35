import Dispatch
import Glibc
import RDB
import StrataCollections

/// Saving the keyspace to an RDB file (SAVE, BGSAVE, DEBUG RELOAD, shutdown) and loading one (startup,
/// DEBUG RELOAD).
extension Engine {
    /// `dbfilename`, relative to the working directory (`dir`), as Redis resolves it.
    public var snapshotPath: String { config.string("dbfilename") }

    /// Writes the whole keyspace to `path` on the calling thread (SAVE, DEBUG RELOAD, shutdown). On success the
    /// dirty counter restarts and LASTSAVE moves; on failure the previous file is untouched and the error is
    /// logged and thrown.
    public func saveSnapshot(to path: String) throws(FileError) {
        let now = Engine.clockMillis()
        do {
            _ = try takeSnapshot(now: now).write(to: path, temporaryName: "temp-\(getpid()).rdb")
        } catch {
            logger.warning("\(error)")
            throw error
        }
        logger.notice("DB saved on disk")
        dirty = 0
        lastSaveTime = now / 1000
        persistence.lastBackgroundSaveOK = true
    }

    /// Starts a background save of the keyspace as it is now (BGSAVE): the snapshot is taken here in O(1), written
    /// on another thread while commands keep running, and the outcome is recorded back on the engine's thread.
    /// False when a background save is already running. Without a host (unit tests) the file is written inline.
    public func startBackgroundSave(to path: String) -> Bool {
        guard persistence.backgroundSaveStartedAt == nil else { return false }
        let now = Engine.clockMillis()
        let snapshot = takeSnapshot(now: now)
        persistence.backgroundSaveStartedAt = now
        persistence.lastBackgroundSaveAttempt = now
        persistence.saves += 1  // Redis counts a background save when it starts
        persistence.dirtyAtBackgroundSave = dirty
        logger.notice("Background saving started")
        let temporaryName = "temp-bg-\(getpid())-\(now).rdb"
        let cancellation = SaveCancellation()
        persistence.backgroundSaveCancellation = cancellation
        let write = {
            Result { () throws(FileError) in
                try snapshot.write(to: path, temporaryName: temporaryName, cancellation: cancellation)
            }
        }
        guard let host else {
            finishBackgroundSave(write(), startedAt: now)
            return true
        }
        DispatchQueue.global().async {
            let outcome = write()
            host.schedule(atMillis: 0) { self.finishBackgroundSave(outcome, startedAt: now) }
        }
        return true
    }

    private func finishBackgroundSave(_ outcome: Result<Int, FileError>, startedAt: Int64) {
        let finished = Engine.clockMillis()
        persistence.backgroundSaveStartedAt = nil
        persistence.backgroundSaveCancellation = nil
        persistence.lastBackgroundSaveSeconds = Int((finished - startedAt) / 1000)
        switch outcome {
        case .success:
            logger.notice("Background saving terminated with success")
            dirty = max(0, dirty - persistence.dirtyAtBackgroundSave)
            lastSaveTime = finished / 1000
            persistence.lastBackgroundSaveOK = true
        case .failure(let error) where error == SaveCancellation.error:
            logger.warning("Background saving cancelled")
        case .failure(let error):
            logger.warning("\(error)")
            logger.warning("Background saving error")
            persistence.lastBackgroundSaveOK = false
        }
    }

    /// What a successful load found.
    public struct LoadReport {
        public var keysLoaded = 0
        public var keysExpired = 0
        /// The aux fields of the file (redis-ver, ctime, used-mem...), as text.
        public var aux: [String: String] = [:]
    }

    /// Reads the RDB at `path` into fresh databases and, only when the whole file (checksum included) is valid,
    /// replaces every database's contents with them. Keys already expired are skipped (as a master does), and so
    /// are empty collections. Throws the first problem with its byte offset; the keyspace is then unchanged.
    /// With `merge`, the file's keys are added to the keyspace instead, replacing keys of the same name
    /// (DEBUG RELOAD NOFLUSH MERGE). Logs what Redis logs about the file and the load.
    @discardableResult
    public func loadSnapshot(from path: String, merge: Bool = false) throws(RDBError) -> LoadReport {
        let fresh = try decodeSnapshot(from: path)
        for (db, loaded) in zip(databases, fresh.databases) {
            if merge {
                for (key, entry) in loaded.entries { db.store(key.bytes, entry) }
            } else {
                db.swapContents(with: loaded)
            }
        }
        let report = fresh.report
        persistence.lastLoadKeysLoaded = report.keysLoaded
        persistence.lastLoadKeysExpired = report.keysExpired
        if let version = report.aux["redis-ver"] { logger.notice("Loading RDB produced by version \(version)") }
        if let created = report.aux["ctime"].flatMap(Int64.init) {
            logger.notice("RDB age \(max(0, Engine.clockMillis() / 1000 - created)) seconds")
        }
        if let bytes = report.aux["used-mem"].flatMap(Double.init) {
            logger.notice("RDB memory usage when created \(format2(bytes / 1024 / 1024)) Mb")
        }
        logger.notice("Done loading RDB, keys loaded: \(report.keysLoaded), keys expired: \(report.keysExpired).")
        return report
    }

    private func decodeSnapshot(from path: String) throws(RDBError) -> (databases: [Database], report: LoadReport) {
        let input: FileInput
        do {
            input = try FileInput(path: path)
        } catch let error as RDBError {
            throw error
        } catch {
            throw RDBError(offset: 0, "cannot open \(path): \(error)")
        }
        var decoder = RDBDecoder(input)
        try decoder.readHeader()
        let now = Engine.clockMillis()
        let limits = settings.encodingLimits
        let fresh = databases.map { Database(index: $0.index) }
        var report = LoadReport()
        while true {
            let at = decoder.offset
            switch try decoder.next() {
            case .aux(let key, let value):
                report.aux[key.text] = value.text
            case .selectDB(let index):
                guard index < fresh.count else {
                    throw RDBError(offset: at, "FATAL: Data file was created with a Redis server configured to handle more than \(fresh.count) databases. Exiting")
                }
            case .resizeDB, .function:
                break
            case .entry(let record):
                if let expireAt = record.expireAt, expireAt < now {
                    report.keysExpired += 1
                    continue
                }
                let value: StoredValue?
                do {
                    value = try StoredValue(rdb: record.value, encoding: record.encoding, limits: limits)
                } catch {
                    throw RDBError(offset: record.offset, error.message, key: record.key)
                }
                guard let value else { continue }  // an empty collection: Redis skips it too
                let entry = Entry(value: value, expireAt: record.expireAt ?? Entry.noExpiry,
                                  access: restoredAccess(idleSeconds: record.idleSeconds.map { Int64(clamping: $0) },
                                                         frequency: record.frequency.map(Int64.init), now: now))
                guard fresh[record.db].store(record.key, entry) == nil else {
                    throw RDBError(offset: record.offset, "duplicated key in DB \(record.db)", key: record.key)
                }
                report.keysLoaded += 1
            case .end:
                return (fresh, report)
            }
        }
    }
}

extension Engine {
    /// Startup: loads `dbfilename` if it exists, logging as Redis does. False after logging the error (with its
    /// byte offset) when the file cannot be loaded: the server must then refuse to start rather than serve a
    /// partial dataset.
    public func loadSnapshotAtStartup() -> Bool {
        let path = snapshotPath
        guard access(path, F_OK) == 0 else { return true }
        let started = Engine.monotonicNanos()
        do {
            try loadSnapshot(from: path)
        } catch {
            logger.warning("Fatal error loading the DB \(path) at offset \(error.offset): \(error). Exiting.")
            return false
        }
        logger.notice("DB loaded from disk: \(fixed(Double(Engine.monotonicNanos() - started) / 1e9, digits: 3)) seconds")
        return true
    }
}
