import StrataCollections

/// One numbered Redis database: the main table and an index of the keys that carry a TTL (sampled by active
/// expiry and the volatile-* eviction policies). Both are persistent tries, so copying them is O(1).
/// This type only stores; expiry rules, statistics and notifications live in `Engine`.
public final class Database {
    public private(set) var entries = HashTrie<CompactBytes, Entry>()
    /// Keys with a TTL, mapped to their absolute expiry (ms). Mirrors `Entry.expireAt`.
    public private(set) var expires = HashTrie<CompactBytes, Int64>()
    /// Estimated heap bytes held by this database's keys and values.
    public private(set) var memory = 0

    public init() {}

    public var count: Int { entries.count }
    public var expiringCount: Int { expires.count }

    /// The raw entry, expired or not.
    @inline(__always) public func peek(_ key: Bytes) -> Entry? { entries[CompactBytes(key)] }

    /// The raw entry of a key taken from one of the tries (sampling, scans): no conversion.
    @inline(__always) public func peek(_ key: CompactBytes) -> Entry? { entries[key] }

    /// Inserts or replaces the entry under `key`, keeping the expiry index in step.
    public func store(_ key: Bytes, _ entry: Entry) {
        let key = CompactBytes(key)
        if let old = entries.updateValue(entry, forKey: key) {
            memory -= MemoryEstimate.entry(key: key, old)
            if old.hasExpiry && !entry.hasExpiry { expires.removeValue(forKey: key) }
        }
        if entry.hasExpiry { expires[key] = entry.expireAt }
        memory += MemoryEstimate.entry(key: key, entry)
    }

    /// Removes `key`; returns the removed entry.
    @discardableResult public func remove(_ key: Bytes) -> Entry? { remove(CompactBytes(key)) }

    /// Removes a key taken from one of the tries; returns the removed entry.
    @discardableResult public func remove(_ key: CompactBytes) -> Entry? {
        guard let old = entries.removeValue(forKey: key) else { return nil }
        if old.hasExpiry { expires.removeValue(forKey: key) }
        memory -= MemoryEstimate.entry(key: key, old)
        return old
    }

    /// Mutates the entry in place (no copy of a uniquely held value); memory and the expiry index follow the change.
    @discardableResult public func modify<R>(_ key: Bytes, _ body: (inout Entry) throws -> R) rethrows -> R? {
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
        guard result != nil, oldExpiry != newExpiry else { return result }
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

    public func removeAll() {
        entries.removeAll()
        expires.removeAll()
        memory = 0
    }

    /// Exchanges the contents of two databases (SWAPDB).
    public func swapContents(with other: Database) {
        swap(&entries, &other.entries)
        swap(&expires, &other.expires)
        swap(&memory, &other.memory)
    }

}
