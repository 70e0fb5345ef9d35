import StrataCollections

/// maxmemory enforcement: Redis's approximated LRU/LFU/TTL eviction. Each round samples `maxmemory-samples`
/// keys per database into a small pool of the best candidates seen so far and evicts the best one.
extension Engine {
    /// Evicts keys until used memory is within `maxmemory`. Returns false when that could not be reached (policy
    /// noeviction, or nothing left to evict).
    @discardableResult public func performEvictions() -> Bool {
        let limit = settings.maxMemory
        guard limit > 0 else { return true }
        var used = usedMemory
        guard used > limit else { return true }
        let policy = settings.maxMemoryPolicy
        if policy == .noEviction { return false }
        let now = Engine.clockMillis()
        // Before a command, each eviction is its own unit (also when the command is then refused); inside one
        // (CONFIG SET maxmemory), part of its unit.
        defer { if executionDepth == 0 { commandLog.commitUnit(atomic: false) } }
        while used > limit {
            guard let (dbIndex, key) = pickVictim(policy, now: now) else { return false }
            let db = databases[dbIndex]
            if db.remove(key) != nil {
                stats.evictedKeys += 1
                notifyKeyspaceEvent(.evicted, "evicted", key: key.bytes, db: dbIndex)
                propagateDeletion(dbIndex, key.bytes, lazy: settings.lazyEviction)
            }
            used = usedMemory
        }
        stats.peakMemory = max(stats.peakMemory, used)
        return true
    }

    private func pickVictim(_ policy: EvictionPolicy, now: Int64) -> (Int, CompactBytes)? {
        if policy == .allKeysRandom || policy == .volatileRandom {
            // Start at a random database so no database is always drained first.
            let start = Int.random(in: 0..<databases.count, using: &random)
            for step in 0..<databases.count {
                let i = (start + step) % databases.count
                let db = databases[i]
                let key = policy == .allKeysRandom ? db.entries.randomElement(using: &random)?.key
                    : db.expires.randomElement(using: &random)?.key
                if let key { return (i, key) }
            }
            return nil
        }
        for (i, db) in databases.enumerated() {
            let population = policy.onlyVolatile ? db.expiringCount : db.count
            guard population > 0 else { continue }
            for _ in 0..<min(settings.maxMemorySamples, population) {
                // Sampling the main table yields the entry; the expiry index only the key.
                let sampled: (key: CompactBytes, value: Entry)?
                if policy.onlyVolatile {
                    sampled = db.expires.randomElement(using: &random).flatMap { s in db.peek(s.key).map { (s.key, $0) } }
                } else {
                    sampled = db.entries.randomElement(using: &random)
                }
                guard let (key, entry) = sampled else { continue }
                evictionPool.offer(db: i, key: key, score: evictionScore(entry, policy, now: now))
            }
        }
        while let candidate = evictionPool.takeBest() {
            let db = databases[candidate.db]
            guard let e = db.peek(candidate.key) else { continue }
            if policy.onlyVolatile && !e.hasExpiry { continue }
            return (candidate.db, candidate.key)
        }
        return nil
    }

    /// Higher is a better victim: idle seconds (LRU), 255 - frequency (LFU), or nearness of expiry (TTL).
    private func evictionScore(_ e: Entry, _ policy: EvictionPolicy, now: Int64) -> Int64 {
        switch policy {
        case .allKeysLFU, .volatileLFU: return 255 - Int64(lfuDecayed(e.access))
        case .volatileTTL: return Int64.max - e.expireAt
        default: return Int64(idleSeconds(e.access))
        }
    }
}

/// The best eviction candidates seen by recent sampling rounds, kept sorted by score (best last).
struct EvictionPool {
    struct Candidate {
        let db: Int
        let key: CompactBytes
        let score: Int64
    }

    static let capacity = 16
    private(set) var candidates: [Candidate] = []

    mutating func offer(db: Int, key: CompactBytes, score: Int64) {
        if candidates.contains(where: { $0.db == db && $0.key == key }) { return }
        if candidates.count >= EvictionPool.capacity {
            guard let worst = candidates.first, score > worst.score else { return }
            candidates.removeFirst()
        }
        let at = candidates.firstIndex { $0.score > score } ?? candidates.count
        candidates.insert(Candidate(db: db, key: key, score: score), at: at)
    }

    mutating func takeBest() -> Candidate? { candidates.popLast() }

    mutating func clear() { candidates.removeAll() }
}
