import Foundation
import Glibc

/// The destination every Redis-format log line goes to, shared by all `RedisLogHandler`s and
/// changed at run time (CONFIG SET loglevel, role changes). Line format:
///
///     <pid>:<role> <day> <Mon> <year> <HH:MM:SS.mmm> <marker> <message>
///     12345:M 24 Nov 2026 21:20:17.123 * Ready to accept connections tcp
///
/// With an empty `logfile` lines go to stdout; otherwise the file is opened for appending for
/// each line, as Redis does, so a rotated log file is picked up without a reopen signal.
/// Thread-safe: settings and writes are serialised by one lock.
public final class RedisLogSink: @unchecked Sendable {
    private let lock = NSLock()
    private var _level: RedisLogLevel
    private var _role: RedisRole
    private var _logfile: String
    private let clock: RedisLogClock
    private let pid: Int32

    public init(level: RedisLogLevel = .notice, role: RedisRole = .master, logfile: String = "",
                clock: RedisLogClock = .system, pid: Int32 = getpid()) {
        _level = level
        _role = role
        _logfile = logfile
        self.clock = clock
        self.pid = pid
    }

    /// Lines less severe than this are dropped.
    public var level: RedisLogLevel {
        get { lock.withLock { _level } }
        set { lock.withLock { _level = newValue } }
    }

    public var role: RedisRole {
        get { lock.withLock { _role } }
        set { lock.withLock { _role = newValue } }
    }

    /// The file lines are appended to; "" for stdout.
    public var logfile: String {
        get { lock.withLock { _logfile } }
        set { lock.withLock { _logfile = newValue } }
    }

    /// Writes one line if `level` is at least the configured verbosity.
    public func write(_ level: RedisLogLevel, _ message: String) {
        lock.withLock {
            guard level >= _level, level != .nothing else { return }
            let line = "\(pid):\(_role.rawValue) \(clock.timestamp()) \(level.marker) \(message)\n"
            if _logfile.isEmpty {
                fputs(line, stdout)
                fflush(stdout)
            } else if let file = fopen(_logfile, "a") {
                fputs(line, file)
                fclose(file)
            }
        }
    }
}
