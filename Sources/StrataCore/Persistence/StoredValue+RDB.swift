import RDB
import StrataCollections

/// Conversion of in-memory values to the RDB form (loading is `SnapshotValueBuilder`'s).
///
/// Saving picks the on-disk layout from the in-memory encoding: the compact layouts (listpack, intset, quicklist)
/// exactly when OBJECT ENCODING reports a compact encoding, the expanded ones (plain hash, plain set, ZSET_2)
/// otherwise.
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
}
