/// An ordered map kept as a sequence of sorted chunks of at most `chunkCapacity` pairs: lookups, insertions and
/// removals are O(log n + chunk), ordered walks from any key are O(log n + k), and appending past the largest key
/// (the common case for stream IDs) only touches the last chunk. The chunks are copy-on-write arrays, so a copy
/// of the map shares them and a later write copies one chunk plus the chunk table.
public struct ChunkedSortedMap<Key: Comparable, Value> {
    @usableFromInline struct Chunk {
        @usableFromInline var keys: [Key]
        @usableFromInline var values: [Value]
    }

    public static var chunkCapacity: Int { 128 }

    @usableFromInline var chunks: [Chunk] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// Position of `key`'s chunk: the last chunk whose first key is <= key (0 when key precedes all).
    @usableFromInline func chunkIndex(for key: Key) -> Int {
        var lo = 0, hi = chunks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if chunks[mid].keys[0] <= key { lo = mid + 1 } else { hi = mid }
        }
        return Swift.max(0, lo - 1)
    }

    /// First index in `keys` whose key is >= key.
    @usableFromInline static func lowerBound(_ keys: [Key], _ key: Key) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public subscript(key: Key) -> Value? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c].keys, key)
        guard i < chunks[c].keys.count, chunks[c].keys[i] == key else { return nil }
        return chunks[c].values[i]
    }

    public func contains(_ key: Key) -> Bool { self[key] != nil }

    /// Inserts or replaces; returns the previous value.
    @discardableResult public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        guard !chunks.isEmpty else {
            chunks.append(Chunk(keys: [key], values: [value]))
            count = 1
            return nil
        }
        if let lastKey = chunks[chunks.count - 1].keys.last, lastKey < key {
            let last = chunks.count - 1
            if chunks[last].keys.count < Self.chunkCapacity {
                chunks[last].keys.append(key)
                chunks[last].values.append(value)
            } else {
                chunks.append(Chunk(keys: [key], values: [value]))
            }
            count += 1
            return nil
        }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c].keys, key)
        if i < chunks[c].keys.count, chunks[c].keys[i] == key {
            let old = chunks[c].values[i]
            chunks[c].values[i] = value
            return old
        }
        chunks[c].keys.insert(key, at: i)
        chunks[c].values.insert(value, at: i)
        count += 1
        if chunks[c].keys.count > 2 * Self.chunkCapacity { split(c) }
        return nil
    }

    private mutating func split(_ c: Int) {
        let half = chunks[c].keys.count / 2
        let tail = Chunk(keys: Array(chunks[c].keys[half...]), values: Array(chunks[c].values[half...]))
        chunks[c].keys.removeSubrange(half...)
        chunks[c].values.removeSubrange(half...)
        chunks.insert(tail, at: c + 1)
    }

    /// Removes `key`; returns its value.
    @discardableResult public mutating func removeValue(forKey key: Key) -> Value? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c].keys, key)
        guard i < chunks[c].keys.count, chunks[c].keys[i] == key else { return nil }
        chunks[c].keys.remove(at: i)
        let old = chunks[c].values.remove(at: i)
        count -= 1
        if chunks[c].keys.isEmpty {
            chunks.remove(at: c)
        } else if c > 0, chunks[c - 1].keys.count + chunks[c].keys.count <= Self.chunkCapacity {
            mergeWithNext(c - 1)
        } else if c + 1 < chunks.count, chunks[c].keys.count + chunks[c + 1].keys.count <= Self.chunkCapacity {
            mergeWithNext(c)
        }
        return old
    }

    /// Keeps chunks from thinning out under scattered removals: chunk `c + 1` joins chunk `c`.
    private mutating func mergeWithNext(_ c: Int) {
        let next = chunks.remove(at: c + 1)
        chunks[c].keys.append(contentsOf: next.keys)
        chunks[c].values.append(contentsOf: next.values)
    }

    /// Number of chunks (for tests of the layout).
    public var chunkCount: Int { chunks.count }

    /// Mutates the value under `key` in place; nil when absent.
    @discardableResult public mutating func modifyValue<R>(forKey key: Key, _ body: (inout Value) -> R) -> R? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key)
        let i = Self.lowerBound(chunks[c].keys, key)
        guard i < chunks[c].keys.count, chunks[c].keys[i] == key else { return nil }
        return body(&chunks[c].values[i])
    }

    public var first: (key: Key, value: Value)? {
        chunks.first.map { ($0.keys[0], $0.values[0]) }
    }

    public var last: (key: Key, value: Value)? {
        chunks.last.map { ($0.keys[$0.keys.count - 1], $0.values[$0.values.count - 1]) }
    }

    /// Visits pairs with keys >= `start` in ascending order until `body` returns false.
    public func forEach(from start: Key, _ body: (Key, Value) -> Bool) {
        guard !chunks.isEmpty else { return }
        var c = chunkIndex(for: start)
        var i = Self.lowerBound(chunks[c].keys, start)
        while c < chunks.count {
            let chunk = chunks[c]
            while i < chunk.keys.count {
                if !body(chunk.keys[i], chunk.values[i]) { return }
                i += 1
            }
            c += 1
            i = 0
        }
    }

    /// Visits every pair in ascending order until `body` returns false.
    public func forEach(_ body: (Key, Value) -> Bool) {
        for chunk in chunks {
            for i in chunk.keys.indices where !body(chunk.keys[i], chunk.values[i]) { return }
        }
    }

    /// All keys in ascending order.
    public var keys: [Key] { chunks.flatMap(\.keys) }
}
