import AOF
import Dispatch
import Glibc
import RDB

/// BGREWRITEAOF without fork: the writer switches new effects to a fresh incr file, a snapshot taken at that
/// same moment (O(1)) is written as the next base on a background thread while commands keep running, and the
/// manifest then makes that base plus the new incr file the whole AOF. Automatic rewrites follow
/// `auto-aof-rewrite-percentage` / `auto-aof-rewrite-min-size`.
extension Engine {
    /// A function that writes `snapshot` as an AOF base at a path, with the settings read now (on the engine's
    /// thread); the function itself runs on any thread.
    func appendOnlyBaseWriter(_ snapshot: Snapshot, cancellation: SaveCancellation? = nil) -> (String) throws(FileError) -> Void {
        appendOnlyBaseWriter(SnapshotHandoff(snapshot), cancellation: cancellation)
    }

    /// The same, for a snapshot the engine's thread takes back to release once the base is written.
    func appendOnlyBaseWriter(_ snapshot: SnapshotHandoff, cancellation: SaveCancellation? = nil) -> (String) throws(FileError) -> Void {
        let rdbPreamble = config.bool("aof-use-rdb-preamble"), timestamps = config.bool("aof-timestamp-enabled")
        let now = Engine.clockMillis()
        return { path throws(FileError) in
            try Engine.writeAppendOnlyBase(snapshot.lent, to: path, rdbPreamble: rdbPreamble, timestamps: timestamps,
                                           now: now, cancellation: cancellation)
        }
    }

    /// Writes `snapshot` as an AOF base at `path`: an RDB with `aof-base:1` (`aof-use-rdb-preamble yes`) or the
    /// commands that rebuild it (opening with a `#TS:` annotation when `timestamps`).
    private static func writeAppendOnlyBase(_ snapshot: Snapshot, to path: String, rdbPreamble: Bool, timestamps: Bool,
                                    now: Int64, cancellation: SaveCancellation? = nil) throws(FileError) {
        // Named like the AOF's own temporary bases, so a crash's leftover is removed when the files are next opened.
        let temporaryName = "temp-rewriteaof-bg-\(getpid())-\(Engine.monotonicNanos()).aof"
        if rdbPreamble {
            _ = try snapshot.write(to: path, temporaryName: temporaryName, cancellation: cancellation)
        } else {
            _ = try snapshot.writeCommands(to: path, temporaryName: temporaryName, now: now,
                                           timestampAnnotation: timestamps, cancellation: cancellation)
        }
    }

    /// Starts a background rewrite; false (logged) when the files could not be switched.
    func startAppendOnlyRewrite() -> Bool {
        guard let writer = appendOnly.writer, appendOnly.rewrite == nil else { return false }
        // Everything logged before the snapshot goes to the old incr file.
        flushAppendOnly(force: true)
        let now = Engine.clockMillis()
        let files: AOFWriter.AOFRewrite
        do {
            files = try writer.startRewrite(startOffset: commandLog.offset)
        } catch {
            logger.warning("Can't open new incr AOF for rewriting: \(error)")
            rewriteFailed()
            return false
        }
        commandLog.forgetSelectedDatabase()  // the new incr file starts without context
        let snapshot = SnapshotHandoff(takeSnapshot(now: now, aofBase: true))
        let cancellation = SaveCancellation()
        let writeBase = appendOnlyBaseWriter(snapshot, cancellation: cancellation)
        appendOnly.rewrite = (now, files, cancellation)
        logger.notice("Background append only file rewriting started")
        let work = {
            Result { () throws(FileError) in try writeBase(files.temporaryBasePath) }
        }
        guard let host else {
            finishAppendOnlyRewrite(work(), cancellation)
            releaseGradually(snapshot.takeBack())
            return true
        }
        DispatchQueue.global().async {
            let outcome = work()
            host.schedule(atMillis: 0) {
                self.finishAppendOnlyRewrite(outcome, cancellation)
                self.releaseGradually(snapshot.takeBack())
            }
        }
        return true
    }

    /// Installs the new base (or drops it on failure). Outcomes of a rewrite that was called off are ignored.
    private func finishAppendOnlyRewrite(_ outcome: Result<Void, FileError>, _ cancellation: SaveCancellation) {
        guard let rewrite = appendOnly.rewrite, rewrite.cancellation === cancellation,
              let writer = appendOnly.writer else { return }
        appendOnly.rewrite = nil
        appendOnly.lastRewriteSeconds = Int((Engine.clockMillis() - rewrite.startedAt) / 1000)
        do {
            try outcome.get()
            try writer.finishRewrite(rewrite.files)
        } catch {
            writer.abortRewrite(rewrite.files)
            logger.warning("Background AOF rewrite failed: \(error)")
            return rewriteFailed()
        }
        appendOnly.rewrites += 1
        appendOnly.lastRewriteOK = true
        appendOnly.consecutiveRewriteFailures = 0
        appendOnly.awaitingFirstBase = false
        logger.notice("Background AOF rewrite terminated with success")
        logger.notice("Background AOF rewrite finished successfully")
    }

    private func rewriteFailed() {
        appendOnly.lastRewriteOK = false
        appendOnly.consecutiveRewriteFailures += 1
        appendOnly.lastRewriteFailure = Engine.clockMillis()
        // The first base after `appendonly yes` must be written: try again (with the back-off below).
        if appendOnly.awaitingFirstBase { appendOnly.rewriteScheduled = true }
    }

    /// Redis's back-off for automatic rewrites after three failures in a row: one minute, doubling up to an hour.
    private func rewriteIsBackingOff(now: Int64) -> Bool {
        let failures = appendOnly.consecutiveRewriteFailures
        guard failures >= 3 else { return false }
        let delay = min(60 << min(failures - 3, 6), 3600)
        return now - appendOnly.lastRewriteFailure < Int64(delay) * 1000
    }

    /// From cron: a rewrite scheduled behind a background save starts once it is over; otherwise an automatic
    /// rewrite starts when the AOF grew by `auto-aof-rewrite-percentage` over its size after the last rewrite
    /// and is above `auto-aof-rewrite-min-size`.
    func checkAppendOnlyRewrite() {
        guard appendOnly.rewrite == nil, persistence.backgroundSaveStartedAt == nil,
              !rewriteIsBackingOff(now: Engine.clockMillis()) else { return }
        if appendOnly.rewriteScheduled {
            appendOnly.rewriteScheduled = false
            _ = appendOnly.isOn ? startAppendOnlyRewrite() : rewriteClosedAppendOnly()
            return
        }
        guard let writer = appendOnly.writer else { return }
        let percentage = config.int("auto-aof-rewrite-percentage")
        guard percentage > 0, writer.currentSize > config.int("auto-aof-rewrite-min-size") else { return }
        let base = max(1, writer.baseSize)
        let growth = writer.currentSize * 100 / base - 100
        guard growth >= percentage else { return }
        logger.notice("Starting automatic rewriting of AOF on \(growth)% growth")
        _ = startAppendOnlyRewrite()
    }
}
