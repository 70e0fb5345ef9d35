import StrataCollections

/// One delivered but not yet acknowledged entry of a consumer group (Redis's NACK): who has it, when it was last
/// delivered (Unix ms) and how many times.
public struct StreamPendingEntry {
    public var consumer: Bytes
    public var deliveryTime: Int64
    public var deliveryCount: Int64
}

/// A consumer of a group: its name, when it last read or claimed (Unix ms), and the IDs it holds pending.
public struct StreamConsumer {
    public let name: Bytes
    public var seenTime: Int64
    public var pending = ChunkedSortedMap<StreamID, Void>()
}

/// A consumer group: the last ID delivered to it, how many entries it has read (-1 when unknown, as after
/// XGROUP SETID without ENTRIESREAD), its pending entries list ordered by ID, and its consumers ordered by name.
/// Every pending ID is in exactly one consumer's list too.
public struct StreamConsumerGroup {
    /// Redis's SCG_INVALID_ENTRIES_READ.
    public static let unknownEntriesRead: Int64 = -1

    public let name: Bytes
    public var lastID: StreamID
    public var entriesRead: Int64
    public var pending = ChunkedSortedMap<StreamID, StreamPendingEntry>()
    public private(set) var consumers: [StreamConsumer] = []

    init(name: Bytes, lastID: StreamID, entriesRead: Int64) {
        self.name = name
        self.lastID = lastID
        self.entriesRead = entriesRead
    }

    /// Index of `name` in `consumers`, or where it would go.
    func consumerSlot(_ name: Bytes) -> (index: Int, found: Bool) {
        let i = StreamNames.lowerBound(consumers, name, \.name)
        return (i, i < consumers.count && consumers[i].name == name)
    }

    public func consumer(_ name: Bytes) -> StreamConsumer? {
        let s = consumerSlot(name)
        return s.found ? consumers[s.index] : nil
    }

    /// Adds consumer `name` unless present; true when added.
    @discardableResult mutating func createConsumer(_ name: Bytes, now: Int64) -> Bool {
        let s = consumerSlot(name)
        guard !s.found else { return false }
        consumers.insert(StreamConsumer(name: name, seenTime: now), at: s.index)
        return true
    }

    /// Marks consumer `name` as seen now, creating it if needed; true when it was created.
    @discardableResult mutating func touchConsumer(_ name: Bytes, now: Int64) -> Bool {
        let s = consumerSlot(name)
        if s.found {
            consumers[s.index].seenTime = now
            return false
        }
        consumers.insert(StreamConsumer(name: name, seenTime: now), at: s.index)
        return true
    }

    /// Removes consumer `name` and its pending entries (from the group's list too); returns how many it had, or
    /// nil when there is no such consumer.
    mutating func deleteConsumer(_ name: Bytes) -> Int? {
        let s = consumerSlot(name)
        guard s.found else { return nil }
        let gone = consumers.remove(at: s.index)
        gone.pending.forEach { id, _ in
            pending.removeValue(forKey: id)
            return true
        }
        return gone.pending.count
    }

    /// Records a delivery of `id` to `consumer` at `now`: a new pending entry, or one taken over from whichever
    /// consumer had it, with its delivery count reset to 1 (XREADGROUP after XGROUP SETID moved back).
    mutating func deliver(_ id: StreamID, to consumer: Bytes, now: Int64) {
        if let old = pending.updateValue(StreamPendingEntry(consumer: consumer, deliveryTime: now, deliveryCount: 1),
                                         forKey: id), old.consumer != consumer {
            modifyConsumer(old.consumer) { $0.pending.removeValue(forKey: id) }
        }
        modifyConsumer(consumer) { $0.pending.updateValue((), forKey: id) }
    }

    /// Moves pending `id` to `consumer` (XCLAIM): the caller sets its times and counts.
    mutating func transfer(_ id: StreamID, to consumer: Bytes) {
        guard let owner = pending[id]?.consumer, owner != consumer else { return }
        modifyConsumer(owner) { $0.pending.removeValue(forKey: id) }
        pending.modifyValue(forKey: id) { $0.consumer = consumer }
        modifyConsumer(consumer) { $0.pending.updateValue((), forKey: id) }
    }

    /// Acknowledges `id`; true when it was pending.
    mutating func acknowledge(_ id: StreamID) -> Bool {
        guard let entry = pending.removeValue(forKey: id) else { return false }
        modifyConsumer(entry.consumer) { $0.pending.removeValue(forKey: id) }
        return true
    }

    mutating func modifyConsumer(_ name: Bytes, _ body: (inout StreamConsumer) -> Void) {
        let s = consumerSlot(name)
        if s.found { body(&consumers[s.index]) }
    }

    /// Estimated heap bytes: pending entries in both lists, consumers and their names.
    var memoryEstimate: Int {
        128 + name.count + pending.count * 72 + consumers.count * 160
    }
}

/// Ordering of group and consumer names: bytewise, shorter first on a common prefix (Redis keeps both in a
/// radix tree and lists them in that order).
enum StreamNames {
    static func lowerBound<T>(_ items: [T], _ name: Bytes, _ key: (T) -> Bytes) -> Int {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(items[mid]).lexicographicallyPrecedes(name) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
