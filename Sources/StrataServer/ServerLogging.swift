import StrataConfig
import StrataLogging

/// Installs the Redis-format log handler for the whole process and keeps it in step with `loglevel`/`logfile`.
final class ServerLogging {
    let sink: RedisLogSink

    init(config: ConfigStore) {
        sink = RedisLogging.bootstrap(level: ServerLogging.level(config), logfile: config.string("logfile"))
    }

    func apply(_ config: ConfigStore) {
        sink.level = ServerLogging.level(config)
        sink.logfile = config.string("logfile")
    }

    private static func level(_ config: ConfigStore) -> RedisLogLevel {
        RedisLogLevel(config.enumValue("loglevel")) ?? .notice
    }
}
