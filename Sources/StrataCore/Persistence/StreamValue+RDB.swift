import RDB

/// Streams to and from the RDB form: entries, the stream's counters (last ID, largest deleted ID, entries ever
/// added) and every consumer group with its pending entries list and its consumers (seen time and own PEL).
extension StreamValue {
    func rdbForm() -> RDBStream {
        var s = RDBStream()
        s.entries.reserveCapacity(count)
        for node in entries.nodes {
            for i in node.ids.indices {
                var fields: [(field: [UInt8], value: [UInt8])] = []
                fields.reserveCapacity(node.elementCount(at: i) / 2)
                var pendingField: [UInt8]?
                node.forEachElement(at: i) { element in
                    if let f = pendingField {
                        fields.append((f, Array(element)))
                        pendingField = nil
                    } else {
                        pendingField = Array(element)
                    }
                }
                s.entries.append(RDBStream.Entry(id: node.ids[i].rdb, fields: fields))
            }
        }
        s.length = UInt64(count)
        s.lastID = lastID.rdb
        s.firstID = firstID.rdb
        s.maxDeletedID = maxDeletedID.rdb
        s.entriesAdded = UInt64(entriesAdded)
        s.groups = groups.map { g in
            var pending: [RDBStream.PendingEntry] = []
            pending.reserveCapacity(g.pending.count)
            g.pending.forEach { id, p in
                pending.append(RDBStream.PendingEntry(id: id.rdb, deliveryTime: p.deliveryTime,
                                                      deliveryCount: UInt64(p.deliveryCount), consumer: p.consumer))
                return true
            }
            let consumers = g.consumers.map { c in
                var ids: [RDBStreamID] = []
                ids.reserveCapacity(c.pending.count)
                c.pending.forEach { id, _ in
                    ids.append(id.rdb)
                    return true
                }
                return RDBStream.Consumer(name: c.name, seenTime: c.seenTime, activeTime: c.seenTime, pending: ids)
            }
            return RDBStream.Group(name: g.name, lastID: g.lastID.rdb, entriesRead: g.entriesRead,
                                   pending: pending, consumers: consumers)
        }
        return s
    }

    /// Rebuilds a stream: entries are appended under the current node limits, then the saved counters replace the
    /// ones the appends produced. Unless the format `countsEntriesRead` (STREAM_LISTPACKS_2 and later), groups
    /// carry no entries-read counter and get the estimate Redis makes from the stream's state; in the later
    /// formats a missing counter is the "unknown" value (-1) saved as such.
    init(rdb s: RDBStream, countsEntriesRead: Bool, limits: EncodingLimits) throws(RDBContentError) {
        self.init()
        var previous = StreamID.zero
        for e in s.entries {
            let id = StreamID(e.id)
            guard id > previous, !e.fields.isEmpty else { throw RDBContentError("Bad stream entry") }
            previous = id
            append(id, e.fields.flatMap { [$0.field, $0.value] }[...], limits: limits)
        }
        guard s.lastID >= (s.entries.last?.id ?? s.lastID) else {
            throw RDBContentError("Stream last ID is smaller than its last entry")
        }
        lastID = StreamID(s.lastID)
        maxDeletedID = StreamID(s.maxDeletedID)
        entriesAdded = Int64(truncatingIfNeeded: s.entriesAdded)
        for g in s.groups {
            let groupLast = StreamID(g.lastID)
            let read = g.entriesRead
                ?? (countsEntriesRead ? StreamConsumerGroup.unknownEntriesRead : estimatedEntriesRead(upTo: groupLast))
            guard createGroup(g.name, lastID: groupLast, entriesRead: read) else {
                throw RDBContentError("Duplicated consumer group name")
            }
            if let problem = modifyGroup(g.name, { $0.restore(g) }) ?? nil { throw RDBContentError(problem) }
        }
    }
}

extension StreamConsumerGroup {
    /// Fills a freshly created group's pending entries and consumers; returns what is wrong when the saved lists
    /// disagree (a duplicate, or a pending entry not owned by exactly one consumer).
    fileprivate mutating func restore(_ g: RDBStream.Group) -> String? {
        for p in g.pending {
            let entry = StreamPendingEntry(consumer: p.consumer, deliveryTime: p.deliveryTime,
                                           deliveryCount: Int64(truncatingIfNeeded: p.deliveryCount))
            guard pending.updateValue(entry, forKey: StreamID(p.id)) == nil else { return "Duplicated global PEL entry" }
        }
        var owned = 0
        for c in g.consumers {
            guard createConsumer(c.name, now: c.seenTime) else { return "Duplicated consumer name" }
            for id in c.pending {
                let key = StreamID(id)
                guard pending[key]?.consumer == c.name else { return "Consumer PEL NACK not found in global PEL" }
                modifyConsumer(c.name) { $0.pending.updateValue((), forKey: key) }
                owned += 1
            }
        }
        return owned == pending.count ? nil : "Stream PEL NACK missing consumer"
    }
}

extension StreamID {
    init(_ id: RDBStreamID) { self.init(ms: id.ms, seq: id.seq) }

    var rdb: RDBStreamID { RDBStreamID(ms: ms, seq: seq) }
}
