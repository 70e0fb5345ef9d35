import CStrataSystem
import Glibc
import Logging
import NIOCore
import RESP
import StrataCollections
import StrataConfig

/// The dataset and everything that acts on it. One thread owns an Engine (the server's event loop); nothing in
/// here locks. Commands run synchronously through `execute`, writing their reply into the caller's buffer.
public final class Engine {
    public let config: ConfigStore
    public internal(set) var settings: Settings
    public internal(set) var databases: [Database]
    public var stats = Stats()
    public var opsRate = RateSampler(), inputRate = RateSampler(), outputRate = RateSampler()
    public let clients = ClientRegistry()
    public weak var host: EngineHost?
    public let logger: Logger
    public let commands: CommandTable
    public let startTime: Int64
    /// Writes since the last successful save (INFO rdb_changes_since_last_save; save rules).
    public var dirty = 0
    /// The deterministic effects of every change, for the AOF and replicas.
    public let commandLog = CommandLog()
    /// The append-only file, while `appendonly` is on.
    public internal(set) var appendOnly = AppendOnlyState()
    /// True while commands come from the log itself (the AOF being loaded), as Redis's `server.loading`: keys do
    /// not expire on access and a past expiry time is set rather than applied as a deletion, because the log
    /// records every deletion that really happened.
    public internal(set) var replaysLog = false
    /// The AOF load in progress at startup.
    var appendOnlyLoad: AppendOnlyLoad?
    /// The server is binding its ports and has not begun the startup load yet: clients already get -LOADING.
    public var startupLoadPending = false
    public var lastSaveTime: Int64
    /// Save and load statistics, and the background save in progress (INFO persistence).
    public var persistence = PersistenceState()
    /// Written snapshots being released a step at a time (`releaseGradually`).
    var snapshotsBeingReleased: [TrieDismantler<CompactBytes, Entry>] = []
    public internal(set) var slowlog = Slowlog()
    public internal(set) var latency = LatencyMonitor()
    /// Heap in use before any key was stored; `usedMemory` adds the dataset estimate to it.
    public var baselineMemory: Int
    /// CLIENT PAUSE state.
    public internal(set) var pause: ClientPause?
    /// Random source for sampling (eviction, RANDOMKEY, SPOP...).
    public var random = FastRandom()
    var evictionPool = EvictionPool()
    var blocking = BlockingState()
    /// Nesting of `execute` (EXEC runs commands inside a command); blocked clients are served at depth 0.
    var executionDepth = 0
    /// End time (µs) of the previous command of the current burst; nil at a burst's start.
    var burstClock: Int64?
    /// The active-expiry cycle resumes at this database.
    var activeExpireNextDB = 0
    /// 40 random hex digits identifying this run (INFO run_id, and the replication id).
    public let runID: String = (0..<40).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
    /// Protocol and identity reported to HELLO.
    public static let redisVersion = "7.0.15"
    public static let strataVersion = StrataVersion.current

    public init(config: ConfigStore, logger: Logger = Logger(label: "strata")) {
        self.config = config
        self.settings = Settings(config)
        self.logger = logger
        self.databases = (0..<max(1, settings.databases)).map { Database(index: $0) }
        self.commands = CommandTable(Engine.commandList)
        self.startTime = Engine.clockMillis()
        self.lastSaveTime = startTime / 1000
        self.baselineMemory = Engine.heapInUse()
        // unowned, not weak: a weak reference gives the engine a side table and slows every retain of it.
        config.onChange = { [unowned self] names in self.configChanged(names) }
        for db in databases { db.observer = self }
    }

    /// Re-reads the cached settings after CONFIG SET / load.
    func configChanged(_ names: [String]) {
        let oldPolicy = settings.maxMemoryPolicy
        let activeExpire = settings.activeExpire  // a DEBUG switch, not a config directive
        settings = Settings(config)
        settings.activeExpire = activeExpire
        if oldPolicy.isLFU != settings.maxMemoryPolicy.isLFU { evictionPool.clear() }
        if names.contains("maxmemory") { performEvictions() }
        appendOnlyConfigChanged(names)
    }

    // MARK: Clock

    /// Wall-clock Unix time in milliseconds.
    public static func clockMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Wall-clock Unix time in microseconds.
    public static func clockMicros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// Monotonic nanoseconds, for durations.
    public static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    // MARK: Memory

    /// Bytes the C heap has handed out and not taken back (glibc's `mallinfo2`).
    public static func heapInUse() -> Int {
        Int(strata_heap_in_use())
    }

    /// Resident set size of the process, from /proc/self/statm.
    public static func residentMemory() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &buf, buf.count)
        guard n > 0 else { return 0 }
        let fields = buf[0..<n].split(separator: 32)
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Estimated dataset bytes across databases.
    public var datasetMemory: Int { databases.reduce(0) { $0 + $1.memory } }

    /// What INFO reports as used_memory and what maxmemory is compared with.
    public var usedMemory: Int { baselineMemory + datasetMemory }
}
