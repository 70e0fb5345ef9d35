import Glibc
import RDB

/// The file side of the live AOF, in Redis 7's multi-part layout: it owns `appenddirname`, its manifest, the
/// incr file being appended to, and the `appendfsync` policy. It knows nothing of commands: the engine appends
/// the RESP bytes of its effects, and calls `flush` once per event-loop round before sending replies.
///
/// Flushing follows Redis's `flushAppendOnlyFile`:
/// - the whole pending buffer is written with one write loop; a failed or short write is reported (thrown) and
///   `writeStatusOK` turns false until a later flush succeeds; a short write is cut back off the file
///   (ftruncate to the last good size) so the file never ends in half a command, and the bytes stay pending;
/// - `always`: write then fsync inline; both failures are thrown (Redis exits: the caller decides);
/// - `everysec`: after the write, an fsync is handed to the background thread if the second changed and none is
///   running. If one is still running when a flush comes, the write is postponed (`.postponed`), for up to two
///   seconds; then it is done anyway and `delayedFsyncs` (`aof_delayed_fsync`) counts it. With nothing pending,
///   a flush still schedules the fsync of bytes written earlier but not yet synced;
/// - `no`: write only.
/// The caller should also call `flush()` from its once-a-second cron while `hasPostponedFlush` or
/// `!writeStatusOK`, as Redis's serverCron does.
///
/// Rewrite (BGREWRITEAOF) protocol: `startRewrite` switches appending to a new incr file and records it in the
/// manifest; the caller writes the new base (from a snapshot, off the loop) to `AOFRewrite.temporaryBasePath`;
/// `finishRewrite` renames it into place as the next base, turns the old base and every incr file but the
/// current one into history, persists the manifest, deletes the history files and persists it again;
/// `abortRewrite` drops the temporary base (the new incr file stays, as in Redis).
public final class AOFWriter {
    public let directory: String
    public let names: AOFFileNames
    public internal(set) var manifest: AOFManifest
    public var policy: AOFFsyncPolicy
    /// `aof-use-rdb-preamble`: the suffix of the next base file's name.
    public var rdbPreamble: Bool
    let environment: AOFEnvironment
    var fd: Int32
    private var pending: [UInt8] = []

    /// `aof_current_size`: bytes of the base and incr files.
    public internal(set) var currentSize = 0
    /// `aof_base_size` (Redis's aof_rewrite_base_size): the size right after the last rewrite or load, which
    /// auto-aof-rewrite-percentage compares against.
    public internal(set) var baseSize = 0
    /// Size of the incr file being appended to (aof_last_incr_size).
    public internal(set) var currentIncrSize = 0
    /// `aof_delayed_fsync`.
    public private(set) var delayedFsyncs = 0
    /// errno of the last failed write (aof_last_write_errno).
    public private(set) var lastWriteErrno: Int32 = 0
    private var lastWriteOK = true
    var fsyncedSize = 0
    var lastFsyncSecond: Int64
    private var postponedSince: Int64 = 0

    init(directory: String, names: AOFFileNames, manifest: AOFManifest, policy: AOFFsyncPolicy, rdbPreamble: Bool,
                 environment: AOFEnvironment, fd: Int32) {
        self.directory = directory
        self.names = names
        self.manifest = manifest
        self.policy = policy
        self.rdbPreamble = rdbPreamble
        self.environment = environment
        self.fd = fd
        lastFsyncSecond = environment.now()
    }

    /// The descriptor is closed by the background jobs, after any fsync still queued for it.
    deinit {
        if fd >= 0 { environment.background.close(fd) }
    }

    // MARK: Appending

    /// `aof-timestamp-enabled`: when the second has changed since the last annotation (or a new incr file
    /// began), `append` puts a `#TS:<unix seconds>\r\n` line before the bytes, as Redis's feedAppendOnlyFile does.
    public var timestampAnnotations = false
    var lastTimestamp: Int64 = 0

    /// Queues bytes for the next flush: whole commands (one command, or a MULTI ... EXEC block), so that an
    /// annotation never lands inside one.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        annotateIfNeeded()
        pending.append(contentsOf: bytes)
    }

    public func append(_ bytes: [UInt8]) {
        annotateIfNeeded()
        pending += bytes
    }

    private func annotateIfNeeded() {
        guard timestampAnnotations else { return }
        let now = environment.now()
        guard now > lastTimestamp else { return }
        lastTimestamp = now
        pending += AOFWriter.timestampAnnotation(now)
    }

    /// `#TS:<seconds>\r\n`, also the first line of a base written without an RDB preamble when timestamps are on.
    public static func timestampAnnotation(_ seconds: Int64) -> [UInt8] { Array("#TS:\(seconds)\r\n".utf8) }

    /// Bytes appended and not yet written (aof_buffer_length).
    public var pendingCount: Int { pending.count }

    /// `aof_last_write_status`: false after a failed write until a flush succeeds, and while the last background
    /// fsync failed.
    public var writeStatusOK: Bool { lastWriteOK && environment.background.lastFsyncError == nil }

    /// errno of the last failed background fsync.
    public var lastFsyncError: Int32? { environment.background.lastFsyncError }

    /// `aof_pending_bio_fsync`.
    public var backgroundFsyncInProgress: Bool { environment.background.fsyncInProgress }

    /// A postponed `everysec` write waits for the next flush.
    public var hasPostponedFlush: Bool { postponedSince != 0 }

    /// What a flush did.
    public enum FlushOutcome: Equatable {
        /// Nothing to write and nothing to sync.
        case idle
        /// `everysec` with an fsync still running: the write waits (at most two seconds).
        case postponed
        /// Written (and under `always`, fsynced).
        case written
        /// Nothing to write; a background fsync of earlier bytes was scheduled.
        case synced
    }

    /// Writes the pending bytes and applies the fsync policy (see the type's doc). `force` writes even when an
    /// `everysec` fsync is running (shutdown, rewrite start); `skipFsync` leaves the fsync out
    /// (`no-appendfsync-on-rewrite` while a child-like background save runs).
    @discardableResult
    public func flush(force: Bool = false, skipFsync: Bool = false) throws(FileError) -> FlushOutcome {
        let now = environment.now()
        var syncInProgress = false
        if pending.isEmpty {
            guard policy == .everysec, fsyncedSize != currentSize, now > lastFsyncSecond else { return .idle }
            guard !environment.background.fsyncInProgress else { return .idle }
            try fsyncIfDue(now: now, syncInProgress: false, skip: skipFsync)
            return .synced
        }
        if policy == .everysec {
            syncInProgress = environment.background.fsyncInProgress
            if syncInProgress && !force {
                if postponedSince == 0 {
                    postponedSince = now
                    return .postponed
                } else if now - postponedSince < 2 {
                    return .postponed
                }
                delayedFsyncs += 1
            }
        }
        let written = writeAll()
        postponedSince = 0
        if written != pending.count {
            let error: Int32
            var kept = written
            if written < 0 {
                error = errno
                kept = 0
            } else {
                // A short write: cut it back off so the file ends on a command boundary.
                error = ENOSPC
                if ftruncate(fd, off_t(currentIncrSize)) == 0 { kept = 0 }
            }
            lastWriteErrno = error
            lastWriteOK = false
            if kept > 0 {
                currentSize += kept
                currentIncrSize += kept
                pending.removeFirst(kept)
            }
            throw FileError(written < 0 ? "Error writing to the AOF file" : "Short write while writing to the AOF file", errno: error)
        }
        lastWriteOK = true
        currentSize += written
        currentIncrSize += written
        pending.removeAll(keepingCapacity: pending.capacity < 64 * 1024)
        try fsyncIfDue(now: now, syncInProgress: syncInProgress, skip: skipFsync)
        return .written
    }

    private func fsyncIfDue(now: Int64, syncInProgress: Bool, skip: Bool) throws(FileError) {
        guard !skip else { return }
        switch policy {
        case .always:
            while environment.fsync(fd) == -1 {
                if errno == EINTR { continue }
                throw FileError("Can't persist AOF for fsync error when the AOF fsync policy is 'always'", errno: errno)
            }
            fsyncedSize = currentSize
            lastFsyncSecond = now
        case .everysec where now > lastFsyncSecond:
            if !syncInProgress {
                environment.background.fsync(fd)
                fsyncedSize = currentSize
            }
            lastFsyncSecond = now
        case .everysec, .no:
            break
        }
    }

    /// Redis's aofWrite: loops over short writes; returns the bytes written, or -1 if the first write failed.
    private func writeAll() -> Int {
        let fd = self.fd
        return pending.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return done > 0 ? done : -1
                }
                done += n
            }
            return done
        }
    }

    /// Writes everything pending, fsyncs and closes the incr file (appendonly turned off, shutdown).
    public func close() throws(FileError) {
        defer {
            environment.background.close(fd)
            fd = -1
        }
        try flush(force: true, skipFsync: true)
        guard environment.fsync(fd) == 0 else { throw FileError("Fail to fsync the AOF file", errno: errno) }
    }

    // MARK: Rewrite state

    /// A rewrite in progress: the caller writes the new base to `temporaryBasePath`.
    public struct AOFRewrite: Equatable {
        public let temporaryBasePath: String
    }

    /// The rewrite between `startRewrite` and `finishRewrite`/`abortRewrite` (`aof_rewrite_in_progress`).
    public internal(set) var rewriteInProgress: AOFRewrite?
}
