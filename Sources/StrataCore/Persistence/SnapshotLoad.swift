import Glibc
import Logging
import RDB
import Synchronization

/// An RDB file being read into fresh databases of its own, a slice at a time. Only one thread reads at a time (the
/// startup load reads on a background thread while the engine's thread serves -LOADING); what INFO shows about the
/// progress is published in atomics after every slice. Nothing read is visible to commands until
/// `Engine.installSnapshot` installs the complete, checksum-verified result.
final class SnapshotLoad: @unchecked Sendable {
    let path: String
    /// Unix seconds when loading began (loading_start_time).
    let startedAt: Int64
    /// The file's size (loading_total_bytes).
    let totalBytes: Int
    /// Monotonic start, for the "DB loaded from disk" duration.
    let startedNanos: UInt64
    private var decoder: RDBDecoder
    /// Builds keys and values as the decoder reads them.
    private var builder: SnapshotValueBuilder
    private let now: Int64
    /// Whether loaded keys get LFU counters (else LRU clocks), fixed when the load begins.
    private let lfu: Bool
    /// Microseconds slept after each key (the hidden `key-load-delay` setting Redis offers for testing loads).
    private let keyDelayMicros: Int
    /// Where the file's version, age and memory aux fields are logged as they are read, as Redis does.
    private let logger: Logger
    /// The databases being filled; complete only once `finished` (they are the storer's until then).
    let databases: [Database]
    /// Builds and stores the decoded keys on a second thread.
    private let storer: SnapshotStorer
    private(set) var report = Engine.LoadReport()
    private(set) var finished = false
    /// Progress as of the last slice, readable from any thread: bytes read, keys loaded and skipped, and the
    /// file's `used-mem` aux field.
    private let progressBytes = Atomic<Int>(0)
    private let progressKeysLoaded = Atomic<Int>(0)
    private let progressKeysExpired = Atomic<Int>(0)
    private let progressUsedMemory = Atomic<Int>(0)

    /// Keeps keys whose expiry is past (an AOF's RDB base: the commands after it assume the exact keyspace it
    /// held, as Redis's RDBFLAGS_AOF_PREAMBLE load does); otherwise they are skipped, as a master does.
    private let keepsExpired: Bool

    /// Opens `path` and reads its header. `databaseCount` is the number of databases the server has.
    init(path: String, databaseCount: Int, limits: EncodingLimits, logger: Logger, lfu: Bool, keyDelayMicros: Int,
         now: Int64, keepsExpired: Bool = false) throws(RDBError) {
        let input: FileInput
        do {
            input = try FileInput(path: path)
        } catch let error as RDBError {
            throw error
        } catch {
            throw RDBError(offset: 0, "cannot open \(path): \(error)")
        }
        self.path = path
        startedAt = now / 1000
        startedNanos = Engine.monotonicNanos()
        totalBytes = input.size
        self.now = now
        builder = SnapshotValueBuilder(limits: limits)
        self.lfu = lfu
        self.keyDelayMicros = keyDelayMicros
        self.logger = logger
        self.keepsExpired = keepsExpired
        databases = (0..<databaseCount).map { Database(index: $0) }
        storer = SnapshotStorer(databases: databases)
        decoder = RDBDecoder(input)
        do {
            try decoder.readHeader()
        } catch {
            storer.finish()
            throw error
        }
        progressBytes.store(decoder.offset, ordering: .relaxed)
    }

    deinit { storer.finish() }

    /// Bytes read as of the last slice (loading_loaded_bytes).
    var loadedBytes: Int { progressBytes.load(ordering: .relaxed) }
    /// Keys loaded and skipped as expired as of the last slice.
    var keysLoadedSoFar: Int { progressKeysLoaded.load(ordering: .relaxed) }
    var keysExpiredSoFar: Int { progressKeysExpired.load(ordering: .relaxed) }
    /// The `used-mem` aux field of the file, 0 until read (loading_rdb_used_mem).
    var usedMemoryWhenCreated: Int { progressUsedMemory.load(ordering: .relaxed) }

    /// Reads the rest of the file, a slice of `sliceBytes` at a time, publishing the progress after each.
    func readToEnd(sliceBytes: Int) throws(RDBError) {
        while !finished { try advance(byteBudget: sliceBytes) }
    }

    /// Reads records until `byteBudget` more bytes are consumed or the file ends (then `finished` is true), and
    /// publishes the progress. Throws the first problem with its offset.
    func advance(byteBudget: Int) throws(RDBError) {
        defer {
            progressBytes.store(decoder.offset, ordering: .relaxed)
            progressKeysLoaded.store(report.keysLoaded, ordering: .relaxed)
            progressKeysExpired.store(report.keysExpired, ordering: .relaxed)
            progressUsedMemory.store(report.aux["used-mem"].flatMap(Int.init) ?? 0, ordering: .relaxed)
        }
        try decode(byteBudget: byteBudget)
    }

    private func decodeRecords(byteBudget: Int) throws(RDBError) {
        let budget = max(1, byteBudget)
        let stop = budget > Int.max - decoder.offset ? Int.max : decoder.offset + budget
        while !finished, decoder.offset < stop {
            let at = decoder.offset
            switch try decoder.next(into: &builder) {
            case .aux(let key, let value):
                report.aux[key.text] = value.text
                Engine.logAuxField(key.text, value.text, logger: logger)
            case .selectDB(let index):
                guard index < databases.count else {
                    throw RDBError(offset: at, "FATAL: Data file was created with a Redis server configured to handle more than \(databases.count) databases. Exiting")
                }
            case .resizeDB, .function:
                break
            case .entry(let record):
                if keyDelayMicros > 0 { usleep(UInt32(clamping: keyDelayMicros)) }
                if !keepsExpired, let expireAt = record.expireAt, expireAt < now {
                    report.keysExpired += 1
                    continue
                }
                guard let value = record.value else { continue }  // an empty collection: Redis skips it too
                let entry = Entry(value: value, expireAt: record.expireAt ?? Entry.noExpiry,
                                  access: Engine.restoredAccess(lfu: lfu, idleSeconds: record.idleSeconds.map { Int64(clamping: $0) },
                                                                frequency: record.frequency.map(Int64.init), now: now))
                storer.add(SnapshotStorer.Item(db: record.db, key: record.key, entry: entry, offset: record.offset))
                report.keysLoaded += 1
            case .end:
                if let failure = storer.finish() { throw failure }
                finished = true
            }
        }
    }

    /// Reads records until `byteBudget` more bytes are consumed or the file ends. A decoding problem stops the
    /// storing too; if the storing had already refused an earlier record, that one is reported (the first problem
    /// in file order).
    private func decode(byteBudget: Int) throws(RDBError) {
        do {
            try decodeRecords(byteBudget: byteBudget)
        } catch {
            throw storer.finish() ?? error
        }
    }
}
