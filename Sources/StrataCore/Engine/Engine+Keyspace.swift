import StrataCollections

/// Key lookup with lazy expiry and access tracking, the single path every command uses to reach a key.
extension Engine {
    /// Looks `key` up for reading: an expired key is deleted and reported missing; hits and misses are counted and
    /// the key's access metadata refreshed (unless `touch` is false, as for OBJECT and TYPE-like inspection).
    /// A miss raises the "keymiss" event unless `reportMiss` is false (OBJECT).
    public func lookupRead(_ db: Database, _ key: Bytes, now: Int64, touch: Bool = true, reportMiss: Bool = true) -> Entry? {
        guard let e = lookup(db, key, now: now, touch: touch) else {
            stats.keyspaceMisses += 1
            if reportMiss { notifyKeyspaceEvent(.keyMiss, "keymiss", key: key, db: db.index) }
            return nil
        }
        stats.keyspaceHits += 1
        return e
    }

    /// Looks `key` up before a write: expired keys are deleted first; no hit/miss accounting.
    public func lookupWrite(_ db: Database, _ key: Bytes, now: Int64) -> Entry? {
        lookup(db, key, now: now, touch: true)
    }

    /// True when `key` exists and is not expired; does not touch it.
    public func exists(_ db: Database, _ key: Bytes, now: Int64) -> Bool {
        lookup(db, key, now: now, touch: false) != nil
    }

    private func lookup(_ db: Database, _ key: Bytes, now: Int64, touch: Bool) -> Entry? {
        guard let e = db.peek(key) else { return nil }
        if e.hasExpiry && e.expireAt <= now && !replaysLog {
            deleteExpired(db, CompactBytes(key))
            return nil
        }
        // The LRU clock ticks once a second, so most reads leave the access word as it is: write it back only
        // when it changes. That keeps reads off the trie's copy-on-write path (and off shared snapshot nodes).
        if touch {
            let access = accessAfterUse(e.access, now: now)
            if access != e.access { db.touch(key, access: access) }
        }
        return e
    }

    /// Removes a key whose TTL has passed, counting it and raising the "expired" event.
    func deleteExpired(_ db: Database, _ key: CompactBytes) {
        db.remove(key)
        expiredKeyRemoved(db, key.bytes)
    }

    /// Bookkeeping for an expired key just removed from `db`.
    private func expiredKeyRemoved(_ db: Database, _ key: @autoclosure () -> Bytes) {
        stats.expiredKeys += 1
        notifyKeyspaceEvent(.expired, "expired", key: key(), db: db.index)
        propagateDeletion(db.index, key(), lazy: settings.lazyExpire)
    }

    /// Stores a new value for `key` (SET semantics): replaces any old value and, unless `keepTTL`, its expiry.
    /// Replacing a key whose TTL had passed counts as its expiry first; creating a key raises the "new" event.
    public func setKey(_ db: Database, _ key: Bytes, _ value: StoredValue, expireAt: Int64 = Entry.noExpiry,
                       keepTTL: Bool = false, now: Int64) {
        var expiry = expireAt
        if keepTTL, let old = db.peek(key), !(old.hasExpiry && old.expireAt <= now) { expiry = old.expireAt }
        let old = db.store(key, Entry(value: value, expireAt: expiry, access: freshAccess(now: now)))
        if let old, !old.isExpired(at: now) { return }
        if old != nil { expiredKeyRemoved(db, key) }
        notifyKeyspaceEvent(.newKey, "new", key: key, db: db.index)
    }

    /// Deletes `key` if present (and not already expired); true when a live key was removed.
    @discardableResult public func deleteKey(_ db: Database, _ key: Bytes, now: Int64) -> Bool {
        guard let e = db.remove(key) else { return false }
        if e.isExpired(at: now) {
            expiredKeyRemoved(db, key)
            return false
        }
        return true
    }

    // MARK: Access metadata (LRU clock / LFU counter)

    /// The LRU clock: seconds, 24 bits, wrapping as Redis's does.
    public var lruClock: UInt32 { Engine.lruClock(at: Engine.clockMillis()) }

    @inline(__always) static func lruClock(at millis: Int64) -> UInt32 {
        UInt32(truncatingIfNeeded: millis / 1000) & lruClockMax
    }
    static let lruClockMax: UInt32 = (1 << 24) - 1
    static let lfuInitialCounter: UInt32 = 5

    /// Access metadata for a key created at `now` (ms).
    func freshAccess(now: Int64) -> UInt32 {
        Engine.freshAccess(lfu: settings.maxMemoryPolicy.isLFU, now: now)
    }

    /// Access metadata after one more use of a key at time `now` (ms).
    func accessAfterUse(_ access: UInt32, now: Int64) -> UInt32 {
        guard settings.maxMemoryPolicy.isLFU else { return Engine.lruClock(at: now) }
        var counter = lfuDecayed(access)
        if counter < 255 {
            let base = Double(Int(counter) - Int(Engine.lfuInitialCounter))
            let p = 1.0 / (max(0, base) * Double(settings.lfuLogFactor) + 1)
            if Double.random(in: 0..<1, using: &random) < p { counter += 1 }
        }
        return (Engine.lfuMinutes(at: now) << 8) | counter
    }

    /// Minutes clock, 16 bits, used as the LFU decrement time.
    static func lfuMinutes(at millis: Int64) -> UInt32 { UInt32(truncatingIfNeeded: millis / 60_000) & 0xFFFF }

    /// The LFU counter after applying one decrement per `lfu-decay-time` minutes since the last access.
    public func lfuDecayed(_ access: UInt32) -> UInt32 {
        Engine.lfuDecayed(access, atMinutes: Engine.lfuMinutes(at: Engine.clockMillis()), decayTime: settings.lfuDecayTime)
    }

    /// `lfuDecayed` at a given minutes clock, for work done off the engine's thread (BGSAVE).
    static func lfuDecayed(_ access: UInt32, atMinutes nowMin: UInt32, decayTime: Int) -> UInt32 {
        let counter = access & 0xFF
        let last = access >> 8
        let elapsed = nowMin >= last ? nowMin - last : 0xFFFF - last + nowMin
        guard decayTime > 0 else { return counter }
        let periods = elapsed / UInt32(decayTime)
        return periods >= counter ? 0 : counter - periods
    }

    /// Seconds since the key was last used (OBJECT IDLETIME), from the LRU clock.
    public func idleSeconds(_ access: UInt32) -> Int { Engine.idleSeconds(access, clock: lruClock) }

    /// `idleSeconds` at a given LRU clock, for work done off the engine's thread (BGSAVE).
    static func idleSeconds(_ access: UInt32, clock now: UInt32) -> Int {
        let last = access & Engine.lruClockMax
        return Int(now >= last ? now - last : Engine.lruClockMax - last + now)
    }
}
