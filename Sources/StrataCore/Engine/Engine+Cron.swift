import StrataCollections

/// Periodic work, called `hz` times a second by the server: active expiry, eviction, rate samples.
extension Engine {
    /// Keys sampled per database per active-expiry round, and the share of expired keys in a sample above which
    /// another round follows (Redis's "acceptable stale" percentage).
    static let activeExpireSample = 20
    static let activeExpireAcceptableStalePercent = 10

    public func cron() {
        let now = Engine.clockMillis()
        // While the AOF replays, the dataset belongs to the log: nothing expires, is evicted or saved.
        if isLoading {
            opsRate.record(now: now, value: stats.commandsProcessed)
            return
        }
        if settings.activeExpire { activeExpireCycle(now: now, budgetMicros: 250_000 / max(1, settings.hz)) }
        performEvictions()
        commandLog.commitUnit(atomic: false)
        expireBlockedCommands(now: now)
        if settings.maxIdleSeconds > 0 { closeIdleClients(now: now) }
        opsRate.record(now: now, value: stats.commandsProcessed)
        inputRate.record(now: now, value: stats.netInputBytes)
        outputRate.record(now: now, value: stats.netOutputBytes)
        stats.peakMemory = max(stats.peakMemory, usedMemory)
        if let p = pause, p.until <= now { pause = nil }
        checkSaveRules(now: now)
        flushAppendOnly()
        checkAppendOnlyRewrite()
    }

    /// `timeout`: closes clients with no traffic (nothing read from them, no reply bytes taken by their socket) for
    /// longer than `timeout` seconds, except those waiting on purpose — blocked in a command or by CLIENT PAUSE,
    /// subscribed, or MONITORing (a replica, in Redis) — as Redis does.
    func closeIdleClients(now: Int64) {
        let limit = Int64(settings.maxIdleSeconds)
        for client in clients.byID.values where client.blocked == nil && !client.isPostponed
            && !client.subscriptions.isActive && !client.isMonitor {
            // Whole seconds, as Redis compares its unixtime clock.
            guard now / 1000 - client.lastInteraction / 1000 > limit else { continue }
            logger.info("Closing idle client")
            client.kill?()
        }
    }

    /// Deletes expired keys found by sampling the expiry index, within a time budget (25% of a cron period by
    /// default, like Redis's slow cycle). Resumes at the next database on the following call.
    func activeExpireCycle(now: Int64, budgetMicros: Int) {
        let start = Engine.monotonicNanos()
        let deadline = start + UInt64(budgetMicros) * 1000
        for _ in 0..<databases.count {
            let db = databases[activeExpireNextDB % databases.count]
            activeExpireNextDB = (activeExpireNextDB + 1) % databases.count
            while db.expiringCount > 0 {
                let samples = min(Engine.activeExpireSample, db.expiringCount)
                var expired = 0
                for _ in 0..<samples {
                    guard let (key, at) = db.expires.randomElement(using: &random) else { break }
                    if at <= now {
                        deleteExpired(db, key)
                        expired += 1
                    }
                }
                if expired * 100 <= samples * Engine.activeExpireAcceptableStalePercent { break }
                if Engine.monotonicNanos() > deadline { return }
            }
        }
    }
}
