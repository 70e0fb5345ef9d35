import Dispatch
import RDB
import Synchronization

/// The second half of loading an RDB, on a thread of its own: turns decoded records into values and stores them in
/// the load's databases while the loading thread decodes the records that follow (decoding and storing each take
/// about half of a load). Records travel in batches through a queue of at most `maxBatchesInFlight`, so memory
/// stays flat. The first record the storing refuses (a value Redis's loader rejects, a duplicated key) stops it;
/// the loading thread learns of it at its next hand-over or at `finish()`.
///
/// Only the storing thread touches the databases until `finish()` returns; the semaphores order everything it
/// did before what the caller does next.
final class SnapshotStorer: @unchecked Sendable {
    private let databases: [Database]
    private let limits: EncodingLimits
    /// Whether loaded keys get LFU counters (else LRU clocks), fixed when the load begins.
    private let lfu: Bool
    private let now: Int64

    /// Batches handed over and not yet taken; nil marks the end.
    private var queue: [[RDBEntry]?] = []
    private let queueLock = DispatchSemaphore(value: 1)
    private let queued = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let stopped = DispatchSemaphore(value: 0)
    /// Set (once) by the storing thread; read by the loading thread after `stopped` or once `failed` is true.
    private var failure: RDBError?
    private let failed = Atomic<Bool>(false)

    /// The batch the loading thread is filling.
    private var pending: [RDBEntry] = []
    private var ended = false

    static let batchSize = 256
    static let maxBatchesInFlight = 8

    init(databases: [Database], limits: EncodingLimits, lfu: Bool, now: Int64) {
        self.databases = databases
        self.limits = limits
        self.lfu = lfu
        self.now = now
        room = DispatchSemaphore(value: SnapshotStorer.maxBatchesInFlight)
        pending.reserveCapacity(SnapshotStorer.batchSize)
        DispatchQueue.global().async { self.storeUntilTheEnd() }
    }

    /// Queues `record` for storing (loading thread). Throws the storing thread's problem once there is one.
    func add(_ record: RDBEntry) throws(RDBError) {
        pending.append(record)
        guard pending.count >= SnapshotStorer.batchSize else { return }
        if failed.load(ordering: .acquiring), let failure = finish() { throw failure }
        handOver(pending)
        pending = []
        pending.reserveCapacity(SnapshotStorer.batchSize)
    }

    /// Hands over the last records, waits until everything is stored and returns the first problem, if any
    /// (loading thread; later calls return the same).
    @discardableResult
    func finish() -> RDBError? {
        if !ended {
            ended = true
            if !pending.isEmpty { handOver(pending) }
            pending = []
            handOver(nil)
            stopped.wait()
        }
        return failure
    }

    private func handOver(_ batch: [RDBEntry]?) {
        room.wait()
        queueLock.wait()
        queue.append(batch)
        queueLock.signal()
        queued.signal()
    }

    /// The storing thread: takes batches until the end mark, storing nothing more after a problem.
    private func storeUntilTheEnd() {
        while true {
            queued.wait()
            queueLock.wait()
            let batch = queue.removeFirst()
            queueLock.signal()
            room.signal()
            guard let batch else { break }
            guard failure == nil else { continue }
            for record in batch {
                if let problem = store(record) {
                    failure = problem
                    failed.store(true, ordering: .releasing)
                    break
                }
            }
        }
        stopped.signal()
    }

    private func store(_ record: RDBEntry) -> RDBError? {
        let value: StoredValue?
        do {
            value = try StoredValue(rdb: record.value, encoding: record.encoding, limits: limits)
        } catch {
            return RDBError(offset: record.offset, error.message, key: record.key)
        }
        guard let value else { return nil }
        let entry = Entry(value: value, expireAt: record.expireAt ?? Entry.noExpiry,
                          access: Engine.restoredAccess(lfu: lfu, idleSeconds: record.idleSeconds.map { Int64(clamping: $0) },
                                                        frequency: record.frequency.map(Int64.init), now: now))
        guard databases[record.db].store(record.key, entry) == nil else {
            return RDBError(offset: record.offset, "duplicated key in DB \(record.db)", key: record.key)
        }
        return nil
    }
}
