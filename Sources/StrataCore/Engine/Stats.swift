/// Counters INFO stats reports. The network layer updates the connection and byte counters.
public struct Stats {
    public var connectionsReceived = 0
    public var rejectedConnections = 0
    public var commandsProcessed = 0
    public var netInputBytes = 0
    public var netOutputBytes = 0
    public var expiredKeys = 0
    public var evictedKeys = 0
    public var keyspaceHits = 0
    public var keyspaceMisses = 0
    public var errorReplies = 0
    public var peakMemory = 0
    /// Error replies by their first word ("ERR", "WRONGTYPE"...), for INFO errorstats.
    public var errorCounts: [String: Int] = [:]

    /// Counts one error reply whose text starts with `message`.
    public mutating func countError(_ message: Substring) {
        errorReplies += 1
        let prefix = message.prefix { $0 != " " }
        errorCounts[String(prefix), default: 0] += 1
    }

    public init() {}
}

/// Samples of a counter taken every cron tick, for INFO's instantaneous_* rates.
public struct RateSampler {
    private var samples = [Double](repeating: 0, count: 16)
    private var next = 0
    private var lastTime: Int64 = 0
    private var lastValue = 0

    public init() {}

    public mutating func record(now: Int64, value: Int) {
        if lastTime > 0, now > lastTime {
            samples[next] = Double(value - lastValue) * 1000 / Double(now - lastTime)
            next = (next + 1) % samples.count
        }
        lastTime = now
        lastValue = value
    }

    public var perSecond: Double { samples.reduce(0, +) / Double(samples.count) }
}
