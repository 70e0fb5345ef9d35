import RDB
import StrataCollections

/// Builds keys and values straight from the RDB reader (loading a snapshot, RESTORE), with no intermediate array
/// per element: keys and elements become `CompactBytes` (inline up to 23 bytes) from bytes the reader lends,
/// small hashes are written into their listpack buffer as they arrive, sorted sets collect their elements in
/// storage reused from one value to the next, and sets that outgrow the intset become tries built in one pass
/// (`HashTrieBuilder`).
///
/// A value ends in the encoding inserting its elements one by one would give under the current limits, which is
/// what Redis's loader amounts to: a value that fits the limits comes back compact, a bigger one comes back as
/// hashtable or skiplist, whichever layout it was saved in. Empty collections build as nil (Redis skips such keys
/// when loading and refuses them in RESTORE); duplicate members and NaN scores, which Redis's integrity checks
/// reject too, are refused.
struct SnapshotValueBuilder: RDBValueBuilder {
    let limits: EncodingLimits
    private var kind = RDBCollectionKind.list
    /// The collection being built: one of these is non-nil between `begin` and `end`.
    private var list: ListValue?
    /// A set while it may stay an intset; then its members, collected for a bulk-built hashtable (with the heap
    /// bytes of those stored out of line).
    private var set: SetValue?
    private let members = HashTrieBuilder<CompactBytes, Void>()
    private var memberHeap = 0
    private var table: HashTable?
    /// A hash that may stay a listpack: its buffer so far (`HashListpack`'s format), the hash and start offset of
    /// each field entry in it, and its number of pairs.
    private var entries: Bytes = []
    private var fields: [(hash: UInt64, index: Int)] = []
    private var pairs = 0
    /// Storage for `allDistinct`'s table.
    private var probes: [Int] = []
    /// A sorted set's elements, in file order.
    private var scored: [ScoredMember] = []
    /// The longest field, value or member seen in the collection, and whether it repeated one or had a NaN score.
    private var longest = 0
    private var repeated = false
    private var nan = false

    init(limits: EncodingLimits) {
        self.limits = limits
    }

    func key(_ bytes: UnsafeRawBufferPointer) -> CompactBytes { CompactBytes(bytes) }
    func bytes(of key: CompactBytes) -> [UInt8] { key.bytes }
    func string(_ bytes: [UInt8]) -> StoredValue? { .string(StringValue(bytes)) }

    mutating func begin(_ kind: RDBCollectionKind, countHint: Int) {
        self.kind = kind
        longest = 0
        repeated = false
        nan = false
        switch kind {
        case .list:
            list = ListValue()
        case .set:
            set = SetValue()
            members.removeAll()
            memberHeap = 0
        case .hash:
            entries.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
            pairs = 0
            table = countHint > limits.hashMaxListpackEntries ? HashTable() : nil
        case .zset:
            scored.removeAll(keepingCapacity: true)
        }
    }

    mutating func element(_ element: RDBElement) {
        if kind == .list { return list!.push(SnapshotValueBuilder.compact(element), at: .tail) }
        let member: SetElement
        switch element {
        case .int(let n): member = .int(n)
        case .bytes(let b): member = SetElement(b)
        }
        if set != nil {
            if let n = member.integer, set!.count < limits.setMaxIntsetEntries {
                if !set!.insert(.int(n), limits: limits) { repeated = true }
                return
            }
            // The set outgrows the intset: what it holds so far goes to the hashtable's members.
            set.take()!.forEach { collect($0) }
        }
        collect(member)
    }

    /// Adds a member of a set that is to be a hashtable.
    private mutating func collect(_ member: SetElement) {
        let m = member.compact
        memberHeap += MemoryEstimate.byteArray(m.heapBytes)
        members.append(m, ())
    }

    mutating func pair(_ field: RDBElement, _ value: RDBElement) {
        if table != nil {
            if !table!.set(SnapshotValueBuilder.compact(field), SnapshotValueBuilder.compact(value)) { repeated = true }
            return
        }
        pairs += 1
        field.withBytes { f in
            longest = max(longest, f.count)
            fields.append((trieHashBytes(f), entries.count))
            HashListpack.appendEntry(f, to: &entries)
        }
        value.withBytes { v in
            longest = max(longest, v.count)
            HashListpack.appendEntry(v, to: &entries)
        }
    }

    mutating func member(_ member: RDBElement, score: Double) {
        let m = SnapshotValueBuilder.compact(member)
        longest = max(longest, m.count)
        if score.isNaN { nan = true }
        scored.append(ScoredMember(m, score))
    }

    mutating func end() throws(RDBContentError) -> StoredValue? {
        switch kind {
        case .list:
            let l = list.take()!
            return l.isEmpty ? nil : .list(l)
        case .set:
            let duplicate = RDBContentError("Duplicate set members detected")
            if let s = set.take() {
                guard !s.isEmpty else { return nil }
                guard !repeated else { throw duplicate }
                return .set(s)
            }
            guard case .success(let trie) = members.build() else {
                members.removeAll()
                throw duplicate
            }
            return .set(SetValue(storage: .table(SetTable(trie: trie, memberHeap: memberHeap))))
        case .hash:
            return try endHash()
        case .zset:
            return try endSortedSet()
        }
    }

    mutating func stream(_ stream: RDBStream, encoding: RDBValueType) throws(RDBContentError) -> StoredValue? {
        .stream(try StreamValue(rdb: stream, countsEntriesRead: encoding != .streamListpacks, limits: limits))
    }

    private mutating func endHash() throws(RDBContentError) -> StoredValue? {
        let duplicate = RDBContentError("Duplicate hash fields detected")
        if let t = table.take() {
            guard t.count > 0 else { return nil }
            guard !repeated else { throw duplicate }
            return .hash(HashValue(storage: .table(t)))
        }
        guard pairs > 0 else { return nil }
        if pairs <= limits.hashMaxListpackEntries, longest <= limits.hashMaxListpackValue {
            // A copy of exactly its size (`Array(entries)` would share the scratch storage and its capacity).
            let lp = HashListpack(buffer: entries.withUnsafeBufferPointer { Bytes($0) }, count: pairs)
            guard SnapshotValueBuilder.allDistinct(fields, table: &probes, { lp.buffer[lp.entry(at: $0).body] == lp.buffer[lp.entry(at: $1).body] }) else {
                throw duplicate
            }
            return .hash(HashValue(storage: .listpack(lp)))
        }
        var t = HashTable()
        HashListpack(buffer: entries, count: pairs).forEach { f, v in
            if !t.set(CompactBytes(f), CompactBytes(v)) { repeated = true }
        }
        guard !repeated else { throw duplicate }
        return .hash(HashValue(storage: .table(t)))
    }

    private mutating func endSortedSet() throws(RDBContentError) -> StoredValue? {
        guard !scored.isEmpty else { return nil }
        guard !nan else { throw RDBContentError("Zset with NAN score detected") }
        fields.removeAll(keepingCapacity: true)
        for (i, m) in scored.enumerated() { fields.append((m.member.trieHash, i)) }
        let members = scored
        guard SnapshotValueBuilder.allDistinct(fields, table: &probes, { members[$0].member == members[$1].member }) else {
            throw RDBContentError("Duplicate zset fields detected")
        }
        if scored.count <= limits.zsetMaxListpackEntries, longest <= limits.zsetMaxListpackValue {
            var elements: [ScoredMember] = []
            elements.reserveCapacity(scored.count)
            for m in scored { elements.append(ScoredMember(m.member, SortedSetValue.listpackScore(m.score))) }
            return .zset(SortedSetValue(listpackElements: elements))
        }
        var z = SortedSetValue(fittingCount: scored.count, longestMember: longest, limits: limits)
        for m in scored { z.insert(m.member, score: m.score, limits: limits) }
        return .zset(z)
    }

    /// The element as a member, list element, field or value.
    private static func compact(_ element: RDBElement) -> CompactBytes {
        element.withBytes { CompactBytes($0) }
    }

    /// Whether the items keyed by `keyed` (hash, index) are pairwise distinct: an open-addressing table of their
    /// positions in `keyed` (`table`, storage reused from one call to the next) meets items of equal hashes, and
    /// only those are compared with `equal`.
    private static func allDistinct(_ keyed: [(hash: UInt64, index: Int)], table: inout [Int],
                                    _ equal: (Int, Int) -> Bool) -> Bool {
        guard keyed.count > 1 else { return true }
        let bits = Int.bitWidth - (keyed.count * 2 - 1).leadingZeroBitCount
        let mask = (1 << bits) - 1
        table.removeAll(keepingCapacity: true)
        table.append(contentsOf: repeatElement(-1, count: 1 << bits))
        for (position, item) in keyed.enumerated() {
            // The top bits of a Fibonacci-hashed value: well spread whatever bits the hash varies in.
            var slot = Int(truncatingIfNeeded: (item.hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while table[slot] >= 0 {
                let other = keyed[table[slot]]
                if other.hash == item.hash, equal(other.index, item.index) { return false }
                slot = (slot + 1) & mask
            }
            table[slot] = position
        }
        return true
    }
}

extension StoredValue {
    /// Rebuilds a value in the neutral RDB form (a DUMP payload), saved in the on-disk `encoding`, as loading
    /// would (see `SnapshotValueBuilder`): nil for an empty collection; throws for what Redis's loader refuses.
    init?(rdb value: RDBValue, encoding: RDBValueType, limits: EncodingLimits) throws(RDBContentError) {
        var builder = SnapshotValueBuilder(limits: limits)
        guard let built = try value.build(into: &builder, encoding: encoding) else { return nil }
        self = built
    }
}
