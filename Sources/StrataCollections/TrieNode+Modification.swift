extension TrieNode {
    /// Runs `body` on the value stored for `key` in place, or returns nil if the key is absent.
    /// Nodes on the path are copied first if shared, so the value is uniquely referenced unless another trie
    /// copy holds it too.
    @inlinable
    mutating func modifyValue<R>(
        forKey key: Key, hash: UInt64, depth: Int, _ body: (inout Value) throws -> R
    ) rethrows -> R? {
        if depth == Self.collisionDepth {
            guard let index = collisionIndex(of: key) else { return nil }
            prepareForMutation(addingSlots: 0)
            return try withLeafValue(at: index, body)
        }
        let bit = Self.bucketBit(hash, depth: depth)
        guard bitmap & bit != 0 else { return nil }
        let index = slotIndex(forBit: bit)
        switch leafHolds(key, hash: hash, at: index) {
        case true?:
            prepareForMutation(addingSlots: 0)
            return try withLeafValue(at: index, body)
        case false?:
            return nil
        case nil:
            prepareForMutation(addingSlots: 0)
            return try withChild(at: index) { try $0.modifyValue(forKey: key, hash: hash, depth: depth + 1, body) }
        }
    }
}
