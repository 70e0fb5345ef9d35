extension HashTrie {
    /// The element at position `offset` (0..<count) in iteration order, O(log n): each node knows its
    /// subtree's size, so the walk skips whole subtrees. Used for uniform random sampling.
    @inlinable
    public func element(atOffset offset: Int) -> (key: Key, value: Value) {
        precondition(offset >= 0 && offset < count, "offset \(offset) out of range 0..<\(count)")
        let leaf = root.leaf(atOffset: offset)
        return (leaf.key, leaf.value)
    }

    /// A uniformly chosen element, or nil if the trie is empty.
    @inlinable
    public func randomElement<G: RandomNumberGenerator>(using generator: inout G) -> (key: Key, value: Value)? {
        isEmpty ? nil : element(atOffset: Int.random(in: 0..<count, using: &generator))
    }

    /// A uniformly chosen element from the system generator, or nil if the trie is empty.
    @inlinable
    public func randomElement() -> (key: Key, value: Value)? {
        var generator = SystemRandomNumberGenerator()
        return randomElement(using: &generator)
    }
}

extension TrieNode {
    /// The leaf at position `offset` (0..<count) of this subtree in ascending hash order.
    @inlinable
    func leaf(atOffset offset: Int) -> Leaf {
        var remaining = offset
        let index = withSlots { slots in
            var index = 0
            while remaining >= slots[index].elementCount {
                remaining -= slots[index].elementCount
                index += 1
            }
            return index
        }
        switch withSlots({ $0[index] }) {
        case .leaf(let leaf):
            return leaf
        case .child(let child):
            return child.leaf(atOffset: remaining)
        }
    }
}

extension TrieSlot {
    /// Elements in the slot: 1 for a leaf, the subtree's count for a child.
    @inlinable
    var elementCount: Int {
        switch self {
        case .leaf: return 1
        case .child(let child): return child.count
        }
    }
}
