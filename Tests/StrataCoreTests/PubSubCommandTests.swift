import NIOCore
import RESP
@testable import StrataCore
import XCTest

extension EngineHarness {
    /// Runs one command and returns every reply it wrote, in order (SUBSCRIBE answers once per channel; a RESP3
    /// subscriber gets its own messages next to its command's reply).
    func replies(_ args: String..., as client: ClientSession? = nil) -> [RESPValue] {
        var out = ByteBuffer()
        _ = engine.execute(args.map { Bytes($0) }, client: client ?? self.client, out: &out)
        var parser = RESPValueParser()
        var values: [RESPValue] = []
        while let value = try! parser.parse(&out) { values.append(value) }
        return values
    }
}

/// A subscription confirmation or message as RESP2 writes it.
func pubsubArray(_ parts: RESPValue...) -> RESPValue { .array(parts) }

final class PubSubCommandTests: XCTestCase {
    func testSubscribeConfirmsEachChannelWithTheRunningCount() {
        let h = EngineHarness()
        XCTAssertEqual(h.replies("SUBSCRIBE", "a", "b", "a"), [
            pubsubArray(.bulk("subscribe"), .bulk("a"), .integer(1)),
            pubsubArray(.bulk("subscribe"), .bulk("b"), .integer(2)),
            pubsubArray(.bulk("subscribe"), .bulk("a"), .integer(2)),
        ])
        XCTAssertEqual(h.replies("PSUBSCRIBE", "n*"), [pubsubArray(.bulk("psubscribe"), .bulk("n*"), .integer(3))])
        // Shard subscriptions are counted on their own.
        XCTAssertEqual(h.replies("SSUBSCRIBE", "s"), [pubsubArray(.bulk("ssubscribe"), .bulk("s"), .integer(1))])
    }

    func testPublishReachesChannelSubscribersThenPatternSubscribers() {
        let h = EngineHarness()
        let listener = h.makeClient()
        _ = h.replies("SUBSCRIBE", "news", as: listener)
        _ = h.replies("PSUBSCRIBE", "n*", as: listener)
        XCTAssertEqual(h.run("PUBLISH", "news", "hello"), .integer(2))
        XCTAssertEqual(h.take(listener), [
            pubsubArray(.bulk("message"), .bulk("news"), .bulk("hello")),
            pubsubArray(.bulk("pmessage"), .bulk("n*"), .bulk("news"), .bulk("hello")),
        ])
        XCTAssertEqual(h.run("PUBLISH", "other", "x"), .integer(0))
        XCTAssertEqual(h.take(listener), [])
    }

    func testShardMessagesOnlyReachShardSubscribers() {
        let h = EngineHarness()
        let listener = h.makeClient()
        _ = h.replies("SSUBSCRIBE", "s", as: listener)
        XCTAssertEqual(h.run("PUBLISH", "s", "x"), .integer(0))
        XCTAssertEqual(h.run("SPUBLISH", "s", "y"), .integer(1))
        XCTAssertEqual(h.take(listener), [pubsubArray(.bulk("smessage"), .bulk("s"), .bulk("y"))])
    }

    func testRESP3SubscriberGetsPushesAndItsOwnMessageBeforeThePublishReply() {
        let h = EngineHarness()
        _ = h.run("HELLO", "3")
        XCTAssertEqual(h.replies("SUBSCRIBE", "a"), [.push([.bulk("subscribe"), .bulk("a"), .integer(1)])])
        XCTAssertEqual(h.replies("PUBLISH", "a", "self"), [
            .push([.bulk("message"), .bulk("a"), .bulk("self")]), .integer(1),
        ])
        XCTAssertEqual(h.run("GET", "k"), .null)
    }

    func testRESP2SubscribeContextAllowsOnlySubscriptionCommandsAndPing() {
        let h = EngineHarness()
        _ = h.replies("SUBSCRIBE", "a")
        XCTAssertEqual(h.run("GET", "k"), .error("ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        XCTAssertEqual(h.run("CLIENT", "ID"), .error("ERR Can't execute 'client|id': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        XCTAssertEqual(h.run("PING"), pubsubArray(.bulk("pong"), .bulk("")))
        XCTAssertEqual(h.run("PING", "hi"), pubsubArray(.bulk("pong"), .bulk("hi")))
        _ = h.replies("UNSUBSCRIBE")
        XCTAssertEqual(h.run("GET", "k"), .nilBulk)
        XCTAssertEqual(h.run("PING"), .simpleString("PONG"))
    }

    func testUnsubscribeWithoutArgumentsDropsEverythingOrAnswersWithNull() {
        let h = EngineHarness()
        XCTAssertEqual(h.replies("UNSUBSCRIBE"), [pubsubArray(.bulk("unsubscribe"), .nilBulk, .integer(0))])
        _ = h.replies("SUBSCRIBE", "a", "b")
        _ = h.replies("PSUBSCRIBE", "p")
        XCTAssertEqual(h.replies("UNSUBSCRIBE"), [
            pubsubArray(.bulk("unsubscribe"), .bulk("a"), .integer(2)),
            pubsubArray(.bulk("unsubscribe"), .bulk("b"), .integer(1)),
        ])
        XCTAssertEqual(h.replies("PUNSUBSCRIBE", "nope"), [pubsubArray(.bulk("punsubscribe"), .bulk("nope"), .integer(1))])
        XCTAssertEqual(h.replies("PUNSUBSCRIBE"), [pubsubArray(.bulk("punsubscribe"), .bulk("p"), .integer(0))])
        XCTAssertEqual(h.run("PUBSUB", "NUMPAT"), .integer(0))
    }

    func testPubsubIntrospection() {
        let h = EngineHarness()
        let a = h.makeClient(), b = h.makeClient()
        _ = h.replies("SUBSCRIBE", "news", "sport", as: a)
        _ = h.replies("SUBSCRIBE", "news", as: b)
        _ = h.replies("PSUBSCRIBE", "n*", "x", as: b)
        _ = h.replies("SSUBSCRIBE", "shard", as: b)
        XCTAssertEqual(h.run("PUBSUB", "NUMSUB", "news", "sport", "none"), .array([
            .bulk("news"), .integer(2), .bulk("sport"), .integer(1), .bulk("none"), .integer(0),
        ]))
        XCTAssertEqual(h.run("PUBSUB", "NUMPAT"), .integer(2))
        XCTAssertEqual(h.run("PUBSUB", "CHANNELS", "s*"), .array([.bulk("sport")]))
        XCTAssertEqual(h.run("PUBSUB", "SHARDCHANNELS"), .array([.bulk("shard")]))
        XCTAssertEqual(h.run("PUBSUB", "SHARDNUMSUB", "shard"), .array([.bulk("shard"), .integer(1)]))
        XCTAssertEqual(h.run("PUBSUB", "CHANNELS", "a", "b"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."))
        guard case .bulkString(let info)? = h.run("INFO", "stats") else { return XCTFail("INFO") }
        let text = String(decoding: info ?? [], as: UTF8.self)
        XCTAssertTrue(text.contains("pubsub_channels:2\r\npubsub_patterns:2\r\npubsubshard_channels:1\r\n"))
    }

    func testDisconnectAndResetDropSubscriptions() {
        let h = EngineHarness()
        let a = h.makeClient(), b = h.makeClient()
        _ = h.replies("SUBSCRIBE", "c", as: a)
        _ = h.replies("PSUBSCRIBE", "*", as: b)
        h.engine.disconnect(a)
        XCTAssertEqual(h.run("RESET", as: b), .simpleString("RESET"))
        XCTAssertEqual(h.run("PUBLISH", "c", "x"), .integer(0))
        XCTAssertEqual(h.run("PUBSUB", "NUMSUB", "c"), .array([.bulk("c"), .integer(0)]))
        XCTAssertEqual(h.run("GET", "k", as: b), .nilBulk)
    }

    func testClientListShowsSubscriptionCountsAndPubsubType() {
        let h = EngineHarness()
        let listener = h.makeClient()
        _ = h.replies("SUBSCRIBE", "a", "b", as: listener)
        _ = h.replies("PSUBSCRIBE", "p", as: listener)
        guard case .bulkString(let bytes)? = h.run("CLIENT", "LIST", "TYPE", "pubsub") else { return XCTFail("CLIENT LIST") }
        let lines = String(decoding: bytes ?? [], as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].contains("id=\(listener.id) "))
        XCTAssertTrue(lines[0].contains(" flags=P db=0 sub=2 psub=1 ssub=0 multi=-1 "))
    }
}
