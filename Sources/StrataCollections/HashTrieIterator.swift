extension HashTrie: Sequence {
    /// Iterates a trie's elements in ascending hash order, depth first over a stack of node positions.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var path: [(node: TrieNode<Key, Value>, index: Int)]

        @inlinable
        init(root: TrieNode<Key, Value>) {
            path = [(root, 0)]
            path.reserveCapacity(TrieNode<Key, Value>.collisionDepth + 1)
        }

        @inlinable
        public mutating func next() -> (key: Key, value: Value)? {
            while let (node, index) = path.last {
                guard index < node.slotCount else {
                    path.removeLast()
                    continue
                }
                path[path.count - 1].index = index + 1
                switch node.withSlots({ $0[index] }) {
                case .leaf(let leaf):
                    return (leaf.key, leaf.value)
                case .child(let child):
                    path.append((child, 0))
                }
            }
            return nil
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(root: root)
    }

    @inlinable
    public var underestimatedCount: Int { count }
}
