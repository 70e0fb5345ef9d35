/// One node of a stream's entries, laid out as Redis lays out one listpack of its radix tree: the node is keyed
/// by the ID of the first entry ever appended to it (the "master" ID), remembers that entry's fields (the master
/// fields Redis compresses against), and keeps deleted entries as tombstones that still count toward the node's
/// capacity (`stream-node-max-entries`) and size (`stream-node-max-bytes`). Emulating that layout makes node
/// boundaries — and so approximate trimming (`MAXLEN ~`, `MINID ~`, `LIMIT`) — land where Redis's do.
///
/// Live entries are stored compactly: their IDs in one array and their field/value pairs in one byte buffer, each
/// entry as a varint element count followed by (varint length, bytes) per element; `offsets` locates each entry.
struct StreamNode {
    /// ID of the first entry appended to this node.
    let masterID: StreamID
    /// ID of the last entry appended to this node, deleted or not.
    var lastSlotID: StreamID
    /// Field names of the first entry appended to this node.
    let masterFields: [Bytes]
    /// Entries appended and later deleted (tombstones).
    var deletedCount = 0
    var ids: [StreamID] = []
    var offsets: [UInt32] = []
    var payload: [UInt8] = []
    /// Listpack bytes of the master fields, and of every entry appended (tombstones keep their bytes).
    let masterBytes: Int
    var entryBytes = 0

    init(firstID: StreamID, fields: ArraySlice<Bytes>) {
        masterID = firstID
        lastSlotID = firstID
        masterFields = stride(from: fields.startIndex, to: fields.endIndex, by: 2).map { fields[$0] }
        masterBytes = masterFields.reduce(0) { $0 + ListpackSize.element($1) }
    }

    /// Entries appended so far, live or deleted.
    var slots: Int { ids.count + deletedCount }

    /// What `lpBytes` would report for Redis's listpack of this node: count, deleted, master field count, master
    /// fields and the master terminator, then the entries.
    var listpackBytes: Int {
        ListpackSize.overhead + ListpackSize.integer(Int64(ids.count)) + ListpackSize.integer(Int64(deletedCount))
            + ListpackSize.integer(Int64(masterFields.count)) + masterBytes + ListpackSize.integer(0) + entryBytes
    }

    /// Appends an entry (its ID is above every ID in the node); returns the payload bytes added.
    mutating func append(_ id: StreamID, _ fields: ArraySlice<Bytes>) -> Int {
        let before = payload.count
        offsets.append(UInt32(before))
        ids.append(id)
        lastSlotID = id
        Self.writeVarint(fields.count, &payload)
        for f in fields {
            Self.writeVarint(f.count, &payload)
            payload.append(contentsOf: f)
        }
        entryBytes += listpackEntryBytes(id, fields)
        return payload.count - before
    }

    /// Listpack bytes of one entry: flags, ms and seq deltas from the master ID, then either just the values (same
    /// fields as the master entry) or the field count and every field and value, and finally the element count.
    private func listpackEntryBytes(_ id: StreamID, _ fields: ArraySlice<Bytes>) -> Int {
        let pairs = fields.count / 2
        var sameFields = pairs == masterFields.count
        if sameFields {
            for (j, name) in masterFields.enumerated() where fields[fields.startIndex + 2 * j] != name {
                sameFields = false
                break
            }
        }
        var bytes = ListpackSize.integer(sameFields ? 2 : 0)
            + ListpackSize.integer(Int64(bitPattern: id.ms &- masterID.ms))
            + ListpackSize.integer(Int64(bitPattern: id.seq &- masterID.seq))
        var i = fields.startIndex
        while i < fields.endIndex {
            if !sameFields { bytes += ListpackSize.element(fields[i]) }
            bytes += ListpackSize.element(fields[i + 1])
            i += 2
        }
        if !sameFields { bytes += ListpackSize.integer(Int64(pairs)) }
        return bytes + ListpackSize.integer(Int64(sameFields ? 3 + pairs : 4 + 2 * pairs))
    }

    /// Turns the first `k` live entries into tombstones; returns the payload bytes released.
    mutating func removeFirst(_ k: Int) -> Int {
        guard k > 0 else { return 0 }
        let end = k < ids.count ? Int(offsets[k]) : payload.count
        payload.removeSubrange(0..<end)
        ids.removeFirst(k)
        offsets.removeFirst(k)
        for j in offsets.indices { offsets[j] -= UInt32(end) }
        deletedCount += k
        return end
    }

    /// Turns live entry `i` into a tombstone; returns the payload bytes released.
    mutating func remove(at i: Int) -> Int {
        let start = Int(offsets[i])
        let end = i + 1 < ids.count ? Int(offsets[i + 1]) : payload.count
        payload.removeSubrange(start..<end)
        ids.remove(at: i)
        offsets.remove(at: i)
        for j in i..<offsets.count { offsets[j] -= UInt32(end - start) }
        deletedCount += 1
        return end - start
    }

    /// Number of field and value elements of live entry `i` (twice its pair count).
    func elementCount(at i: Int) -> Int {
        var p = Int(offsets[i])
        return Self.readVarint(payload, &p)
    }

    /// Visits the fields and values of live entry `i` in order.
    func forEachElement(at i: Int, _ body: (ArraySlice<UInt8>) -> Void) {
        var p = Int(offsets[i])
        let n = Self.readVarint(payload, &p)
        for _ in 0..<n {
            let len = Self.readVarint(payload, &p)
            body(payload[p..<(p + len)])
            p += len
        }
    }

    /// Index of the first live entry whose ID is >= `id`.
    func lowerBound(_ id: StreamID) -> Int {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func writeVarint(_ n: Int, _ out: inout [UInt8]) {
        var v = UInt(n)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func readVarint(_ bytes: [UInt8], _ p: inout Int) -> Int {
        var v = 0, shift = 0
        while true {
            let b = bytes[p]
            p += 1
            v |= Int(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }
}
