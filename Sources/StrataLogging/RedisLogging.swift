import Logging

/// Process-wide setup of Redis-format logging.
public enum RedisLogging {
    /// Makes every `Logger` write through one `RedisLogSink` and returns the sink, whose level,
    /// role and log file the server updates at run time. Call once, at startup.
    public static func bootstrap(level: RedisLogLevel, logfile: String, role: RedisRole = .master) -> RedisLogSink {
        let sink = RedisLogSink(level: level, role: role, logfile: logfile)
        LoggingSystem.bootstrap { _ in RedisLogHandler(sink: sink) }
        return sink
    }
}
