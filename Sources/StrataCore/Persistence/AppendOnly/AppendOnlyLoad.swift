import AOF

/// An AOF load in progress at startup: the manifest's files and where the replay stands. The engine replays it a
/// slice at a time on its own thread, answering -LOADING in between (an RDB base is read first, on a background
/// thread, like a dump). Progress for INFO is kept here.
final class AppendOnlyLoad {
    let directory: String
    let files: [AOFManifest.Entry]
    /// Index in `files` of the file being replayed (or next to open).
    var index = 0
    /// The open file: its reader, name and whether it is the last one.
    var reader: AOFCommandReader?
    /// Commands of a MULTI whose EXEC has not been read yet, and their bytes.
    var transaction: [[Bytes]]?
    var transactionBytes = 0
    /// Command bytes of the open file (annotations left out): how far the command log reaches in it.
    var commandBytes = 0
    /// The command log's offset after the last file read.
    var logEnd: Int64 = 0
    /// The client that runs the commands: it takes logged effects as given, like Redis's AOF client.
    let client: ClientSession
    /// Unix seconds and monotonic nanoseconds when the load began.
    let startedAt: Int64
    let startedNanos: UInt64
    /// Bytes of all the files, and of the files done so far.
    let totalBytes: Int
    var finishedBytes = 0

    init(directory: String, manifest: AOFManifest, now: Int64) {
        self.directory = directory
        files = manifest.loadOrder
        client = ClientSession(id: 0, peerAddress: "", localAddress: "", isLocal: true, authenticated: true, now: now)
        client.mustObey = true
        startedAt = now / 1000
        startedNanos = Engine.monotonicNanos()
        totalBytes = files.reduce(0) { $0 + AOFDirectory.size(of: AOFDirectory.path(directory, $1.name)) }
    }

    /// loading_loaded_bytes.
    var loadedBytes: Int { finishedBytes + (reader?.offset ?? 0) }

    /// Seconds since the load began, for the log.
    var elapsedSeconds: Double { Double(Engine.monotonicNanos() - startedNanos) / 1e9 }
}
