/// Releases a trie's nodes a bounded number at a time, on the calling thread.
///
/// Dropping the last reference to a big trie frees all its nodes in one cascade. A snapshot's trie, once the
/// snapshot is written, holds the old versions of every node the live trie copied meanwhile: tens of thousands of
/// nodes allocated by the thread that made the copies. Freed on another thread, they go back to the allocating
/// thread's malloc arena under its lock, and that thread's own allocations wait (the event loop stalled for up to
/// 20 ms that way). Freed here, a budget at a time, on the thread that owns the arena, nothing waits on a lock and
/// no single step takes long.
public struct TrieDismantler<Key: TrieKey, Value> {
    @usableFromInline var pending: [TrieNode<Key, Value>]

    public init(_ trie: consuming HashTrie<Key, Value>) {
        pending = [trie.root]
    }

    /// True once every node is released.
    public var isFinished: Bool { pending.isEmpty }

    /// Lets go of up to `budget` nodes. A node another trie still shares is only let go of; one held here alone
    /// is emptied first (its subtrees queued, its leaves released), so freeing it cascades no further.
    public mutating func step(budget: Int) {
        var remaining = budget
        while remaining > 0, var node = pending.popLast() {
            remaining -= 1
            guard isKnownUniquelyReferenced(&node.storage) else { continue }
            node.moveSubtrees(into: &pending)
        }
    }
}

extension TrieNode {
    /// Moves this node's subtrees to `subtrees` and releases its leaves, leaving the node empty. Only for a
    /// uniquely referenced node.
    @usableFromInline
    func moveSubtrees(into subtrees: inout [TrieNode]) {
        let slots = self.slots
        for index in 0..<slotCount {
            if case .child(let child) = (slots + index).move() { subtrees.append(child) }
        }
        storage.header.slotCount = 0
    }
}
