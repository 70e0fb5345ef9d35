import Glibc
import RDB

/// What the startup load has come to.
public enum StartupLoadStep {
    /// More of the file remains to be read.
    case loading
    /// The dataset is installed (or there was no file).
    case done
    /// The file is unusable; the error is logged and the server must exit without serving.
    case failed
}

/// The reading half of the startup load, handed to a background thread: it touches only the load's own
/// databases, never the engine. Its outcome goes back to `Engine.finishStartupLoad` on the engine's thread.
public struct StartupLoadReader: Sendable {
    let load: SnapshotLoad
    let sliceBytes: Int

    /// Reads the rest of the file; nil when it was read completely, else the first problem.
    public func readToEnd() -> RDBError? {
        do {
            try load.readToEnd(sliceBytes: sliceBytes)
            return nil
        } catch {
            return error
        }
    }
}

/// Loading `dbfilename` at startup while clients are already connected, as Redis does. The file is decoded off the
/// engine's thread into databases of its own; meanwhile every command without the `loading` flag is refused with
/// -LOADING and INFO persistence reports the progress (published every `loading-process-events-interval-bytes`).
/// The keys become visible all at once, only after the whole file and its checksum are verified.
extension Engine {
    /// Whether the startup load is in progress.
    public var isLoading: Bool { persistence.loading != nil || appendOnlyLoad != nil || startupLoadPending }

    static let loadingRefusal = "LOADING Redis is loading the dataset in memory"

    /// Starts loading `dbfilename` if it exists: `.loading` once the header is read, `.done` when there is no
    /// file, `.failed` (logged) when it cannot be opened or its header is wrong.
    public func beginStartupLoad() -> StartupLoadStep {
        if config.bool("appendonly") { return beginAppendOnlyLoad() }
        let path = snapshotPath
        guard access(path, F_OK) == 0 else { return .done }
        do {
            persistence.loading = try beginSnapshotLoad(from: path)
        } catch {
            return startupLoadFailed(path, error)
        }
        return .loading
    }

    /// The reader of the load `beginStartupLoad` began, nil when none is in progress.
    public var startupLoadReader: StartupLoadReader? {
        persistence.loading.map { StartupLoadReader(load: $0, sliceBytes: config.int("loading-process-events-interval-bytes")) }
    }

    /// Reads one slice of the load on the engine's own thread, finishing it at the end (tests step through a
    /// load this way).
    func continueStartupLoad() -> StartupLoadStep {
        guard let load = persistence.loading else {
            return continueAppendOnlyLoad(byteBudget: config.int("loading-process-events-interval-bytes"))
        }
        do {
            try load.advance(byteBudget: config.int("loading-process-events-interval-bytes"))
        } catch {
            return finishStartupLoad(error)
        }
        return load.finished ? finishStartupLoad(nil) : .loading
    }

    /// Ends the load with the reader's outcome: installs the dataset and logs the load time, or logs the error
    /// with its offset (the dataset stays empty and the server must exit).
    public func finishStartupLoad(_ error: RDBError?) -> StartupLoadStep {
        guard let load = persistence.loading else { return .done }
        persistence.loading = nil
        if let error {
            let step = startupLoadFailed(load.path, error)
            appendOnlyLoad = nil
            return step
        }
        installSnapshot(load, merge: false)
        // An AOF's RDB base: its commands come next.
        if appendOnlyLoad != nil {
            appendOnlyBaseLoaded(bytes: load.totalBytes)
            return .loading
        }
        let seconds = Double(Engine.monotonicNanos() - load.startedNanos) / 1e9
        logger.notice("DB loaded from disk: \(fixed(seconds, digits: 3)) seconds")
        return .done
    }

    private func startupLoadFailed(_ path: String, _ error: RDBError) -> StartupLoadStep {
        logger.warning("Fatal error loading the DB \(path) at offset \(error.offset): \(error). Exiting.")
        return .failed
    }

    /// The loading_* fields INFO persistence appends while loading, computed as Redis 7.0 does (the ETA is
    /// elapsed time scaled by the bytes remaining over the bytes read, 1 in the first second).
    func loadingInfo(now: Int64) -> [(String, String)] {
        // An AOF load reports all its files, its RDB base included, as Redis does.
        if let load = appendOnlyLoad {
            let base = persistence.loading
            return loadingInfo(loaded: load.loadedBytes + (base?.loadedBytes ?? 0), total: load.totalBytes,
                               startedAt: load.startedAt, rdbUsedMemory: base?.usedMemoryWhenCreated ?? 0, now: now)
        }
        guard let load = persistence.loading else { return [] }
        return loadingInfo(loaded: load.loadedBytes, total: load.totalBytes, startedAt: load.startedAt,
                           rdbUsedMemory: load.usedMemoryWhenCreated, now: now)
    }

    private func loadingInfo(loaded: Int, total: Int, startedAt: Int64, rdbUsedMemory: Int,
                             now: Int64) -> [(String, String)] {
        let percent = total > 0 ? Double(loaded) / Double(total) * 100 : 0
        let remaining = total > 0 ? total - loaded : 1
        let elapsed = now / 1000 - startedAt
        let eta = elapsed == 0 ? 1 : elapsed * Int64(remaining) / Int64(loaded + 1)
        return [
            ("loading_start_time", String(startedAt)), ("loading_total_bytes", String(total)),
            ("loading_rdb_used_mem", String(rdbUsedMemory)), ("loading_loaded_bytes", String(loaded)),
            ("loading_loaded_perc", fixed(percent, digits: 2)), ("loading_eta_seconds", String(eta)),
        ]
    }
}
