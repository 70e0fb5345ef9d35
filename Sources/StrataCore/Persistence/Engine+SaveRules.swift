/// The `save <seconds> <changes>` rules and the final save at shutdown.
extension Engine {
    /// Seconds a failed background save waits before a save rule may try again (Redis's CONFIG_BGSAVE_RETRY_DELAY).
    static let backgroundSaveRetryDelay: Int64 = 5

    /// Called from cron: starts a background save when a rule is met — at least `changes` writes and more than
    /// `seconds` since the last successful save — unless one is running, or the last one failed less than
    /// `backgroundSaveRetryDelay` seconds ago.
    func checkSaveRules(now: Int64) {
        guard persistence.backgroundSaveStartedAt == nil else { return }
        if persistence.backgroundSaveScheduled, !appendOnly.rewriteInProgress {
            persistence.backgroundSaveScheduled = false
            _ = startBackgroundSave(to: snapshotPath)
            return
        }
        let seconds = now / 1000
        let mayRetry = persistence.lastBackgroundSaveOK
            || seconds - persistence.lastBackgroundSaveAttempt / 1000 > Engine.backgroundSaveRetryDelay
        guard mayRetry else { return }
        for rule in config.saveRules where dirty >= rule.changes && seconds - lastSaveTime > Int64(rule.seconds) {
            logger.notice("\(rule.changes) changes in \(rule.seconds) seconds. Saving...")
            _ = startBackgroundSave(to: snapshotPath)
            return
        }
    }

    /// FLUSHALL with save rules configured: the running background save is called off (its older data must not
    /// land on disk after the flush) and the now empty dataset is saved at once, as Redis does.
    public func saveAfterFlushAll() {
        persistence.backgroundSaveCancellation?.cancel()
        guard !config.saveRules.isEmpty else { return }
        try? saveSnapshot(to: snapshotPath)
    }

    /// Before exiting: calls off a running background save and removes its temporary file, then saves when save
    /// rules exist (SHUTDOWN's default, and SIGTERM) or SHUTDOWN SAVE asks for it, never with NOSAVE nor while the
    /// startup load runs. False when the save failed and the shutdown must not go on (unless FORCE).
    public func saveBeforeShutdown(_ options: ShutdownOptions) -> Bool {
        if let running = persistence.backgroundSaveCancellation {
            logger.warning("There is a child saving an .rdb. Killing it!")
            running.cancel(removingTemporaryFile: true)
        }
        // A dataset still loading must never overwrite the file it comes from.
        let wanted = !isLoading && (options.save == .save || (options.save == .default && !config.saveRules.isEmpty))
        if wanted {
            logger.notice("Saving the final RDB snapshot before exiting.")
            do {
                try saveSnapshot(to: snapshotPath)
            } catch {
                logger.warning(options.force ? "Error trying to save the DB. Exit anyway." : "Error trying to save the DB, can't exit.")
                // A refused shutdown keeps serving, so the AOF stays open.
                guard options.force else { return false }
            }
        }
        if appendOnly.isOn {
            logger.notice("Calling fsync() on the AOF file.")
            stopAppendOnly()
        }
        return true
    }
}
