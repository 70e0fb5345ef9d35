/// A key/value pair stored in a `HashTrie`, with the key's hash cached so that pushing the pair down a
/// level, scanning by hash and rejecting a mismatching key never rehash the key.
@usableFromInline
struct TrieLeaf<Key: TrieKey, Value> {
    @usableFromInline let hash: UInt64
    @usableFromInline let key: Key
    @usableFromInline var value: Value

    @inlinable
    init(hash: UInt64, key: Key, value: Value) {
        self.hash = hash
        self.key = key
        self.value = value
    }

    @inlinable
    func holds(_ key: Key, hash: UInt64) -> Bool {
        self.hash == hash && self.key == key
    }
}

/// One occupied bucket of a trie node: a single element, or a subtree holding every element whose hash
/// starts with the bucket's bits.
@usableFromInline
enum TrieSlot<Key: TrieKey, Value> {
    case leaf(TrieLeaf<Key, Value>)
    case child(TrieNode<Key, Value>)
}

/// The bookkeeping at the front of a node's allocation. (The bitmap and element count live in `TrieNode`,
/// which the parent's slot holds, so descending to a child reads no extra cache line.)
@usableFromInline
struct TrieNodeHeader {
    /// Initialized slots.
    @usableFromInline var slotCount: UInt32
    /// Slots the allocation has room for.
    @usableFromInline var capacity: UInt32

    @inlinable
    init(capacity: Int) {
        self.slotCount = 0
        self.capacity = UInt32(capacity)
    }
}

/// The heap object behind a `TrieNode`: header and slots in a single allocation, shared between trie
/// copies until one of them writes to it.
@usableFromInline
final class TrieNodeStorage<Key: TrieKey, Value>: ManagedBuffer<TrieNodeHeader, TrieSlot<Key, Value>> {
    deinit {
        withUnsafeMutablePointers { header, slots in
            _ = slots.deinitialize(count: Int(header.pointee.slotCount))
        }
    }
}
