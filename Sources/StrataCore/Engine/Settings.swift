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
    /// `timeout`: seconds after which an idle client is closed; 0 never.
    public var maxIdleSeconds = 0
    public var protoMaxBulkLength = 512 << 20
    /// `client-output-buffer-limit` of normal and pub/sub clients (replicas come with replication).
    public var normalOutputLimit = ClientOutputBufferLimit(hard: 0, soft: 0, softSeconds: 0)
    public var pubsubOutputLimit = ClientOutputBufferLimit(hard: 32 << 20, soft: 8 << 20, softSeconds: 60)
    /// `notify-keyspace-events`: which keyspace notifications are published.
    public var keyspaceEvents: KeyspaceEvents = []
    /// Thresholds for the compact encodings of small collections.
    public var encodingLimits = EncodingLimits()
    /// `lazyfree-lazy-expire` / `lazyfree-lazy-eviction`: the command log records such deletions as UNLINK.
    public var lazyExpire = false
    public var lazyEviction = false

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
        maxIdleSeconds = config.int("timeout")
        protoMaxBulkLength = config.int("proto-max-bulk-len")
        let outputLimits = config.clientOutputBufferLimits
        if outputLimits.count == 3 {
            normalOutputLimit = outputLimits[0]
            pubsubOutputLimit = outputLimits[2]
        }
        keyspaceEvents = config.keyspaceEvents
        encodingLimits = EncodingLimits(config)
        lazyExpire = config.bool("lazyfree-lazy-expire")
        lazyEviction = config.bool("lazyfree-lazy-eviction")
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

/// The `*-max-listpack-*` / `set-max-intset-entries` thresholds: a collection keeps its compact encoding while it
/// stays within them and converts (one way, as in Redis 7.0) once it grows past one.
public struct EncodingLimits {
    /// `list-max-listpack-size`: positive = entries per quicklist node, negative = node size class (-1 = 4 KiB ... -5 = 64 KiB).
    public var listMaxListpackSize = -2
    public var hashMaxListpackEntries = 512
    public var hashMaxListpackValue = 64
    public var setMaxIntsetEntries = 512
    public var zsetMaxListpackEntries = 128
    public var zsetMaxListpackValue = 64
    /// `hll-sparse-max-bytes`: a HyperLogLog turns dense once its sparse form would exceed this.
    public var hllSparseMaxBytes = 3000
    /// `stream-node-max-entries` / `stream-node-max-bytes`: when a stream starts a new node (0 = no limit).
    public var streamNodeMaxEntries = 100
    public var streamNodeMaxBytes = 4096

    public init() {}

    public init(_ config: ConfigStore) {
        listMaxListpackSize = config.int("list-max-listpack-size")
        hashMaxListpackEntries = config.int("hash-max-listpack-entries")
        hashMaxListpackValue = config.int("hash-max-listpack-value")
        setMaxIntsetEntries = config.int("set-max-intset-entries")
        zsetMaxListpackEntries = config.int("zset-max-listpack-entries")
        zsetMaxListpackValue = config.int("zset-max-listpack-value")
        hllSparseMaxBytes = config.int("hll-sparse-max-bytes")
        streamNodeMaxEntries = config.int("stream-node-max-entries")
        streamNodeMaxBytes = config.int("stream-node-max-bytes")
    }
}
