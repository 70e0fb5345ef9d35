import RESP
import XCTest

/// Pub/Sub compared with Redis over several connections, in RESP2 and RESP3: confirmations, message order,
/// patterns, shard channels, introspection and the RESP2 subscribe context.
final class PubSubDifferentialTests: XCTestCase {
    func testSingleConnectionReplies() {
        assertSameReplies([
            DifferentialCase("nothing to unsubscribe", [
                ["UNSUBSCRIBE"], ["PUNSUBSCRIBE"], ["SUNSUBSCRIBE"], ["UNSUBSCRIBE", "x"], ["PUBLISH", "c", "m"],
                ["SPUBLISH", "c", "m"], ["PUBSUB", "NUMPAT"], ["PUBSUB", "NUMSUB"], ["PUBSUB", "NUMSUB", "c"],
                ["PUBSUB", "CHANNELS"], ["PUBSUB", "SHARDCHANNELS", "*"], ["PUBSUB", "SHARDNUMSUB", "c"],
            ]),
            DifferentialCase("argument errors", [
                ["SUBSCRIBE"], ["PSUBSCRIBE"], ["SSUBSCRIBE"], ["PUBLISH", "c"], ["SPUBLISH", "c", "m", "x"],
                ["PUBSUB"], ["PUBSUB", "NUMPAT", "x"], ["PUBSUB", "CHANNELS", "a", "b"],
                ["PUBSUB", "SHARDCHANNELS", "a", "b"], ["PUBSUB", "NOPE"], ["PUBSUB", "HELP"],
            ]),
            // One reply per step: a command naming several channels answers once per channel.
            DifferentialCase("subscribe context", [
                ["SUBSCRIBE", "a"], ["SUBSCRIBE", "b"], ["SUBSCRIBE", "a"], ["PSUBSCRIBE", "p*"], ["PSUBSCRIBE", "p*"],
                ["SSUBSCRIBE", "s"], ["PING"], ["PING", "m"], ["PING", "m", "n"], ["GET", "k"], ["CLIENT", "GETNAME"],
                ["MULTI"], ["EXEC"], ["UNSUBSCRIBE", "b"], ["UNSUBSCRIBE"], ["PUNSUBSCRIBE"], ["GET", "k"],
                ["SUNSUBSCRIBE", "other"], ["SUNSUBSCRIBE"], ["GET", "k"], ["PING"],
            ]),
            DifferentialCase("command table", [[
                "COMMAND", "INFO", "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish", "ssubscribe",
                "sunsubscribe", "spublish", "pubsub|channels", "pubsub|numsub", "pubsub|numpat", "pubsub|shardchannels",
                "pubsub|shardnumsub", "pubsub|help",
            ]]),
            DifferentialCase("reset leaves subscribe context", [
                ["SUBSCRIBE", "a"], ["RESET"], ["GET", "k"], ["PUBSUB", "NUMSUB", "a"],
            ]),
        ])
    }

    func testMessagesReachSubscribersInOrder() {
        assertSameTranscript { server, version in
            let listener = try connect(server, version), publisher = try connect(server, version)
            var replies = [try publisher.send(["FLUSHALL"])]
            replies += try listener.pipeline([["SUBSCRIBE", "news", "sport"]]) + [try listener.readReply()]
            replies += [try listener.send(["PSUBSCRIBE", "n*"]), try listener.send(["SSUBSCRIBE", "shard"])]
            replies += [try publisher.send(["PUBLISH", "news", "one"]), try publisher.send(["PUBLISH", "sport", "two"])]
            replies += [try publisher.send(["PUBLISH", "nothing", "three"]), try publisher.send(["PUBLISH", "x", "four"])]
            replies += [try publisher.send(["SPUBLISH", "shard", "five"]), try publisher.send(["PUBLISH", "shard", "six"])]
            replies += try (0..<5).map { _ in try listener.readReply() }
            replies += [try publisher.send(["PUBSUB", "NUMSUB", "news", "sport", "shard"])]
            replies += [try publisher.send(["PUBSUB", "SHARDNUMSUB", "shard"]), try publisher.send(["PUBSUB", "NUMPAT"])]
            replies += [sorted(try publisher.send(["PUBSUB", "CHANNELS"])), try publisher.send(["PUBSUB", "CHANNELS", "s*"])]
            replies += [try publisher.send(["PUBSUB", "SHARDCHANNELS"])]
            return replies
        }
    }

    func testRESP3SubscriberKeepsWorkingAndSeesItsOwnMessages() {
        assertSameTranscript { server, _ in
            let c = try server.connect()
            _ = try c.send(["HELLO", "3"])
            var replies = [try c.send(["FLUSHALL"]), try c.send(["SUBSCRIBE", "a"])]
            replies += [try c.send(["SET", "k", "v"]), try c.send(["GET", "k"]), try c.send(["PING"])]
            replies += try c.pipeline([["PUBLISH", "a", "self"]]) + [try c.readReply()]
            replies += [try c.send(["UNSUBSCRIBE"]), try c.send(["UNSUBSCRIBE"])]
            return replies
        }
    }

    func testDisconnectedSubscriberIsForgotten() {
        assertSameTranscript { server, version in
            let publisher = try connect(server, version)
            var replies: [RESPValue] = []
            do {
                let listener = try connect(server, version)
                replies += [try listener.send(["SUBSCRIBE", "gone"]), try listener.send(["QUIT"])]
                _ = try listener.waitUntilClosed()
            }
            usleep(50_000)
            replies += [try publisher.send(["PUBLISH", "gone", "x"]), try publisher.send(["PUBSUB", "NUMSUB", "gone"])]
            return replies
        }
    }

    private func connect(_ server: ServerProcess, _ version: RESPVersion) throws -> RedisConnection {
        let c = try server.connect()
        if version == .v3 { _ = try c.send(["HELLO", "3"]) }
        return c
    }

    /// An array reply in byte order (Redis lists channels in hash order).
    private func sorted(_ value: RESPValue) -> RESPValue {
        guard case .array(let items?) = value else { return value }
        return .array(items.sorted { $0.description < $1.description })
    }
}
