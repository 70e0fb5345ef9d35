/// A stream ID: milliseconds and sequence number. In RDB node keys and PEL entries it is 16 bytes, big-endian.
public struct RDBStreamID: Comparable, Hashable, CustomStringConvertible {
    public var ms: UInt64
    public var seq: UInt64

    public init(ms: UInt64, seq: UInt64) {
        self.ms = ms
        self.seq = seq
    }

    public static func < (a: RDBStreamID, b: RDBStreamID) -> Bool { (a.ms, a.seq) < (b.ms, b.seq) }

    public var description: String { "\(ms)-\(seq)" }

    /// The 16-byte big-endian form.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: ms >> (56 - 8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: seq >> (56 - 8 * UInt64($0))) }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        ms = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        seq = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// Everything an RDB keeps about a stream.
public struct RDBStream: Equatable {
    public struct Entry: Equatable {
        public var id: RDBStreamID
        public var fields: [(field: [UInt8], value: [UInt8])]

        public init(id: RDBStreamID, fields: [(field: [UInt8], value: [UInt8])]) {
            self.id = id
            self.fields = fields
        }

        public static func == (a: Entry, b: Entry) -> Bool {
            a.id == b.id && a.fields.count == b.fields.count
                && zip(a.fields, b.fields).allSatisfy { $0.field == $1.field && $0.value == $1.value }
        }
    }

    public struct PendingEntry: Equatable {
        public var id: RDBStreamID
        public var deliveryTime: Int64
        public var deliveryCount: UInt64
        public var consumer: [UInt8]

        public init(id: RDBStreamID, deliveryTime: Int64, deliveryCount: UInt64, consumer: [UInt8]) {
            self.id = id
            self.deliveryTime = deliveryTime
            self.deliveryCount = deliveryCount
            self.consumer = consumer
        }
    }

    public struct Consumer: Equatable {
        public var name: [UInt8]
        public var seenTime: Int64
        /// Redis 7.2+ (RDB stream v3); the seen time stands in when absent.
        public var activeTime: Int64
        public var pending: [RDBStreamID]

        public init(name: [UInt8], seenTime: Int64, activeTime: Int64, pending: [RDBStreamID]) {
            self.name = name
            self.seenTime = seenTime
            self.activeTime = activeTime
            self.pending = pending
        }
    }

    public struct Group: Equatable {
        public var name: [UInt8]
        public var lastID: RDBStreamID
        /// Entries read by the group (RDB stream v2+); nil when unknown.
        public var entriesRead: Int64?
        public var pending: [PendingEntry]
        public var consumers: [Consumer]

        public init(name: [UInt8], lastID: RDBStreamID, entriesRead: Int64?, pending: [PendingEntry], consumers: [Consumer]) {
            self.name = name
            self.lastID = lastID
            self.entriesRead = entriesRead
            self.pending = pending
            self.consumers = consumers
        }
    }

    public var entries: [Entry] = []
    /// Entries in the stream (XLEN).
    public var length: UInt64 = 0
    public var lastID = RDBStreamID(ms: 0, seq: 0)
    public var firstID = RDBStreamID(ms: 0, seq: 0)
    public var maxDeletedID = RDBStreamID(ms: 0, seq: 0)
    public var entriesAdded: UInt64 = 0
    public var groups: [Group] = []

    public init() {}
}
