/// SLOWLOG: the most recent commands that ran longer than `slowlog-log-slower-than` microseconds.
public struct Slowlog {
    public struct Record {
        public let id: Int
        public let time: Int64
        public let micros: Int
        public let args: [Bytes]
        public let peer: String
        public let name: String
    }

    public private(set) var records: [Record] = []
    private var nextID = 0

    public init() {}

    /// Records a command, keeping at most `maxLen` entries (newest first). Arguments are trimmed as Redis trims
    /// them: at most 32, each at most 128 bytes.
    public mutating func add(args: [Bytes], micros: Int, time: Int64, client: ClientSession, maxLen: Int) {
        var kept = args.prefix(args.count > 32 ? 31 : 32).map { a -> Bytes in
            a.count > 128 ? Array(a.prefix(128)) + Bytes("... (\(a.count - 128) more bytes)") : a
        }
        if args.count > 32 { kept.append(Bytes("... (\(args.count - 31) more arguments)")) }
        records.insert(Record(id: nextID, time: time, micros: micros, args: kept, peer: client.peerAddress,
                              name: client.name?.text ?? ""), at: 0)
        nextID += 1
        if records.count > maxLen { records.removeLast(records.count - max(0, maxLen)) }
    }

    public mutating func reset() { records.removeAll() }
}

/// LATENCY: the latest and worst latency per event, for events over `latency-monitor-threshold`.
public struct LatencyMonitor {
    public struct Event {
        public var samples: [(time: Int64, millis: Int)] = []
        public var maxMillis = 0
    }

    public private(set) var events: [String: Event] = [:]

    public init() {}

    public mutating func add(_ name: String, millis: Int, time: Int64) {
        var e = events[name] ?? Event()
        e.samples.append((time, millis))
        if e.samples.count > 160 { e.samples.removeFirst() }
        e.maxMillis = max(e.maxMillis, millis)
        events[name] = e
    }

    /// Clears the named events (all when empty); returns how many were cleared.
    public mutating func reset(_ names: [String]) -> Int {
        if names.isEmpty {
            defer { events.removeAll() }
            return events.count
        }
        var n = 0
        for name in names where events.removeValue(forKey: name) != nil { n += 1 }
        return n
    }
}
