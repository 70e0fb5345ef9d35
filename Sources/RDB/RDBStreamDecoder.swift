/// Stream values: listpack nodes keyed by their master ID, then the stream's metadata, then consumer groups.
///
/// A node's listpack starts with a master entry `count, deleted, field-count, fields..., 0`; each entry follows as
/// `flags, ms-delta, seq-delta`, then either the values alone (flag SAMEFIELDS: same fields as the master) or
/// `field-count, field, value, ...`, and last the entry's element count (for walking backwards). Entries flagged
/// DELETED stay in the node and are skipped.
extension RDBReader {
    static let streamEntryDeleted: Int64 = 1
    static let streamEntrySameFields: Int64 = 2

    mutating func stream(version: Int) throws(RDBError) -> RDBStream {
        var s = RDBStream()
        for _ in 0..<(try count()) {
            let at = offset
            guard let master = RDBStreamID(bytes: try string()) else { throw error("stream node key is not a 16-byte ID", at: at) }
            let blob = try string()
            do {
                s.entries += try RDBReader.streamNode(try Listpack.decode(blob), master: master)
            } catch let e as PackedFormatError {
                throw error("\(e) of a stream node", at: at)
            } catch {
                throw self.error("malformed stream node: \(error)", at: at)
            }
        }
        s.length = try length()
        s.lastID = RDBStreamID(ms: try length(), seq: try length())
        if version >= 2 {
            s.firstID = RDBStreamID(ms: try length(), seq: try length())
            s.maxDeletedID = RDBStreamID(ms: try length(), seq: try length())
            s.entriesAdded = try length()
        } else {
            s.firstID = s.entries.first?.id ?? RDBStreamID(ms: 0, seq: 0)
            s.entriesAdded = s.length
        }
        for _ in 0..<(try count()) {
            let name = try string()
            let lastID = RDBStreamID(ms: try length(), seq: try length())
            var entriesRead: Int64?
            if version >= 2 {
                let raw = try length()
                entriesRead = raw == UInt64.max ? nil : Int64(bitPattern: raw)
            }
            var pending: [RDBStream.PendingEntry] = []
            for _ in 0..<(try count()) {
                let at = offset
                guard let id = RDBStreamID(bytes: try bytes(16)) else { throw error("bad PEL id", at: at) }
                let time = Int64(bitPattern: try littleEndian(8))
                pending.append(.init(id: id, deliveryTime: time, deliveryCount: try length(), consumer: []))
            }
            var consumers: [RDBStream.Consumer] = []
            for _ in 0..<(try count()) {
                let consumerName = try string()
                let seen = Int64(bitPattern: try littleEndian(8))
                let active = version >= 3 ? Int64(bitPattern: try littleEndian(8)) : seen
                var owned: [RDBStreamID] = []
                for _ in 0..<(try count()) {
                    let at = offset
                    guard let id = RDBStreamID(bytes: try bytes(16)),
                          let k = pending.firstIndex(where: { $0.id == id }) else {
                        throw error("consumer PEL entry missing from the group PEL", at: at)
                    }
                    pending[k].consumer = consumerName
                    owned.append(id)
                }
                consumers.append(.init(name: consumerName, seenTime: seen, activeTime: active, pending: owned))
            }
            s.groups.append(.init(name: name, lastID: lastID, entriesRead: entriesRead, pending: pending, consumers: consumers))
        }
        return s
    }

    struct StreamNodeError: Error { let reason: String }

    /// The live entries of one node.
    static func streamNode(_ lp: [PackedEntry], master: RDBStreamID) throws -> [RDBStream.Entry] {
        var i = 0
        func next() throws -> PackedEntry {
            guard i < lp.count else { throw StreamNodeError(reason: "node ends early") }
            defer { i += 1 }
            return lp[i]
        }
        func int() throws -> Int64 {
            guard case .int(let n) = try next() else { throw StreamNodeError(reason: "expected an integer") }
            return n
        }
        let live = try int(), deleted = try int()
        let masterFieldCount = try int()
        guard masterFieldCount >= 0 else { throw StreamNodeError(reason: "negative field count") }
        var masterFields: [[UInt8]] = []
        for _ in 0..<masterFieldCount { masterFields.append(try next().bytes) }
        guard try int() == 0 else { throw StreamNodeError(reason: "master entry terminator missing") }
        var entries: [RDBStream.Entry] = []
        for _ in 0..<(live + deleted) {
            let flags = try int()
            let id = RDBStreamID(ms: master.ms &+ UInt64(bitPattern: try int()), seq: master.seq &+ UInt64(bitPattern: try int()))
            var fields: [(field: [UInt8], value: [UInt8])] = []
            if flags & streamEntrySameFields != 0 {
                for f in masterFields { fields.append((f, try next().bytes)) }
            } else {
                let n = try int()
                guard n >= 0 else { throw StreamNodeError(reason: "negative field count") }
                for _ in 0..<n { fields.append((try next().bytes, try next().bytes)) }
            }
            _ = try int()  // element count of this entry, for backward iteration
            if flags & streamEntryDeleted == 0 { entries.append(.init(id: id, fields: fields)) }
        }
        guard entries.count == live else { throw StreamNodeError(reason: "node says \(live) live entries, found \(entries.count)") }
        return entries
    }
}
