import Glibc
import RDB

/// Lets the engine call off a running background save (FLUSHALL does, as Redis kills its saving child): once
/// `cancel()` has returned, the save will not replace the dump file. Opening the temporary file, the final rename
/// and the cancel take the same lock, so they cannot interleave: a cancel at shutdown can therefore remove the
/// temporary file knowing no save will create it afterwards (Redis removes its killed child's temp file too).
final class SaveCancellation: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var cancelled = false
    /// The save's temporary file, once opened.
    private var temporaryPath: String?

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Calls the save off; with `removingTemporaryFile` also deletes the file it was writing (the process is about
    /// to exit and the writing thread will not get to clean up).
    func cancel(removingTemporaryFile: Bool = false) {
        pthread_mutex_lock(mutex)
        cancelled = true
        if removingTemporaryFile, let temporaryPath { unlink(temporaryPath) }
        pthread_mutex_unlock(mutex)
    }

    /// Opens the save's file with `open` unless the save was cancelled (nil then).
    func openUnlessCancelled<File: SaveTemporaryFile>(_ open: () throws(FileError) -> File) throws(FileError) -> File? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !cancelled else { return nil }
        let writer = try open()
        temporaryPath = writer.temporaryPath
        return writer
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

/// A save's output, written under a temporary name until it is committed.
protocol SaveTemporaryFile {
    var temporaryPath: String { get }
}

extension RDBFileWriter: SaveTemporaryFile {}
