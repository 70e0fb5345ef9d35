/// A persistent hash trie: a dictionary whose copies are O(1) snapshots.
///
/// Copying a `HashTrie` shares all nodes; a later write to either copy copies only the nodes on the path
/// it touches (structural sharing), so the other copy never changes. Elements are kept in ascending order
/// of `trieHash`, which gives a SCAN cursor (`scan(cursor:count:_:)`) that stays valid across arbitrary
/// writes, and each node counts its subtree's elements, which gives O(log n) positional access for uniform
/// random sampling (`element(atOffset:)`, `randomElement(using:)`).
public struct HashTrie<Key: TrieKey, Value> {
    @usableFromInline var root: TrieNode<Key, Value>

    @inlinable
    public init() {
        root = TrieNode(capacity: 0)
    }

    /// The trie under `root` (built in bulk by `HashTrieBuilder`).
    init(root: TrieNode<Key, Value>) {
        self.root = root
    }

    @inlinable
    public var count: Int { root.count }

    @inlinable
    public var isEmpty: Bool { root.count == 0 }

    /// The value for `key`; assigning nil removes the key.
    @inlinable
    public subscript(key: Key) -> Value? {
        get {
            root.value(forKey: key, hash: key.trieHash)
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// In-place mutation of an existing value without copying it when uniquely referenced (values can be big
    /// copy-on-write collections). Returns nil and leaves the value untouched if the key is absent.
    @inlinable @inline(__always)
    public mutating func modifyValue<R>(forKey key: Key, _ body: (inout Value) throws -> R) rethrows -> R? {
        try root.modifyValue(forKey: key, hash: key.trieHash, depth: 0, body)
    }

    /// Stores `value` for `key`, returning the value it replaced, if any.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: __owned Value, forKey key: __owned Key) -> Value? {
        root.insert(TrieLeaf(hash: key.trieHash, key: key, value: value), depth: 0)
    }

    /// Removes `key`, returning its value, if any.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        root.remove(key, hash: key.trieHash, depth: 0)
    }

    @inlinable
    public mutating func removeAll() {
        root = TrieNode(capacity: 0)
    }
}

extension HashTrie: @unchecked Sendable where Key: Sendable, Value: Sendable {}
