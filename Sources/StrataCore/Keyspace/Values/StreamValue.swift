/// A Redis stream: entries ordered by ID (see `StreamEntries`), the stream's counters, and its consumer groups
/// ordered by name. It keeps every field Redis keeps (and saves in RDB): the last generated ID (which may belong
/// to a deleted entry), the largest deleted ID, and the number of entries ever added. Unlike other collections
/// an empty stream is a value in its own right: XDEL and XTRIM never delete the key.
public struct StreamValue {
    var entries = StreamEntries()
    /// The ID of the last entry added (0-0 for a stream that never had one, or what XSETID set).
    public var lastID = StreamID.zero
    /// The largest ID removed by XDEL (trimming does not count), 0-0 if none.
    public var maxDeletedID = StreamID.zero
    /// Entries ever added (what XSETID ENTRIESADDED sets).
    public var entriesAdded: Int64 = 0
    public private(set) var groups: [StreamConsumerGroup] = []

    public init() {}

    /// Live entries (XLEN).
    public var count: Int { entries.count }
    public var encodingName: String { "stream" }

    /// The ID of the first live entry, 0-0 when empty.
    public var firstID: StreamID { entries.firstID ?? .zero }

    /// The ID of the last live entry, 0-0 when empty (Redis's streamLastValidID).
    public var lastLiveID: StreamID { entries.lastID ?? .zero }

    /// Estimated heap bytes (O(number of groups), each group O(1)).
    var memoryEstimate: Int {
        groups.reduce(64 + entries.memoryEstimate) { $0 + $1.memoryEstimate }
    }

    // MARK: Entries

    /// Appends an entry under `id`, which the caller has checked is above `lastID`.
    mutating func append(_ id: StreamID, _ fields: ArraySlice<Bytes>, limits: EncodingLimits) {
        entries.append(id, fields, maxEntries: limits.streamNodeMaxEntries, maxBytes: limits.streamNodeMaxBytes)
        lastID = id
        entriesAdded &+= 1  // wraps like Redis's counter after XSETID ENTRIESADDED near the limit
    }

    /// XDEL of one ID: true when it was a live entry.
    mutating func delete(_ id: StreamID) -> Bool {
        guard entries.remove(id) else { return false }
        if id > maxDeletedID { maxDeletedID = id }
        return true
    }

    mutating func trim(_ bound: StreamEntries.TrimBound, approximate: Bool, limit: Int) -> Int {
        entries.trim(bound, approximate: approximate, limit: limit)
    }

    // MARK: Groups

    func groupSlot(_ name: Bytes) -> (index: Int, found: Bool) {
        let i = StreamNames.lowerBound(groups, name, \.name)
        return (i, i < groups.count && groups[i].name == name)
    }

    public func group(_ name: Bytes) -> StreamConsumerGroup? {
        let s = groupSlot(name)
        return s.found ? groups[s.index] : nil
    }

    /// Adds a group; false when the name is taken.
    mutating func createGroup(_ name: Bytes, lastID: StreamID, entriesRead: Int64) -> Bool {
        let s = groupSlot(name)
        guard !s.found else { return false }
        groups.insert(StreamConsumerGroup(name: name, lastID: lastID, entriesRead: entriesRead), at: s.index)
        return true
    }

    /// Removes a group; false when there was none.
    mutating func destroyGroup(_ name: Bytes) -> Bool {
        let s = groupSlot(name)
        guard s.found else { return false }
        groups.remove(at: s.index)
        return true
    }

    /// Mutates group `name` in place; nil when there is no such group.
    @discardableResult
    mutating func modifyGroup<R>(_ name: Bytes, _ body: (inout StreamConsumerGroup) -> R) -> R? {
        let s = groupSlot(name)
        guard s.found else { return nil }
        return body(&groups[s.index])
    }

    // MARK: Read counters (Redis 7.0's consumer group lag)

    /// True when an entry between `start` and `end` (inclusive) may have been deleted: the largest deleted ID is
    /// in that range and not before the first entry.
    func rangeHasTombstones(from start: StreamID = .zero, to end: StreamID = .max) -> Bool {
        guard count > 0, !maxDeletedID.isZero, firstID <= maxDeletedID else { return false }
        return start <= maxDeletedID && maxDeletedID <= end
    }

    /// The position of `id` counted from the first entry ever added, when it can be known: exact at the ends of
    /// the stream and before the first entry when nothing was deleted in between; -1 otherwise.
    func estimatedEntriesRead(upTo id: StreamID) -> Int64 {
        guard entriesAdded > 0 else { return 0 }
        if count == 0 && id <= lastID { return entriesAdded }
        if id == lastID { return entriesAdded }
        if id > lastID { return StreamConsumerGroup.unknownEntriesRead }
        if maxDeletedID.isZero || maxDeletedID < firstID {
            if id < firstID { return entriesAdded &- Int64(count) }
            if id == firstID { return entriesAdded &- Int64(count) &+ 1 }
        }
        return StreamConsumerGroup.unknownEntriesRead
    }

    /// A group's lag: entries not yet delivered to it, or nil when that cannot be computed (XINFO shows null).
    func lag(of group: StreamConsumerGroup) -> Int64? {
        if entriesAdded == 0 { return 0 }
        if group.entriesRead != StreamConsumerGroup.unknownEntriesRead && !rangeHasTombstones(from: group.lastID) {
            return entriesAdded &- group.entriesRead
        }
        let read = estimatedEntriesRead(upTo: group.lastID)
        return read == StreamConsumerGroup.unknownEntriesRead ? nil : entriesAdded &- read
    }
}
