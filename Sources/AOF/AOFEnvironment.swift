import Glibc

/// What the writer needs from the outside world, injectable for tests: the clock Redis's once-a-second rules
/// use (`server.unixtime`), the inline fsync of `always`, and the background jobs of `everysec`.
public struct AOFEnvironment {
    /// Unix time in seconds.
    public var now: () -> Int64
    /// The fsync `always` runs inline (fdatasync, as redis_fsync on Linux).
    public var fsync: (Int32) -> Int32
    public var background: AOFBackgroundJobs

    public init(now: @escaping () -> Int64, fsync: @escaping (Int32) -> Int32, background: AOFBackgroundJobs) {
        self.now = now
        self.fsync = fsync
        self.background = background
    }

    /// The real clock, fdatasync, and a background thread.
    public static func live() -> AOFEnvironment {
        AOFEnvironment(now: { Int64(time(nil)) }, fsync: { fdatasync($0) }, background: AOFBackgroundThread.shared)
    }
}
