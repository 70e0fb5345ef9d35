extension TrieNode {
    /// Removes `key` from this subtree (rooted at `depth`), returning its value, or nil if absent.
    ///
    /// Collapse rule: a child left holding a single element is replaced by that element's leaf, so every
    /// node below the root holds at least two elements and lookups never walk chains of single-child nodes.
    @inlinable
    mutating func remove(_ key: Key, hash: UInt64, depth: Int) -> Value? {
        if depth == Self.collisionDepth {
            guard let index = collisionIndex(of: key) else { return nil }
            prepareForMutation(addingSlots: 0)
            count -= 1
            return removeSlot(at: index, bit: 0).leafValue
        }
        let bit = Self.bucketBit(hash, depth: depth)
        guard bitmap & bit != 0 else { return nil }
        let index = slotIndex(forBit: bit)
        switch leafHolds(key, hash: hash, at: index) {
        case true?:
            prepareForMutation(addingSlots: 0)
            count -= 1
            return removeSlot(at: index, bit: bit).leafValue
        case false?:
            return nil
        case nil:
            prepareForMutation(addingSlots: 0)
            var survivor: Slot?
            let removed = withChild(at: index) { child -> Value? in
                let removed = child.remove(key, hash: hash, depth: depth + 1)
                if child.count == 1 { survivor = child.withSlots { $0[0] } }
                return removed
            }
            guard let removed else { return nil }
            if let survivor { _ = exchangeSlot(at: index, with: survivor) }
            count -= 1
            return removed
        }
    }
}
