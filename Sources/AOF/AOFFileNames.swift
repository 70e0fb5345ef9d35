/// File names inside `appenddirname`, exactly as Redis 7 builds them from `appendfilename` (default
/// `appendonly.aof`): `<appendfilename>.<seq>.base.rdb` (or `.base.aof` for a base written without an RDB
/// preamble), `<appendfilename>.<seq>.incr.aof`, and `<appendfilename>.manifest`. Temporary files start with
/// `temp-`.
public struct AOFFileNames: Equatable, Sendable {
    public let appendFilename: String

    public init(appendFilename: String = "appendonly.aof") {
        self.appendFilename = appendFilename
    }

    public func base(seq: Int64, rdbPreamble: Bool) -> String { "\(appendFilename).\(seq).base.\(rdbPreamble ? "rdb" : "aof")" }
    public func incr(seq: Int64) -> String { "\(appendFilename).\(seq).incr.aof" }
    public var manifest: String { "\(appendFilename).manifest" }
    public var temporaryManifest: String { "temp-\(appendFilename).manifest" }
    /// Where a rewrite writes the next base before it is renamed into place.
    public func temporaryBase(pid: Int32) -> String { "temp-rewriteaof-bg-\(pid).aof" }
}
