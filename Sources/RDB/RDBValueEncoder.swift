/// Writes values in the encodings Redis 7.0 writes (RDB version 10): quicklist 2 with listpack nodes for lists,
/// intset or plain sets, listpack or ZSET_2 sorted sets, listpack or plain hashes, STREAM_LISTPACKS_2 streams.
///
/// Each collection type has one writer that takes its elements through a visitor (a function that calls its
/// argument once per element, with the element's bytes valid for that call): `writeValue` feeds them from an
/// `RDBValue`, the server feeds them straight from its in-memory values, and both produce the same bytes.
extension RDBEncoder {
    /// How a value is laid out on disk; the caller picks the compact form exactly when its in-memory encoding is
    /// compact (so OBJECT ENCODING survives a save and load).
    public enum Layout {
        case compact
        case expanded
    }

    /// Calls its argument once per element (list items, set members).
    public typealias ElementVisitor = ((UnsafeRawBufferPointer) -> Void) -> Void
    /// Calls its argument once per hash field and value.
    public typealias PairVisitor = ((UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) -> Void
    /// Calls its argument once per sorted-set member and score, ascending, or descending when passed true.
    public typealias ScoredVisitor = (_ descending: Bool, (UnsafeRawBufferPointer, Double) -> Void) -> Void

    /// `[EXPIRETIME_MS] [IDLE|FREQ] <type> <key> <value>`.
    public mutating func writeEntry(_ entry: RDBEntry, layout: Layout, listNodeSize: Int = -2) {
        writeKeyMetadata(expireAt: entry.expireAt, idleSeconds: entry.idleSeconds, frequency: entry.frequency)
        writeValue(key: entry.key, entry.value, layout: layout, listNodeSize: listNodeSize)
    }

    /// The records that precede a key: `[EXPIRETIME_MS] [IDLE|FREQ]`.
    public mutating func writeKeyMetadata(expireAt: Int64?, idleSeconds: UInt64?, frequency: UInt8?) {
        if let expireAt { writeExpireMillis(expireAt) }
        if let idleSeconds { writeIdle(seconds: idleSeconds) }
        if let frequency { writeFrequency(frequency) }
    }

    /// `<type> <key> <value>`; without a key (DUMP payloads) just `<type> <value>`.
    public mutating func writeValue(key: [UInt8]?, _ value: RDBValue, layout: Layout, listNodeSize: Int = -2) {
        guard let key else { return writeValue(key: UnsafeRawBufferPointer?.none, value, layout: layout, listNodeSize: listNodeSize) }
        key.withUnsafeBytes { writeValue(key: $0, value, layout: layout, listNodeSize: listNodeSize) }
    }

    private mutating func writeValue(key: UnsafeRawBufferPointer?, _ value: RDBValue, layout: Layout, listNodeSize: Int) {
        switch value {
        case .string(let s):
            s.withUnsafeBytes { writeStringValue(key: key, $0) }
        case .list(let items):
            writeList(key: key, nodeSize: listNodeSize) { body in for i in items { i.withUnsafeBytes(body) } }
        case .set(let members):
            let ints = layout == .compact ? members.compactMap { PackedEntry.canonicalInteger($0) } : []
            let intset = layout == .compact && ints.count == members.count ? Array(Set(ints)).sorted() : nil
            writeSet(key: key, intset: intset, count: members.count) { body in for m in members { m.withUnsafeBytes(body) } }
        case .zset(let members):
            writeSortedSet(key: key, layout: layout, count: members.count) { descending, body in
                if descending {
                    for m in members.reversed() { m.member.withUnsafeBytes { body($0, m.score) } }
                } else {
                    for m in members { m.member.withUnsafeBytes { body($0, m.score) } }
                }
            }
        case .hash(let pairs):
            writeHash(key: key, layout: layout, count: pairs.count) { body in
                for p in pairs { p.field.withUnsafeBytes { f in p.value.withUnsafeBytes { v in body(f, v) } } }
            }
        case .stream(let s):
            writeType(.streamListpacks2)
            writeKey(key)
            writeStream(s)
        }
    }

    private mutating func writeKey(_ key: UnsafeRawBufferPointer?) {
        if let key { writeString(key) }
    }

    /// A string value.
    public mutating func writeStringValue(key: UnsafeRawBufferPointer?, _ bytes: UnsafeRawBufferPointer) {
        writeType(.string)
        writeKey(key)
        writeString(bytes)
    }

    /// A string value that is an integer (the int8/16/32 string encodings when it fits, decimal text otherwise).
    public mutating func writeStringValue(key: UnsafeRawBufferPointer?, integer n: Int64) {
        writeType(.string)
        writeKey(key)
        writeString(integer: n)
    }

    /// A list as quicklist 2: the node count, then per node the packed-container marker and a listpack of the
    /// node's items. `nodeSize` splits the items as `list-max-listpack-size` does (see `QuicklistSplit`);
    /// `elements` is called twice, once to count the nodes and once to write them.
    public mutating func writeList(key: UnsafeRawBufferPointer?, nodeSize: Int, elements: ElementVisitor) {
        writeType(.listQuicklist2)
        writeKey(key)
        var counting = QuicklistSplit(nodeSize: nodeSize)
        var nodes = 0
        elements { item in if counting.startsNode(itemSize: item.count) { nodes += 1 } }
        writeLength(UInt64(nodes))
        guard nodes > 0 else { return }
        var split = QuicklistSplit(nodeSize: nodeSize)
        var builder = ListpackBuilder(reusing: listpackStorage)
        listpackStorage = []
        elements { item in
            if split.startsNode(itemSize: item.count), builder.count > 0 {
                writeQuicklistNode(&builder)
            }
            builder.append(element: item)
        }
        writeQuicklistNode(&builder)
        keepListpackStorage(builder.bytes)
    }

    private mutating func writeQuicklistNode(_ builder: inout ListpackBuilder) {
        writeLength(2)  // packed container
        builder.finish()
        builder.bytes.withUnsafeBytes { writeString($0) }
        builder = ListpackBuilder(reusing: builder.bytes)
    }

    /// A set: an intset of `intset` (sorted, distinct) when given, else the plain layout with every member.
    public mutating func writeSet(key: UnsafeRawBufferPointer?, intset: [Int64]?, count: Int, members: ElementVisitor) {
        if let intset {
            writeType(.setIntset)
            writeKey(key)
            writeString(Intset.encode(sortedDistinct: intset))
        } else {
            writeType(.set)
            writeKey(key)
            writeLength(UInt64(count))
            members { writeString($0) }
        }
    }

    /// A sorted set: a listpack of member, score, member, score... ascending (compact), or ZSET_2 — the count,
    /// then member and 8-byte score from the highest score down, as Redis writes skiplists so loading inserts at
    /// the head cheaply.
    public mutating func writeSortedSet(key: UnsafeRawBufferPointer?, layout: Layout, count: Int, members: ScoredVisitor) {
        if layout == .compact {
            writeType(.zsetListpack)
            writeKey(key)
            writeListpack { builder in
                members(false) { member, score in
                    builder.append(element: member)
                    builder.append(score: score)
                }
            }
        } else {
            writeType(.zset2)
            writeKey(key)
            writeLength(UInt64(count))
            members(true) { member, score in
                writeString(member)
                writeBinaryDouble(score)
            }
        }
    }

    /// A hash: a listpack of field, value, field, value... (compact), or the count and then each field and value.
    public mutating func writeHash(key: UnsafeRawBufferPointer?, layout: Layout, count: Int, pairs: PairVisitor) {
        if layout == .compact {
            writeType(.hashListpack)
            writeKey(key)
            writeListpack { builder in
                pairs { field, value in
                    builder.append(element: field)
                    builder.append(element: value)
                }
            }
        } else {
            writeType(.hash)
            writeKey(key)
            writeLength(UInt64(count))
            pairs { field, value in
                writeString(field)
                writeString(value)
            }
        }
    }

    static func packed(_ bytes: [UInt8]) -> PackedEntry {
        PackedEntry.canonicalInteger(bytes).map(PackedEntry.int) ?? .bytes(bytes)
    }
}

/// How quicklist 2 splits a list into nodes: a positive `list-max-listpack-size` is entries per node; negative
/// sizes are byte budgets (-1: 4 KiB, -2: 8 KiB, -3: 16 KiB, -4: 32 KiB, -5: 64 KiB), each item counted as its
/// length plus 11 bytes of listpack overhead.
struct QuicklistSplit {
    private let byteBudget: Int
    private let countBudget: Int
    private var count = 0
    private var bytes = Listpack.headerSize + 1

    init(nodeSize: Int) {
        byteBudget = nodeSize < 0 ? 4096 << (min(5, -nodeSize) - 1) : Int.max
        countBudget = nodeSize > 0 ? nodeSize : Int.max
    }

    /// Adds an item of `itemSize` bytes; true when it begins a node (the first item, or one that does not fit in
    /// the current node).
    mutating func startsNode(itemSize: Int) -> Bool {
        let size = itemSize + 11
        let starts = count == 0 || count >= countBudget || bytes + size > byteBudget
        if starts {
            count = 0
            bytes = Listpack.headerSize + 1
        }
        count += 1
        bytes += size
        return starts
    }
}
