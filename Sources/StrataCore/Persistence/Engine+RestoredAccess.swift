/// The access metadata (LRU clock or LFU counter) of a key that comes back from a DUMP payload or an RDB file.
extension Engine {
    /// The access word of a key loaded or restored with a saved LFU counter or idle time, as Redis's
    /// `objectSetLRUOrLFU` sets it: under an LFU policy the counter (if given) with the current minutes clock;
    /// under any other policy the LRU clock moved back by the idle seconds (if given); otherwise a fresh access.
    func restoredAccess(idleSeconds: Int64?, frequency: Int64?, now: Int64) -> UInt32 {
        if settings.maxMemoryPolicy.isLFU {
            guard let frequency else { return freshAccess(now: now) }
            return (Engine.lfuMinutes(at: now) << 8) | UInt32(frequency & 0xFF)
        }
        guard let idleSeconds else { return freshAccess(now: now) }
        let clock = Int64(Engine.lruClock(at: now))
        let last = clock - idleSeconds
        let max = Int64(Engine.lruClockMax)
        return UInt32(last >= 0 ? last : (clock + max / 2) % max)
    }
}
