import Foundation

/// The background side of the writer: fsyncs for `everysec`, and closing a replaced incr file after any fsync
/// still queued for it (Redis's bio thread for `BIO_AOF_FSYNC` and `BIO_CLOSE_FILE`). A protocol so tests can
/// drive "an fsync is still running" deterministically.
public protocol AOFBackgroundJobs: AnyObject {
    /// True while an fsync is queued or running.
    var fsyncInProgress: Bool { get }
    /// errno of the last background fsync if it failed; nil after a successful one. While it is set, INFO shows
    /// `aof_last_write_status:err` and writes are refused, as in Redis.
    var lastFsyncError: Int32? { get }
    func fsync(_ fd: Int32)
    func close(_ fd: Int32)
}

/// One thread that runs the jobs in order. It lives as long as the process, like Redis's bio threads, so the
/// writers of one process share `shared` (turning `appendonly` on and off does not start threads).
public final class AOFBackgroundThread: AOFBackgroundJobs, @unchecked Sendable {
    public static let shared = AOFBackgroundThread()

    private enum Job {
        case fsync(Int32)
        case close(Int32)
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var pendingFsyncs = 0
    private var error: Int32?
    private let sync: (Int32) -> Int32

    /// `sync` is the fsync call (fdatasync by default, like redis_fsync on Linux).
    public init(sync: @escaping (Int32) -> Int32 = { fdatasync($0) }) {
        self.sync = sync
        // The thread keeps its object alive: it never ends.
        let thread = Thread { self.run() }
        thread.name = "aof-fsync"
        thread.start()
    }

    public var fsyncInProgress: Bool {
        condition.lock()
        defer { condition.unlock() }
        return pendingFsyncs > 0
    }

    public var lastFsyncError: Int32? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }

    public func fsync(_ fd: Int32) { enqueue(.fsync(fd)) }

    public func close(_ fd: Int32) { enqueue(.close(fd)) }

    private func enqueue(_ job: Job) {
        condition.lock()
        if case .fsync = job { pendingFsyncs += 1 }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            switch job {
            case .close(let fd):
                _ = Glibc.close(fd)
            case .fsync(let fd):
                var failure: Int32?
                while sync(fd) == -1 {
                    if errno == EINTR { continue }
                    // EBADF/EINVAL: the file was closed or cannot be synced (a pipe, /dev/null): not a disk error.
                    if errno != EBADF && errno != EINVAL { failure = errno }
                    break
                }
                condition.lock()
                error = failure
                pendingFsyncs -= 1
                condition.unlock()
            }
        }
    }
}
