/// Streams as Redis 7.0 saves them (STREAM_LISTPACKS_2): nodes of at most 100 entries, each a listpack whose master
/// entry lists the first entry's fields; entries with exactly those fields are stored with SAMEFIELDS.
extension RDBEncoder {
    static let streamNodeMaxEntries = 100

    mutating func writeStream(_ s: RDBStream) {
        let nodes = stride(from: 0, to: s.entries.count, by: RDBEncoder.streamNodeMaxEntries).map {
            Array(s.entries[$0..<min($0 + RDBEncoder.streamNodeMaxEntries, s.entries.count)])
        }
        writeLength(UInt64(nodes.count))
        for node in nodes {
            let master = node[0].id
            writeString(master.bytes)
            writeString(Listpack.encode(entries: RDBEncoder.streamNodeElements(node, master: master)))
        }
        writeLength(s.length)
        writeLength(s.lastID.ms)
        writeLength(s.lastID.seq)
        writeLength(s.firstID.ms)
        writeLength(s.firstID.seq)
        writeLength(s.maxDeletedID.ms)
        writeLength(s.maxDeletedID.seq)
        writeLength(s.entriesAdded)
        writeLength(UInt64(s.groups.count))
        for g in s.groups {
            writeString(g.name)
            writeLength(g.lastID.ms)
            writeLength(g.lastID.seq)
            writeLength(g.entriesRead.map { UInt64(bitPattern: $0) } ?? UInt64.max)
            writeLength(UInt64(g.pending.count))
            for p in g.pending {
                writeRaw(p.id.bytes)
                buffer.appendLittleEndian(UInt64(bitPattern: p.deliveryTime), width: 8)
                writeLength(p.deliveryCount)
            }
            writeLength(UInt64(g.consumers.count))
            for c in g.consumers {
                writeString(c.name)
                buffer.appendLittleEndian(UInt64(bitPattern: c.seenTime), width: 8)
                writeLength(UInt64(c.pending.count))
                for id in c.pending { writeRaw(id.bytes) }
            }
        }
    }

    /// The listpack elements of one node (see RDBStreamDecoder for the layout).
    static func streamNodeElements(_ node: [RDBStream.Entry], master: RDBStreamID) -> [PackedEntry] {
        let masterFields = node[0].fields.map(\.field)
        var out: [PackedEntry] = [.int(Int64(node.count)), .int(0), .int(Int64(masterFields.count))]
        out += masterFields.map(packed)
        out.append(.int(0))
        for e in node {
            let same = e.fields.map(\.field) == masterFields
            out.append(.int(same ? RDBReader.streamEntrySameFields : 0))
            out.append(.int(Int64(bitPattern: e.id.ms &- master.ms)))
            out.append(.int(Int64(bitPattern: e.id.seq &- master.seq)))
            if same {
                out += e.fields.map { packed($0.value) }
                out.append(.int(Int64(e.fields.count + 3)))
            } else {
                out.append(.int(Int64(e.fields.count)))
                for f in e.fields { out += [packed(f.field), packed(f.value)] }
                out.append(.int(Int64(e.fields.count * 2 + 4)))
            }
        }
        return out
    }
}
