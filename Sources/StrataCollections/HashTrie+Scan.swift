extension HashTrie {
    /// Visits elements whose hash is >= `cursor` in ascending hash order, stopping after at least `count`
    /// elements (never splitting a group of keys with the same full 64-bit hash). Returns the next cursor, or
    /// 0 when the iteration is complete. Cursor 0 starts a new scan.
    ///
    /// Cursor rule: the cursor is the smallest hash not yet visited (last visited hash + 1). Since hashes
    /// never move, a full scan returns every key present throughout it exactly once, whatever is written
    /// between calls.
    @inlinable
    public func scan(cursor: UInt64, count: Int, _ body: (Key, Value) throws -> Void) rethrows -> UInt64 {
        var budget = Swift.max(count, 1)
        guard let lastHash = try root.scan(from: cursor, onCursorPath: true, depth: 0, budget: &budget, body) else {
            return 0
        }
        return lastHash &+ 1  // wraps to 0, "complete", after the largest possible hash
    }
}

extension TrieNode {
    /// Visits this subtree's elements with hash >= `cursor` in ascending hash order, spending one unit of
    /// `budget` each. Returns the hash of the last element visited if the budget ran out, nil if the subtree
    /// was exhausted. `onCursorPath` says the subtree's hash prefix equals the cursor's; otherwise every
    /// element in it is above the cursor.
    @inlinable
    func scan(
        from cursor: UInt64, onCursorPath: Bool, depth: Int, budget: inout Int, _ body: (Key, Value) throws -> Void
    ) rethrows -> UInt64? {
        var first = 0
        var cursorSlot = -1
        if onCursorPath && depth < Self.collisionDepth {
            let bit = Self.bucketBit(cursor, depth: depth)
            first = slotIndex(forBit: bit)
            if bitmap & bit != 0 { cursorSlot = first }
        }
        let slotCount = self.slotCount
        for index in first..<slotCount {
            switch withSlots({ $0[index] }) {
            case .leaf(let leaf):
                if index == cursorSlot && leaf.hash < cursor { continue }
                try body(leaf.key, leaf.value)
                budget -= 1
                // A collision node's leaves share one hash: stop only after the last of them.
                if budget <= 0 && (depth < Self.collisionDepth || index == slotCount - 1) { return leaf.hash }
            case .child(let child):
                if let lastHash = try child.scan(
                    from: cursor, onCursorPath: index == cursorSlot, depth: depth + 1, budget: &budget, body
                ) {
                    return lastHash
                }
            }
        }
        return nil
    }
}
