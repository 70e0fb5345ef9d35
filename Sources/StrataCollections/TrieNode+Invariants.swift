extension HashTrie {
    /// A description of the first broken structural invariant, or nil if the trie is well formed.
    /// For tests: checks subtree counts, bitmaps, leaf placement by hash, collapse (every node below the root
    /// holds at least two elements) and collision nodes (only leaves, one shared hash).
    func invariantViolation() -> String? {
        root.invariantViolation(depth: 0, prefix: 0)
    }
}

extension TrieNode {
    /// Checks this subtree, whose elements' hashes all start with the `5 * depth` bits of `prefix`.
    func invariantViolation(depth: Int, prefix: UInt64) -> String? {
        let slots = withSlots { Array($0) }
        if depth > 0 && count < 2 { return "node at depth \(depth) holds \(count) element(s); it should have collapsed" }
        if depth == Self.collisionDepth {
            guard bitmap == 0, count == slots.count else { return "collision node bitmap/count mismatch" }
            for slot in slots {
                guard case .leaf(let leaf) = slot else { return "collision node holds a subtree" }
                if leaf.hash != prefix { return "collision node leaf hash \(leaf.hash) != \(prefix)" }
                if leaf.hash != leaf.key.trieHash { return "stale cached hash" }
            }
            return nil
        }
        guard bitmap.nonzeroBitCount == slots.count else { return "bitmap has \(bitmap.nonzeroBitCount) bits, \(slots.count) slots" }
        var total = 0
        var remainingBits = bitmap
        for slot in slots {
            let bit = remainingBits & (~remainingBits &+ 1)
            remainingBits &= ~bit
            // The hash bits this bucket stands for, placed where the bucket rule reads them.
            let bucket = UInt64(bit.trailingZeroBitCount)
            let childPrefix = depth == 12 ? prefix | bucket >> 1 : prefix | bucket << (59 - 5 * depth)
            switch slot {
            case .leaf(let leaf):
                if leaf.hash != leaf.key.trieHash { return "stale cached hash" }
                if Self.bucketBit(leaf.hash, depth: depth) != bit { return "leaf in wrong bucket at depth \(depth)" }
                let prefixMask: UInt64 = ~0 << (64 - 5 * depth)
                if leaf.hash & prefixMask != prefix { return "leaf outside its node's hash prefix at depth \(depth)" }
                total += 1
            case .child(let child):
                if let violation = child.invariantViolation(depth: depth + 1, prefix: childPrefix) { return violation }
                total += child.count
            }
        }
        return total == count ? nil : "node at depth \(depth) counts \(count), holds \(total)"
    }
}
