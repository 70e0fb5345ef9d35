import Glibc

/// Collects the elements of a `HashTrie` and builds it in one pass (loading a snapshot), with every node
/// allocated at its final size: inserting one key at a time descends the whole path, cold in cache, and grows
/// nodes as they fill; here the elements are sorted by hash — which is trie order — and each node is written
/// once, its slots in ascending bucket order.
///
/// Elements are kept unhashed-again (each leaf caches its key's hash) in one growing buffer; `build()` sorts
/// (hash, position) pairs with one radix pass on the top bits and a small sort per bucket, then moves each leaf
/// into its node. The result satisfies the trie's invariants (`TrieNode+Invariants`): a group of two or more
/// elements sharing a bucket becomes a child node, so every node below the root holds at least two elements, and
/// equal full hashes meet in a collision node.
public final class HashTrieBuilder<Key: TrieKey, Value> {
    typealias Leaf = TrieLeaf<Key, Value>

    private var leaves: UnsafeMutablePointer<Leaf>?
    private var capacity = 0
    /// Elements appended and not yet built.
    public private(set) var count = 0

    public init() {}

    deinit {
        leaves?.deinitialize(count: count)
        free(leaves)
    }

    /// Adds an element; its key must differ from every other one's, which `build()` checks.
    public func append(_ key: Key, _ value: Value) {
        if count == capacity { grow() }
        (leaves! + count).initialize(to: Leaf(hash: key.trieHash, key: key, value: value))
        count += 1
    }

    /// Drops every element appended (after a failed build), keeping the storage for reuse.
    public func removeAll() {
        leaves?.deinitialize(count: count)
        count = 0
    }

    /// The key appended at `position` (before a build, or after one that failed).
    public func key(at position: Int) -> Key {
        precondition(position >= 0 && position < count)
        return leaves![position].key
    }

    /// The positions (in append order) of two elements with equal keys.
    public struct Duplicate: Error {
        public let first: Int
        public let second: Int
    }

    /// The trie of every element appended, which leaves the builder empty; or, when two keys are equal, the pair
    /// whose second position is the lowest (the first repetition in append order), the elements kept.
    public func build() -> Result<HashTrie<Key, Value>, Duplicate> {
        guard let leaves, count > 0 else { return .success(HashTrie()) }
        var order = [(hash: UInt64, index: Int)]()
        order.reserveCapacity(count)
        for i in 0..<count { order.append((leaves[i].hash, i)) }
        HashTrieBuilder.sortByHash(&order)
        if let duplicate = firstDuplicate(order) { return .failure(duplicate) }
        let root = order.withUnsafeBufferPointer { node(leaves, $0, depth: 0) }
        count = 0  // every leaf was moved into the trie
        return .success(HashTrie(root: root))
    }

    private func grow() {
        capacity = Swift.max(16, capacity * 2)
        // Leaves are bitwise movable (they hold strong references and arrays only), so realloc may move them; a big
        // buffer is remapped rather than copied.
        guard let grown = realloc(leaves, capacity * MemoryLayout<Leaf>.stride) else { fatalError("out of memory") }
        leaves = grown.bindMemory(to: Leaf.self, capacity: capacity)
    }

    /// Among runs of equal hashes in `order`, the pair of equal keys whose later position is the lowest.
    private func firstDuplicate(_ order: [(hash: UInt64, index: Int)]) -> Duplicate? {
        var found: Duplicate?
        var runStart = 0
        for end in 1...order.count where end == order.count || order[end].hash != order[runStart].hash {
            for a in runStart..<end {
                for b in (a + 1)..<end where leaves![order[a].index].key == leaves![order[b].index].key {
                    let pair = Duplicate(first: Swift.min(order[a].index, order[b].index), second: Swift.max(order[a].index, order[b].index))
                    if found == nil || pair.second < found!.second { found = pair }
                }
            }
            runStart = end
        }
        return found
    }

    /// The node at `depth` holding the leaves listed (ascending hash) in `order`, moved out of `leaves`.
    private func node(_ leaves: UnsafeMutablePointer<Leaf>, _ order: UnsafeBufferPointer<(hash: UInt64, index: Int)>,
                      depth: Int) -> TrieNode<Key, Value> {
        typealias Node = TrieNode<Key, Value>
        if depth == Node.collisionDepth {
            let node = Node(capacity: order.count, count: order.count)
            for e in order { node.append(.leaf((leaves + e.index).move())) }
            return node
        }
        var bitmap: UInt32 = 0
        for e in order { bitmap |= Node.bucketBit(e.hash, depth: depth) }
        let node = Node(capacity: bitmap.nonzeroBitCount, bitmap: bitmap, count: order.count)
        var start = 0
        while start < order.count {
            let bit = Node.bucketBit(order[start].hash, depth: depth)
            var end = start + 1
            while end < order.count, Node.bucketBit(order[end].hash, depth: depth) == bit { end += 1 }
            if end - start == 1 {
                node.append(.leaf((leaves + order[start].index).move()))
            } else {
                node.append(.child(self.node(leaves, UnsafeBufferPointer(rebasing: order[start..<end]), depth: depth + 1)))
            }
            start = end
        }
        return node
    }

    /// Sorts by hash, then position (so a collision node keeps append order): one counting pass scatters the pairs by their top bits (about four per bucket), then each
    /// bucket, short, is sorted on its own.
    static func sortByHash(_ order: inout [(hash: UInt64, index: Int)]) {
        let n = order.count
        guard n > 64 else { return order.sort { ($0.hash, $0.index) < ($1.hash, $1.index) } }
        let bits = Swift.min(20, Int.bitWidth - n.leadingZeroBitCount - 2)
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for e in order { starts[Int(e.hash >> shift) + 1] += 1 }
        for b in 0..<(1 << bits) { starts[b + 1] += starts[b] }
        var next = starts
        let sorted = [(hash: UInt64, index: Int)](unsafeUninitializedCapacity: n) { out, initialized in
            for e in order {
                let b = Int(e.hash >> shift)
                (out.baseAddress! + next[b]).initialize(to: e)
                next[b] += 1
            }
            for b in 0..<(1 << bits) where starts[b + 1] - starts[b] > 1 {
                out[starts[b]..<starts[b + 1]].sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
            }
            initialized = n
        }
        order = sorted
    }
}
