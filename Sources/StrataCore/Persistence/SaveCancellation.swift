import Glibc
import RDB

/// Lets the engine call off a running background save (FLUSHALL does, as Redis kills its saving child): once
/// `cancel()` has returned, the save will not replace the dump file. The final rename and the cancel take the same
/// lock, so they cannot interleave.
final class SaveCancellation: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var cancelled = false

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_mutex_unlock(mutex)
    }

    /// Runs `commit` unless the save was cancelled; false when it was.
    func commitUnlessCancelled(_ commit: () throws(FileError) -> Void) throws(FileError) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !cancelled else { return false }
        try commit()
        return true
    }

    /// What a cancelled save reports instead of a file.
    static let error = FileError("Background saving cancelled", errno: ECANCELED)
}
