import StrataCollections

/// The big-hash encoding ("hashtable" in OBJECT ENCODING): a persistent hash trie from field to value, so a
/// snapshot of a big hash is O(1), HSCAN's cursor survives writes and random fields are O(log n).
struct HashTable {
    private(set) var trie = HashTrie<CompactBytes, CompactBytes>()
    /// Estimated heap bytes of the trie and its out-of-line fields and values, kept current on every change.
    private(set) var memoryEstimate = 0

    /// Estimated trie bytes per field: the leaf (hash, field, value) and its share of trie nodes, calibrated
    /// against mallinfo2 (HashMemoryCalibrationTests).
    static let slotBytes = 126

    var count: Int { trie.count }

    func value(_ field: Bytes) -> CompactBytes? { trie[CompactBytes(field)] }

    /// Stores `value` under `field`; true when the field is new.
    @discardableResult
    mutating func set(_ field: CompactBytes, _ value: CompactBytes) -> Bool {
        memoryEstimate += MemoryEstimate.byteArray(value.heapBytes)
        if let old = trie.updateValue(value, forKey: field) {
            memoryEstimate -= MemoryEstimate.byteArray(old.heapBytes)
            return false
        }
        memoryEstimate += HashTable.slotBytes + MemoryEstimate.byteArray(field.heapBytes)
        return true
    }

    /// Removes `field`; true when it was present.
    mutating func remove(_ field: Bytes) -> Bool {
        let key = CompactBytes(field)
        guard let old = trie.removeValue(forKey: key) else { return false }
        memoryEstimate -= HashTable.slotBytes + MemoryEstimate.byteArray(key.heapBytes)
            + MemoryEstimate.byteArray(old.heapBytes)
        return true
    }
}
