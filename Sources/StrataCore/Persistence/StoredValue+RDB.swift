import RDB
import StrataCollections

/// Conversion between in-memory values and the RDB target's neutral `RDBValue`.
///
/// Saving picks the on-disk layout from the in-memory encoding: the compact layouts (listpack, intset, quicklist)
/// exactly when OBJECT ENCODING reports a compact encoding, the expanded ones (plain hash, plain set, ZSET_2)
/// otherwise. Loading rebuilds a value through its type's own insertions under the current encoding limits, which
/// is what Redis's loader amounts to: a value that fits the limits comes back compact, a bigger one comes back as
/// hashtable or skiplist, whichever layout it was saved in.
extension StoredValue {
    /// The value in RDB form, and the layout that keeps its encoding.
    func rdbForm() -> (value: RDBValue, layout: RDBEncoder.Layout) {
        switch self {
        case .string(let s):
            return (.string(s.bytes), .compact)
        case .list(let l):
            var items: [[UInt8]] = []
            items.reserveCapacity(l.count)
            l.forEach(in: 0..<l.count) { items.append($0.bytes) }
            return (.list(items), .compact)
        case .hash(let h):
            var pairs: [(field: [UInt8], value: [UInt8])] = []
            pairs.reserveCapacity(h.count)
            h.forEach { f, v in pairs.append((Array(f), Array(v))) }
            return (.hash(pairs), h.encodingName == "listpack" ? .compact : .expanded)
        case .set(let s):
            var members: [[UInt8]] = []
            members.reserveCapacity(s.count)
            s.forEach { members.append($0.bytes) }
            return (.set(members), s.encodingName == "intset" ? .compact : .expanded)
        case .zset(let z):
            var members: [(member: [UInt8], score: Double)] = []
            members.reserveCapacity(z.count)
            z.forEach { members.append(($0.member.bytes, $0.score)) }
            return (.zset(members), z.encodingName == "listpack" ? .compact : .expanded)
        case .stream(let s):
            return (.stream(s.rdbForm()), .compact)
        }
    }

    /// Writes `<type> <key> <value>` straight from the in-memory value, with no intermediate copy of its elements:
    /// the same bytes as `writeValue` of `rdbForm()`, since both go through the encoder's per-type writers.
    func writeRDB(key: UnsafeRawBufferPointer, to encoder: inout RDBEncoder, listNodeSize: Int) {
        switch self {
        case .string(.int(let n)):
            encoder.writeStringValue(key: key, integer: n)
        case .string(.bytes(let b, _)):
            b.withUnsafeBytes { encoder.writeStringValue(key: key, $0) }
        case .list(let l):
            encoder.writeList(key: key, nodeSize: listNodeSize) { body in
                l.forEach(in: 0..<l.count) { $0.withUnsafeBytes(body) }
            }
        case .hash(let h):
            encoder.writeHash(key: key, layout: h.encodingName == "listpack" ? .compact : .expanded, count: h.count) { body in
                h.forEach(body)
            }
        case .set(let s):
            var intset: [Int64]?
            if case .intset(let members) = s.storage { intset = members.members }
            encoder.writeSet(key: key, intset: intset, count: s.count) { body in s.forEach { $0.withBytes(body) } }
        case .zset(let z):
            encoder.writeSortedSet(key: key, layout: z.encodingName == "listpack" ? .compact : .expanded, count: z.count) { descending, body in
                z.forEach(in: 0..<z.count, reversed: descending) { m in m.member.withUnsafeBytes { body($0, m.score) } }
            }
        case .stream(let s):
            encoder.writeValue(key: Array(key), .stream(s.rdbForm()), layout: .compact, listNodeSize: listNodeSize)
        }
    }

    /// Rebuilds a value read from an RDB or a DUMP payload, saved in the on-disk `encoding`. Nil for an empty collection (Redis skips such keys
    /// when loading and refuses them in RESTORE); throws `StoredValue.Corruption` for duplicate members or a NaN
    /// score, which Redis's integrity checks reject too.
    init?(rdb value: RDBValue, encoding: RDBValueType, limits: EncodingLimits) throws(StoredValue.Corruption) {
        switch value {
        case .string(let bytes):
            self = .string(StringValue(bytes))
        case .list(let items):
            guard !items.isEmpty else { return nil }
            var l = ListValue()
            for item in items { l.push(item, at: .tail) }
            self = .list(l)
        case .hash(let pairs):
            guard !pairs.isEmpty else { return nil }
            guard StoredValue.allDistinct(pairs.count, { pairs[$0].field }) else {
                throw Corruption("Duplicate hash fields detected")
            }
            self = .hash(HashValue(distinctPairs: pairs, limits: limits))
        case .set(let members):
            guard !members.isEmpty else { return nil }
            var s = SetValue()
            for m in members where !s.insert(SetElement(m), limits: limits) {
                throw Corruption("Duplicate set members detected")
            }
            self = .set(s)
        case .zset(let members):
            guard !members.isEmpty else { return nil }
            guard !members.contains(where: { $0.score.isNaN }) else { throw Corruption("Zset with NAN score detected") }
            guard StoredValue.allDistinct(members.count, { members[$0].member }) else {
                throw Corruption("Duplicate zset fields detected")
            }
            self = .zset(SortedSetValue(distinctMembers: members, limits: limits))
        case .stream(let s):
            self = .stream(try StreamValue(rdb: s, countsEntriesRead: encoding != .streamListpacks, limits: limits))
        }
    }

    /// Whether the `count` byte strings `item(0..<count)` are pairwise distinct: their hashes are sorted, and only
    /// strings whose hashes agree are compared byte for byte.
    private static func allDistinct(_ count: Int, _ item: (Int) -> Bytes) -> Bool {
        guard count > 1 else { return true }
        var keyed: [(hash: UInt64, index: Int)] = []
        keyed.reserveCapacity(count)
        for i in 0..<count { keyed.append((item(i).withUnsafeBytes { trieHashBytes($0) }, i)) }
        keyed.sort { $0.hash < $1.hash }
        var runStart = 0
        for end in 1...count where end == count || keyed[end].hash != keyed[runStart].hash {
            for a in runStart..<end {
                for b in (a + 1)..<end where item(keyed[a].index) == item(keyed[b].index) { return false }
            }
            runStart = end
        }
        return true
    }

    /// A value an RDB decodes but whose contents Redis's loader refuses.
    struct Corruption: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
