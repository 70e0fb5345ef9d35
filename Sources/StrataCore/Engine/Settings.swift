import StrataConfig

/// The configuration values the hot path reads, copied out of the config store whenever it changes.
public struct Settings {
    public var databases = 16
    public var requirePass: Bytes?
    public var maxMemory = 0
    public var maxMemoryPolicy = EvictionPolicy.noEviction
    public var maxMemorySamples = 5
    public var lfuLogFactor = 10
    public var lfuDecayTime = 1
    public var hz = 10
    public var activeExpire = true
    public var slowlogThresholdMicros = 10_000
    public var slowlogMaxLen = 128
    public var latencyMonitorThreshold = 0
    public var enableDebugCommand = ProtectedCommandSetting.no
    public var protectedMode = true
    public var queryBufferLimit = 1 << 30
    public var protoMaxBulkLength = 512 << 20

    public init() {}

    public init(_ config: ConfigStore) {
        databases = config.int("databases")
        let pass = config.string("requirepass")
        requirePass = pass.isEmpty ? nil : Bytes(pass)
        maxMemory = config.int("maxmemory")
        maxMemoryPolicy = EvictionPolicy(rawValue: config.enumValue("maxmemory-policy")) ?? .noEviction
        maxMemorySamples = config.int("maxmemory-samples")
        lfuLogFactor = config.int("lfu-log-factor")
        lfuDecayTime = config.int("lfu-decay-time")
        hz = config.int("hz")
        slowlogThresholdMicros = config.int("slowlog-log-slower-than")
        slowlogMaxLen = config.int("slowlog-max-len")
        latencyMonitorThreshold = config.int("latency-monitor-threshold")
        enableDebugCommand = ProtectedCommandSetting(rawValue: config.enumValue("enable-debug-command")) ?? .no
        protectedMode = config.bool("protected-mode")
        queryBufferLimit = config.int("client-query-buffer-limit")
        protoMaxBulkLength = config.int("proto-max-bulk-len")
    }
}

/// `enable-debug-command` and friends: never, only from loopback clients, or always.
public enum ProtectedCommandSetting: String {
    case no, yes, local

    public func allows(_ client: ClientSession) -> Bool {
        self == .yes || (self == .local && client.isLocal)
    }
}

/// `maxmemory-policy` values.
public enum EvictionPolicy: String, CaseIterable {
    case noEviction = "noeviction"
    case allKeysLRU = "allkeys-lru", allKeysLFU = "allkeys-lfu", allKeysRandom = "allkeys-random"
    case volatileLRU = "volatile-lru", volatileLFU = "volatile-lfu", volatileRandom = "volatile-random"
    case volatileTTL = "volatile-ttl"

    public var isLFU: Bool { self == .allKeysLFU || self == .volatileLFU }
    public var onlyVolatile: Bool { rawValue.hasPrefix("volatile") }
}
