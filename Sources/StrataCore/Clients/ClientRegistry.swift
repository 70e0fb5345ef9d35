/// All connected clients by id, in connection order (CLIENT LIST order).
public final class ClientRegistry {
    public private(set) var byID: [Int64: ClientSession] = [:]
    private var nextID: Int64 = 1
    /// Clients in MONITOR mode.
    public internal(set) var monitors: [ClientSession] = []
    /// Subscribers of every channel and pattern (Pub/Sub).
    public internal(set) var pubsub = PubSubRegistry()
    /// Watchers of every WATCHed key.
    var watches = WatchRegistry()

    public init() {}

    public var count: Int { byID.count }

    /// A fresh client id (ids are never reused, as in Redis).
    public func allocateID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    public func add(_ c: ClientSession) { byID[c.id] = c }

    public func remove(_ c: ClientSession) {
        byID[c.id] = nil
        if c.isMonitor { monitors.removeAll { $0 === c } }
    }

    public func startMonitoring(_ c: ClientSession) {
        guard !c.isMonitor else { return }
        c.isMonitor = true
        monitors.append(c)
    }

    public func stopMonitoring(_ c: ClientSession) {
        c.isMonitor = false
        monitors.removeAll { $0 === c }
    }

    /// Clients sorted by id.
    public var ordered: [ClientSession] { byID.values.sorted { $0.id < $1.id } }
}

/// CLIENT PAUSE: until when, and whether only writes or all commands wait.
public struct ClientPause {
    public var until: Int64
    public var writesOnly: Bool
}
