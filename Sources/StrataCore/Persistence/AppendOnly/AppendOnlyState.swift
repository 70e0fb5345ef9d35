import AOF

/// The append-only file as the engine runs it: the writer while `appendonly` is on, the rewrite in progress, and
/// what INFO persistence reports about both.
public struct AppendOnlyState {
    /// The open AOF; nil while `appendonly` is off.
    var writer: AOFWriter?
    /// A BGREWRITEAOF running: when it started (ms), the writer's rewrite, and how to cancel its base write.
    var rewrite: (startedAt: Int64, files: AOFWriter.AOFRewrite, cancellation: SaveCancellation)?
    /// BGREWRITEAOF asked for while a background save ran: it starts when the save ends.
    var rewriteScheduled = false
    var lastRewriteSeconds = -1
    var lastRewriteOK = true
    var rewrites = 0
    var consecutiveRewriteFailures = 0
    /// When the last rewrite failed (ms): automatic retries back off after repeated failures.
    var lastRewriteFailure: Int64 = 0
    /// `CONFIG SET appendonly yes` is waiting for its first real base (the files hold an empty one meanwhile).
    var awaitingFirstBase = false
    /// The text of the last write or fsync error, for the MISCONF refusal; nil when the last flush worked.
    var writeError: String?

    public var isOn: Bool { writer != nil }
    public var rewriteInProgress: Bool { rewrite != nil }
}
