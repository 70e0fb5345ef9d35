/// `appendfsync`: when the AOF's written bytes are forced to disk.
///
/// - `always`: every flush writes and fsyncs before the replies of that event-loop round go out (group commit:
///   one fsync covers every client whose write arrived in the round).
/// - `everysec`: flushes write; an fsync runs on a background thread at most once a second.
/// - `no`: flushes write; the kernel decides when the bytes reach the disk.
public enum AOFFsyncPolicy: String, CaseIterable, Sendable {
    case always, everysec, no
}
