extension TrieNode {
    /// Stores `leaf` in this subtree (rooted at `depth`), replacing the value of an equal key.
    /// Returns the replaced value, or nil if the key is new.
    ///
    /// A new key takes an empty bucket directly; if its bucket holds another key's leaf, both are pushed
    /// down into a new child node.
    @inlinable
    mutating func insert(_ leaf: consuming Leaf, depth: Int) -> Value? {
        if depth == Self.collisionDepth {
            if let index = collisionIndex(of: leaf.key) {
                prepareForMutation(addingSlots: 0)
                return replaceLeaf(at: index, with: leaf)
            }
            prepareForMutation(addingSlots: 1)
            insertSlot(.leaf(leaf), at: slotCount, bit: 0)
            count += 1
            return nil
        }
        let bit = Self.bucketBit(leaf.hash, depth: depth)
        let index = slotIndex(forBit: bit)
        guard bitmap & bit != 0 else {
            prepareForMutation(addingSlots: 1)
            insertSlot(.leaf(leaf), at: index, bit: bit)
            count += 1
            return nil
        }
        prepareForMutation(addingSlots: 0)
        switch leafHolds(leaf.key, hash: leaf.hash, at: index) {
        case true?:
            return replaceLeaf(at: index, with: leaf)
        case false?:
            pushDown(at: index, joining: leaf, depth: depth)
            count += 1
            return nil
        case nil:
            // Moved out and back rather than through `withChild`, whose closure could only copy `leaf`.
            let slot = slots + index
            guard case .child(var child) = slot.move() else { preconditionFailure("slot \(index) is a leaf") }
            let replaced = child.insert(leaf, depth: depth + 1)
            slot.initialize(to: .child(child))
            if replaced == nil { count += 1 }
            return replaced
        }
    }

    /// Replaces the leaf in slot `index` with a child node holding it and `newcomer`.
    @inlinable
    func pushDown(at index: Int, joining newcomer: consuming Leaf, depth: Int) {
        let slot = slots + index
        guard case .leaf(let resident) = slot.move() else { preconditionFailure("slot \(index) is a subtree") }
        slot.initialize(to: .child(TrieNode(pairing: resident, newcomer, depth: depth + 1)))
    }
}
