import Glibc

/// Writes values in the encodings Redis 7.0 writes (RDB version 10): quicklist 2 with listpack nodes for lists,
/// intset or plain sets, listpack or ZSET_2 sorted sets, listpack or plain hashes, STREAM_LISTPACKS_2 streams.
extension RDBEncoder {
    /// How a value is laid out on disk; the caller picks the compact form exactly when its in-memory encoding is
    /// compact (so OBJECT ENCODING survives a save and load).
    public enum Layout {
        case compact
        case expanded
    }

    /// `[EXPIRETIME_MS] [IDLE|FREQ] <type> <key> <value>`.
    public mutating func writeEntry(_ entry: RDBEntry, layout: Layout, listNodeSize: Int = -2) {
        if let at = entry.expireAt { writeExpireMillis(at) }
        if let idle = entry.idleSeconds { writeIdle(seconds: idle) }
        if let f = entry.frequency { writeFrequency(f) }
        writeValue(key: entry.key, entry.value, layout: layout, listNodeSize: listNodeSize)
    }

    /// `<type> <key> <value>`; without a key (DUMP payloads) just `<type> <value>`.
    public mutating func writeValue(key: [UInt8]?, _ value: RDBValue, layout: Layout, listNodeSize: Int = -2) {
        switch value {
        case .string(let s):
            writeType(.string)
            writeKey(key)
            writeString(s)
        case .list(let items):
            writeType(.listQuicklist2)
            writeKey(key)
            let nodes = RDBEncoder.quicklistNodes(items, nodeSize: listNodeSize)
            writeLength(UInt64(nodes.count))
            for node in nodes {
                writeLength(2)  // packed container
                writeString(Listpack.encode(node))
            }
        case .set(let members):
            let ints = layout == .compact ? members.compactMap { PackedEntry.canonicalInteger($0) } : []
            if layout == .compact, ints.count == members.count {
                writeType(.setIntset)
                writeKey(key)
                writeString(Intset.encode(ints))
            } else {
                writeType(.set)
                writeKey(key)
                writeLength(UInt64(members.count))
                for m in members { writeString(m) }
            }
        case .zset(let members):
            if layout == .compact {
                writeType(.zsetListpack)
                writeKey(key)
                writeString(Listpack.encode(entries: members.flatMap { m in
                    [RDBEncoder.packed(m.member), RDBEncoder.packedScore(m.score)]
                }))
            } else {
                writeType(.zset2)
                writeKey(key)
                writeLength(UInt64(members.count))
                // Redis writes skiplists from the highest score down, so loading inserts at the head cheaply.
                for m in members.reversed() {
                    writeString(m.member)
                    writeBinaryDouble(m.score)
                }
            }
        case .hash(let pairs):
            if layout == .compact {
                writeType(.hashListpack)
                writeKey(key)
                writeString(Listpack.encode(pairs.flatMap { [$0.field, $0.value] }))
            } else {
                writeType(.hash)
                writeKey(key)
                writeLength(UInt64(pairs.count))
                for p in pairs {
                    writeString(p.field)
                    writeString(p.value)
                }
            }
        case .stream(let s):
            writeType(.streamListpacks2)
            writeKey(key)
            writeStream(s)
        }
    }

    private mutating func writeKey(_ key: [UInt8]?) {
        if let key { writeString(key) }
    }

    static func packed(_ bytes: [UInt8]) -> PackedEntry {
        PackedEntry.canonicalInteger(bytes).map(PackedEntry.int) ?? .bytes(bytes)
    }

    /// A score inside a listpack, as Redis's d2string writes it: integral values in (-(2^52-1), 2^52) as integers,
    /// "-0", "inf", "-inf", "nan", anything else as %.17g text — which the listpack then stores as an integer
    /// when it is one (2^52 and beyond, up to the int64 range).
    static func packedScore(_ d: Double) -> PackedEntry {
        if d.isNaN { return .bytes(Array("nan".utf8)) }
        if d.isInfinite { return .bytes(Array((d < 0 ? "-inf" : "inf").utf8)) }
        if d == 0 { return d.sign == .minus ? .bytes(Array("-0".utf8)) : .int(0) }
        if d > -4_503_599_627_370_495, d < 4_503_599_627_370_496, d == d.rounded(.towardZero) { return .int(Int64(d)) }
        var buffer = [CChar](repeating: 0, count: 32)
        let n = Int(withVaList([d]) { vsnprintf(&buffer, 32, "%.17g", $0) })
        return packed(buffer.prefix(n).map { UInt8(bitPattern: $0) })
    }

    /// Splits list items into quicklist nodes: a positive size is entries per node; negative sizes are byte
    /// budgets (-1: 4 KiB, -2: 8 KiB, -3: 16 KiB, -4: 32 KiB, -5: 64 KiB) as `list-max-listpack-size` defines.
    static func quicklistNodes(_ items: [[UInt8]], nodeSize: Int) -> [[[UInt8]]] {
        let byteBudget = nodeSize < 0 ? 4096 << (min(5, -nodeSize) - 1) : Int.max
        let countBudget = nodeSize > 0 ? nodeSize : Int.max
        var nodes: [[[UInt8]]] = []
        var current: [[UInt8]] = []
        var bytes = Listpack.headerSize + 1
        for item in items {
            let size = item.count + 11
            if !current.isEmpty, current.count >= countBudget || bytes + size > byteBudget {
                nodes.append(current)
                current = []
                bytes = Listpack.headerSize + 1
            }
            current.append(item)
            bytes += size
        }
        if !current.isEmpty { nodes.append(current) }
        return nodes
    }
}
