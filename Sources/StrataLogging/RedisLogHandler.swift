import Logging

/// A swift-log handler writing Redis-format lines to a shared `RedisLogSink`. The log level is
/// the sink's (so CONFIG SET loglevel reaches every logger at once); setting `logLevel` on any
/// logger changes it for all. Metadata, if any, follows the message as ` key=value` pairs in
/// key order.
public struct RedisLogHandler: LogHandler {
    public let sink: RedisLogSink
    public var metadata: Logger.Metadata = [:]

    public init(sink: RedisLogSink) {
        self.sink = sink
    }

    public var logLevel: Logger.Level {
        get { sink.level.swiftLogThreshold }
        set { sink.level = RedisLogLevel(newValue) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var message = event.message.description
        let combined = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in combined.sorted(by: { $0.key < $1.key }) {
            message += " \(key)=\(value)"
        }
        sink.write(RedisLogLevel(event.level), message)
    }
}
