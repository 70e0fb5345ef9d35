import StrataCollections

/// The general set encoding ("hashtable" in OBJECT ENCODING): a persistent hash trie of members, so a snapshot
/// of a big set is O(1), SSCAN's cursor survives writes and random members are O(log n).
struct SetTable {
    private(set) var trie = HashTrie<CompactBytes, Void>()
    /// Estimated heap bytes of the trie and its out-of-line members, kept current on every change.
    private(set) var memoryEstimate = 0

    /// Estimated trie bytes per member: the leaf (hash, member) and its share of trie nodes, calibrated against
    /// mallinfo2 (HashMemoryCalibrationTests).
    static let slotBytes = 75

    init() {}

    /// The table over `trie`, built in bulk (loading a snapshot); `memberHeap` is the heap bytes of its out-of-line
    /// members.
    init(trie: HashTrie<CompactBytes, Void>, memberHeap: Int) {
        self.trie = trie
        memoryEstimate = trie.count * SetTable.slotBytes + memberHeap
    }

    var count: Int { trie.count }

    func contains(_ member: CompactBytes) -> Bool { trie[member] != nil }

    /// Adds `member`; true when it was not a member.
    mutating func insert(_ member: CompactBytes) -> Bool {
        guard trie.updateValue((), forKey: member) == nil else { return false }
        memoryEstimate += SetTable.slotBytes + MemoryEstimate.byteArray(member.heapBytes)
        return true
    }

    /// Removes `member`; true when it was a member.
    mutating func remove(_ member: CompactBytes) -> Bool {
        guard trie.removeValue(forKey: member) != nil else { return false }
        memoryEstimate -= SetTable.slotBytes + MemoryEstimate.byteArray(member.heapBytes)
        return true
    }
}
