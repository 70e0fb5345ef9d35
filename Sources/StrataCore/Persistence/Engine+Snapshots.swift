import Dispatch
import Glibc
import Logging
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
        let snapshot = SnapshotHandoff(takeSnapshot(now: now))
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
                try snapshot.lent.write(to: path, temporaryName: temporaryName, cancellation: cancellation)
            }
        }
        guard let host else {
            finishBackgroundSave(write(), startedAt: now)
            releaseGradually(snapshot.takeBack())
            return true
        }
        DispatchQueue.global().async {
            let outcome = write()
            host.schedule(atMillis: 0) {
                self.finishBackgroundSave(outcome, startedAt: now)
                self.releaseGradually(snapshot.takeBack())
            }
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
    public func loadSnapshot(from path: String, merge: Bool = false, keepingExpired: Bool = false) throws(RDBError) -> LoadReport {
        let load = try beginSnapshotLoad(from: path, keepingExpired: keepingExpired)
        try load.advance(byteBudget: .max)
        return installSnapshot(load, merge: merge)
    }

    /// With `keepingExpired`, keys whose TTL has passed are loaded too (an AOF base).
    func beginSnapshotLoad(from path: String, keepingExpired: Bool = false) throws(RDBError) -> SnapshotLoad {
        try SnapshotLoad(path: path, databaseCount: databases.count, limits: settings.encodingLimits, logger: logger,
                         lfu: settings.maxMemoryPolicy.isLFU, keyDelayMicros: config.int("key-load-delay"),
                         now: Engine.clockMillis(), keepsExpired: keepingExpired)
    }

    /// What Redis logs about a dump's aux fields as it reads them: the version that wrote it, its age, the memory
    /// the dataset used then.
    static func logAuxField(_ key: String, _ value: String, logger: Logger) {
        switch key {
        case "redis-ver":
            logger.notice("Loading RDB produced by version \(value)")
        case "ctime":
            guard let created = Int64(value) else { return }
            logger.notice("RDB age \(max(0, Engine.clockMillis() / 1000 - created)) seconds")
        case "used-mem":
            guard let bytes = Double(value) else { return }
            logger.notice("RDB memory usage when created \(format2(bytes / 1024 / 1024)) Mb")
        default:
            break
        }
    }

    /// Makes a completely read file the dataset (or merges it in) and logs the load as Redis does.
    @discardableResult
    func installSnapshot(_ load: SnapshotLoad, merge: Bool) -> LoadReport {
        for (db, loaded) in zip(databases, load.databases) {
            if merge {
                for (key, entry) in loaded.entries { db.store(key.bytes, entry) }
            } else {
                db.swapContents(with: loaded)
            }
        }
        let report = load.report
        persistence.lastLoadKeysLoaded = report.keysLoaded
        persistence.lastLoadKeysExpired = report.keysExpired
        logger.notice("Done loading RDB, keys loaded: \(report.keysLoaded), keys expired: \(report.keysExpired).")
        return report
    }
}
