import StrataCollections

/// Estimates of the heap bytes a key and its value occupy, so `used_memory` and eviction follow the real
/// allocation without asking the allocator on every write. The constants model glibc malloc (16-byte granules,
/// 8 bytes of chunk header, 32-byte minimum) and Swift's array header (32 bytes); a test calibrates the total
/// against `mallinfo2`.
enum MemoryEstimate {
    /// Bytes glibc hands out for a request of `n` bytes.
    @inline(__always) static func mallocSize(_ n: Int) -> Int {
        max(32, (n + 8 + 15) & ~15)
    }

    /// Heap bytes of a non-empty `[UInt8]` of `count` elements (empty arrays share a static buffer).
    @inline(__always) static func byteArray(_ count: Int) -> Int {
        count == 0 ? 0 : mallocSize(32 + count)
    }

    /// Per-key overhead of the keyspace trie: the slot (hash, inline key or key reference, entry) and its
    /// share of trie nodes.
    static let trieSlot = 96

    /// Extra slot in the expires index for a key with a TTL.
    static let expirySlot = 40

    static func entry(key: CompactBytes, _ e: Entry) -> Int {
        let keyHeap = byteArray(key.heapBytes)
        return trieSlot + keyHeap + e.value.memoryEstimate + (e.hasExpiry ? expirySlot + keyHeap : 0)
    }
}
