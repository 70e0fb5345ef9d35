import Dispatch
import RDB
import StrataCollections
import Synchronization

/// The second half of loading an RDB, on a thread of its own: collects loaded keys for the load's databases while
/// the loading thread decodes the records that follow and builds their values, and at the end builds each
/// database's tries in one pass (`HashTrieBuilder`: sorted by hash, every node written once at its final size,
/// several times cheaper than inserting a million keys one by one). The loading thread builds the values because
/// it allocated their parts: memory freed by the thread that allocated it goes back to that thread's cache, memory
/// freed by another thread contends for its arena. Keys travel in batches through a queue of at most
/// `maxBatchesInFlight`, so memory stays flat. A key present twice is found when the tries are built, and
/// reported with the offset of its second record (the first repetition in file order).
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

    /// What the storing thread has collected for one database: its keys and expiries, the file offset of each
    /// key's record (append order) and the sum of the entries' memory estimates.
    private final class Collected {
        let entries = HashTrieBuilder<CompactBytes, Entry>()
        let expires = HashTrieBuilder<CompactBytes, Int64>()
        var offsets: [Int] = []
        var memory = 0
    }

    /// Batches handed over and not yet taken; nil marks the end.
    private var queue: [[Item]?] = []
    private let queueLock = DispatchSemaphore(value: 1)
    private let queued = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let stopped = DispatchSemaphore(value: 0)
    /// Set (once) by the storing thread before `stopped`.
    private var failure: RDBError?

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

    /// Queues `item` for storing (loading thread).
    func add(_ item: Item) {
        pending.append(item)
        guard pending.count >= SnapshotStorer.batchSize else { return }
        handOver(pending)
        pending = []
        pending.reserveCapacity(SnapshotStorer.batchSize)
    }

    /// Hands over the last records, waits until every database is built and returns the first problem, if any
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

    /// The storing thread: collects batches until the end mark, then builds the databases.
    private func storeUntilTheEnd() {
        let collected = databases.map { _ in Collected() }
        while true {
            queued.wait()
            queueLock.wait()
            let batch = queue.removeFirst()
            queueLock.signal()
            room.signal()
            guard let batch else { break }
            for item in batch {
                let c = collected[item.db]
                c.entries.append(item.key, item.entry)
                if item.entry.hasExpiry { c.expires.append(item.key, item.entry.expireAt) }
                c.offsets.append(item.offset)
                c.memory += MemoryEstimate.entry(key: item.key, item.entry)
            }
        }
        failure = build(collected)
        stopped.signal()
    }

    /// Builds every database's tries, or returns the repeated key whose second record comes first in the file.
    private func build(_ collected: [Collected]) -> RDBError? {
        var built: [(entries: HashTrie<CompactBytes, Entry>, expires: HashTrie<CompactBytes, Int64>)] = []
        var failure: RDBError?
        for (db, c) in collected.enumerated() {
            switch c.entries.build() {
            case .success(let entries):
                // The expiry index holds a subset of the same keys: it cannot repeat one.
                guard case .success(let expires) = c.expires.build() else { preconditionFailure("repeated expiry") }
                built.append((entries, expires))
            case .failure(let repeated):
                let offset = c.offsets[repeated.second]
                if failure == nil || offset < failure!.offset {
                    let key = c.entries.key(at: repeated.second).bytes
                    failure = RDBError(offset: offset, "duplicated key in DB \(db)", key: key)
                }
            }
        }
        if let failure { return failure }
        for (db, tries) in zip(databases, built) {
            db.fill(entries: tries.entries, expires: tries.expires, memory: collected[db.index].memory)
        }
        return nil
    }
}
