/// The access metadata (LRU clock or LFU counter) of a key that comes back from a DUMP payload or an RDB file.
extension Engine {
    /// The access word of a key loaded or restored with a saved LFU counter or idle time, as Redis's
    /// `objectSetLRUOrLFU` sets it: under an LFU policy the counter (if given) with the current minutes clock;
    /// under any other policy the LRU clock moved back by the idle seconds (if given); otherwise a fresh access.
    func restoredAccess(idleSeconds: Int64?, frequency: Int64?, now: Int64) -> UInt32 {
        Engine.restoredAccess(lfu: settings.maxMemoryPolicy.isLFU, idleSeconds: idleSeconds, frequency: frequency, now: now)
    }

    /// `restoredAccess` for a given policy kind, usable off the engine's thread (the startup load).
    static func restoredAccess(lfu: Bool, idleSeconds: Int64?, frequency: Int64?, now: Int64) -> UInt32 {
        if lfu {
            guard let frequency else { return freshAccess(lfu: true, now: now) }
            return (Engine.lfuMinutes(at: now) << 8) | UInt32(frequency & 0xFF)
        }
        guard let idleSeconds else { return freshAccess(lfu: false, now: now) }
        let clock = Int64(Engine.lruClock(at: now))
        let last = clock - idleSeconds
        let max = Int64(Engine.lruClockMax)
        return UInt32(last >= 0 ? last : (clock + max / 2) % max)
    }

    /// The access word of a key created at `now`: the LFU start counter, or the LRU clock.
    static func freshAccess(lfu: Bool, now: Int64) -> UInt32 {
        lfu ? (Engine.lfuMinutes(at: now) << 8) | Engine.lfuInitialCounter : Engine.lruClock(at: now)
    }
}
