import Dispatch
import RDB
import StrataCollections
import Synchronization

/// The second half of loading an RDB, on a thread of its own: stores loaded keys in the load's databases (inserting
/// into the tries is about half of a load) while the loading thread decodes the records that follow and builds
/// their values. The loading thread builds the values because it allocated their parts: memory freed by the
/// thread that allocated it goes back to that thread's cache, memory freed by another thread contends for its
/// arena. Keys travel in batches through a queue of at most `maxBatchesInFlight`, so memory stays flat. The
/// first key the storing refuses (a duplicate) stops it; the loading thread learns of it at its next hand-over or
/// at `finish()`.
///
/// Only the storing thread touches the databases until `finish()` returns; the semaphores order everything it
/// did before what the caller does next.
final class SnapshotStorer: @unchecked Sendable {
    private let databases: [Database]

    /// A key ready to be stored, and where its record began in the file.
    struct Item {
        let db: Int
        let key: CompactBytes
        let entry: Entry
        let offset: Int
    }

    /// Batches handed over and not yet taken; nil marks the end.
    private var queue: [[Item]?] = []
    private let queueLock = DispatchSemaphore(value: 1)
    private let queued = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let stopped = DispatchSemaphore(value: 0)
    /// Set (once) by the storing thread; read by the loading thread after `stopped` or once `failed` is true.
    private var failure: RDBError?
    private let failed = Atomic<Bool>(false)

    /// The batch the loading thread is filling.
    private var pending: [Item] = []
    private var ended = false

    static let batchSize = 256
    static let maxBatchesInFlight = 8

    init(databases: [Database]) {
        self.databases = databases
        room = DispatchSemaphore(value: SnapshotStorer.maxBatchesInFlight)
        pending.reserveCapacity(SnapshotStorer.batchSize)
        // A queue of its own, not a global one: a private serial queue may always get a new thread, while the
        // global pool can be as narrow as the CPU count and the loading thread may be one of its workers.
        DispatchQueue(label: "strata.snapshot-store").async { self.storeUntilTheEnd() }
    }

    /// Queues `item` for storing (loading thread). Throws the storing thread's problem once there is one.
    func add(_ item: Item) throws(RDBError) {
        pending.append(item)
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

    private func handOver(_ batch: [Item]?) {
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
            for item in batch where databases[item.db].store(item.key, item.entry) != nil {
                failure = RDBError(offset: item.offset, "duplicated key in DB \(item.db)", key: item.key.bytes)
                failed.store(true, ordering: .releasing)
                break
            }
        }
        stopped.signal()
    }
}
