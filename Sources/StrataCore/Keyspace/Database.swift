import StrataCollections

/// One numbered Redis database: the main table and an index of the keys that carry a TTL (sampled by active
/// expiry and the volatile-* eviction policies). Both are persistent tries, so copying them is O(1).
/// This type only stores; expiry rules, statistics and notifications live in `Engine`.
public final class Database {
    /// The database number (SELECT index). SWAPDB exchanges contents, never numbers.
    public let index: Int
    public private(set) var entries = HashTrie<CompactBytes, Entry>()
    /// Keys with a TTL, mapped to their absolute expiry (ms). Mirrors `Entry.expireAt`.
    public private(set) var expires = HashTrie<CompactBytes, Int64>()
    /// Estimated heap bytes held by this database's keys and values.
    public private(set) var memory = 0

    /// Keys someone waits on (WATCH, blocked pops), with how many waiters each has. Every store, modify or
    /// removal of one of them is reported to `observer`; with no observed keys the check is one branch.
    public private(set) var observedKeys: [CompactBytes: Int] = [:]
    /// The engine that owns this database. Not `weak`: a weak reference would give the engine a side table and
    /// make every retain and release of it take the slow path (measured: ~10% of a command's CPU).
    public unowned(unsafe) var observer: DatabaseObserver?

    public init(index: Int = 0) {
        self.index = index
    }

    /// Starts (or adds a waiter to) the observation of `key`.
    public func observe(_ key: CompactBytes) { observedKeys[key, default: 0] += 1 }

    /// Drops one waiter of `key`.
    public func stopObserving(_ key: CompactBytes) {
        guard let n = observedKeys[key] else { return }
        observedKeys[key] = n > 1 ? n - 1 : nil
    }

    @inline(__always) private func changed(_ key: CompactBytes) {
        if !observedKeys.isEmpty, observedKeys[key] != nil { observer?.keyChanged(self, key) }
    }

    public var count: Int { entries.count }
    public var expiringCount: Int { expires.count }

    /// The raw entry, expired or not.
    @inline(__always) public func peek(_ key: Bytes) -> Entry? { entries[CompactBytes(key)] }

    /// The raw entry of a key taken from one of the tries (sampling, scans): no conversion.
    @inline(__always) public func peek(_ key: CompactBytes) -> Entry? { entries[key] }

    /// Inserts or replaces the entry under `key`, keeping the expiry index in step; returns the replaced entry.
    @discardableResult public func store(_ key: Bytes, _ entry: Entry) -> Entry? { store(CompactBytes(key), entry) }

    /// Inserts or replaces the entry under a key already in compact form (loading a snapshot).
    @discardableResult public func store(_ key: CompactBytes, _ entry: Entry) -> Entry? {
        let old = entries.updateValue(entry, forKey: key)
        if let old {
            memory -= MemoryEstimate.entry(key: key, old)
            if old.hasExpiry && !entry.hasExpiry { expires.removeValue(forKey: key) }
        }
        if entry.hasExpiry { expires[key] = entry.expireAt }
        memory += MemoryEstimate.entry(key: key, entry)
        changed(key)
        return old
    }

    /// Fills an empty database with tries built in bulk (loading a snapshot): `expires` must hold exactly the
    /// expiries of `entries`, and `memory` be the sum of their estimates.
    public func fill(entries: HashTrie<CompactBytes, Entry>, expires: HashTrie<CompactBytes, Int64>, memory: Int) {
        precondition(self.entries.isEmpty, "bulk fill of a database in use")
        self.entries = entries
        self.expires = expires
        self.memory = memory
    }

    /// Removes `key`; returns the removed entry.
    @discardableResult public func remove(_ key: Bytes) -> Entry? { remove(CompactBytes(key)) }

    /// Removes a key taken from one of the tries; returns the removed entry.
    @discardableResult public func remove(_ key: CompactBytes) -> Entry? {
        guard let old = entries.removeValue(forKey: key) else { return nil }
        if old.hasExpiry { expires.removeValue(forKey: key) }
        memory -= MemoryEstimate.entry(key: key, old)
        changed(key)
        return old
    }

    /// Mutates the entry in place (no copy of a uniquely held value); memory and the expiry index follow the change.
    /// `unchanged` tells from the result that `body` left the entry as it was (a failed INCR): then watchers of the
    /// key are not told, as Redis signals only real modifications.
    @discardableResult public func modify<R>(_ key: Bytes, unchanged: (R) -> Bool = { _ in false },
                                             _ body: (inout Entry) throws -> R) rethrows -> R? {
        let key = CompactBytes(key)
        var oldExpiry = Entry.noExpiry, newExpiry = Entry.noExpiry
        let result: R? = try entries.modifyValue(forKey: key) { e in
            let before = MemoryEstimate.entry(key: key, e)
            oldExpiry = e.expireAt
            let r = try body(&e)
            memory += MemoryEstimate.entry(key: key, e) - before
            newExpiry = e.expireAt
            return r
        }
        guard let r = result else { return nil }
        if !unchanged(r) { changed(key) }
        guard oldExpiry != newExpiry else { return result }
        if newExpiry != Entry.noExpiry {
            expires[key] = newExpiry
        } else {
            expires.removeValue(forKey: key)
        }
        return result
    }

    /// Updates only the access metadata (LRU/LFU) of an entry.
    @inline(__always) public func touch(_ key: Bytes, access: UInt32) {
        entries.modifyValue(forKey: CompactBytes(key)) { $0.access = access }
    }

    /// Empties the database (FLUSHDB/FLUSHALL). Observed keys that existed count as changed.
    public func removeAll() {
        let lost = observedKeys.keys.filter { entries[$0] != nil }
        entries.removeAll()
        expires.removeAll()
        memory = 0
        for key in lost { observer?.keyChanged(self, key) }
    }

    /// Exchanges the contents of two databases (SWAPDB).
    /// Observed keys present in either database before or after count as changed, in both.
    public func swapContents(with other: Database) {
        swap(&entries, &other.entries)
        swap(&expires, &other.expires)
        swap(&memory, &other.memory)
        for db in [self, other] {
            for key in db.observedKeys.keys where entries[key] != nil || other.entries[key] != nil {
                db.observer?.keyChanged(db, key)
            }
        }
    }

}

/// Told about changes to a database's observed keys (the engine: it breaks WATCHes and wakes blocked clients).
public protocol DatabaseObserver: AnyObject {
    func keyChanged(_ db: Database, _ key: CompactBytes)
}
