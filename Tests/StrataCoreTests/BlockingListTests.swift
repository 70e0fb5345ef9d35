import RESP
@testable import StrataCore
import XCTest

/// The blocking list commands on one engine with several clients: waiting, FIFO service, timeouts, MULTI,
/// BLMOVE chains, type changes and disconnects.
final class BlockingListTests: XCTestCase {
    func testBlpopServedByLaterPush() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        XCTAssertNil(h.run("BLPOP", "a", "b", "0", as: c2))
        XCTAssertTrue(h.isBlocked(c2))
        XCTAssertEqual(h.engine.blockedClientCount, 1)
        XCTAssertEqual(h.run("RPUSH", "b", "x", "y"), .int(2))
        XCTAssertEqual(h.take(c2), [.bulks("b", "x")])
        XCTAssertFalse(h.isBlocked(c2))
        XCTAssertEqual(h.engine.blockedClientCount, 0)
        XCTAssertEqual(h.listElements("b"), .bulks("y"))
    }

    func testBlockedClientsAreServedInArrivalOrder() {
        let h = EngineHarness()
        let first = h.makeClient(), second = h.makeClient()
        h.run("BRPOP", "l", "0", as: first)
        h.run("BRPOP", "l", "0", as: second)
        h.run("RPUSH", "l", "1")
        XCTAssertEqual(h.take(first), [.bulks("l", "1")])
        XCTAssertTrue(h.isBlocked(second))
        h.run("RPUSH", "l", "2", "3")
        XCTAssertEqual(h.take(second), [.bulks("l", "3")])
        XCTAssertEqual(h.listElements("l"), .bulks("2"))
    }

    func testTimeoutRepliesNilArray() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("BLMOVE", "a", "b", "LEFT", "LEFT", "0.5", as: c2)
        h.engine.expireBlockedCommands(now: Engine.clockMillis() + 10_000)
        XCTAssertEqual(h.take(c2), [.array(nil)])
        XCTAssertFalse(h.isBlocked(c2))
    }

    func testTimeoutArgumentErrors() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("BLPOP", "a", "-1"), .error("ERR timeout is negative"))
        XCTAssertEqual(h.run("BLPOP", "a", "inf"), .error("ERR timeout is negative"))
        XCTAssertEqual(h.run("BLPOP", "a", "1e16"), .error("ERR timeout is negative"))
        XCTAssertEqual(h.run("BLPOP", "a", "x"), .error("ERR timeout is not a float or out of range"))
        XCTAssertEqual(h.run("BLPOP", "a", "nan"), .error("ERR timeout is not a float or out of range"))
        XCTAssertEqual(h.run("BLPOP", "a", " 1"), .error("ERR timeout is not a float or out of range"))
        XCTAssertEqual(h.run("BLMPOP", "x", "0", "a", "LEFT"), .error("ERR numkeys should be greater than 0"),
                       "BLMPOP checks its other arguments before the timeout")
        let c2 = h.makeClient()
        XCTAssertNil(h.run("BLPOP", "a", "-0.0001", as: c2), "rounds to 0: waits forever")
        XCTAssertNil(h.run("BLPOP", "b", "9223372036854775", as: h.makeClient()), "a deadline past the clock's range")
    }

    func testServedFromTheKeyThatBecameReady() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("BLPOP", "a", "b", "0", as: c2)
        h.run("RPUSH", "b", "fromb")
        XCTAssertEqual(h.take(c2), [.bulks("b", "fromb")])
    }

    func testBlmoveChainMovesThroughWaiters() {
        let h = EngineHarness()
        let c2 = h.makeClient(), c3 = h.makeClient()
        h.run("BLMOVE", "a", "b", "RIGHT", "LEFT", "0", as: c2)
        h.run("BRPOPLPUSH", "b", "c", "0", as: c3)
        h.run("LPUSH", "a", "x")
        XCTAssertEqual(h.take(c2), [.bulk("x")])
        XCTAssertEqual(h.take(c3), [.bulk("x")])
        XCTAssertEqual(h.listElements("c"), .bulks("x"))
        XCTAssertEqual(h.run("EXISTS", "a", "b"), .int(0))
    }

    func testBlmoveToWrongTypeDestinationEndsWithError() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("SET", "dst", "string")
        h.run("BLMOVE", "src", "dst", "LEFT", "LEFT", "0", as: c2)
        h.run("RPUSH", "src", "x")
        XCTAssertEqual(h.take(c2), [.error(ReplyError.wrongType)])
        XCTAssertEqual(h.listElements("src"), .bulks("x"))
    }

    func testKeyOfAnotherTypeKeepsTheClientWaiting() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("BLPOP", "k", "0", as: c2)
        h.run("SET", "k", "string")
        XCTAssertTrue(h.isBlocked(c2))
        XCTAssertEqual(h.take(c2), [])
        h.run("DEL", "k")
        h.run("RPUSH", "k", "v")
        XCTAssertEqual(h.take(c2), [.bulks("k", "v")])
    }

    func testBlmpopServesCountFromReadyKey() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("BLMPOP", "0", "2", "a", "b", "RIGHT", "COUNT", "2", as: c2)
        h.run("RPUSH", "b", "1", "2", "3")
        XCTAssertEqual(h.take(c2), [.array([.bulk("b"), .bulks("3", "2")])])
    }

    func testInsideTransactionBlockingCommandsAnswerAtOnce() {
        let h = EngineHarness()
        h.client.executingTransaction = true
        XCTAssertEqual(h.run("BLPOP", "a", "0"), .array(nil))
        XCTAssertEqual(h.run("BLMPOP", "0", "1", "a", "LEFT"), .array(nil))
        XCTAssertEqual(h.run("BLMOVE", "a", "b", "LEFT", "LEFT", "0"), .nilBulk)
        XCTAssertEqual(h.run("BRPOPLPUSH", "a", "b", "0"), .nilBulk)
        h.client.executingTransaction = false
        XCTAssertFalse(h.isBlocked())
    }

    func testDisconnectWhileBlockedForgetsTheWaiter() {
        let h = EngineHarness()
        let c2 = h.makeClient(), c3 = h.makeClient()
        h.run("BLPOP", "l", "0", as: c2)
        h.run("BLPOP", "l", "0", as: c3)
        h.engine.disconnect(c2)
        XCTAssertEqual(h.engine.blockedClientCount, 1)
        h.run("RPUSH", "l", "v")
        XCTAssertEqual(h.take(c2), [])
        XCTAssertEqual(h.take(c3), [.bulks("l", "v")])
    }

    func testInfoReportsBlockedClients() {
        let h = EngineHarness()
        h.run("BLPOP", "l", "0", as: h.makeClient())
        guard case .bulkString(let text?) = h.run("INFO", "clients") else { return XCTFail("INFO reply") }
        XCTAssertTrue(String(decoding: text, as: UTF8.self).contains("blocked_clients:1\r\n"))
    }

    /// Commands run inside another (EXEC's nesting) only mark keys ready; waiters are served once the outer command
    /// ends, from the key that became ready first.
    func testPushesInsideAnOuterCommandAreServedAfterItInReadyOrder() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.run("BLPOP", "b", "a", "0", as: c2)
        h.engine.executionDepth += 1
        h.run("RPUSH", "a", "1")
        h.run("RPUSH", "b", "2")
        h.run("LPUSH", "a", "0")
        XCTAssertTrue(h.isBlocked(c2))
        h.engine.executionDepth -= 1
        h.run("PING")
        XCTAssertEqual(h.take(c2), [.bulks("a", "0")])
        XCTAssertEqual(h.listElements("b"), .bulks("2"))
    }
}
