import RESP
@testable import StrataCore
import XCTest

/// Sorted-set command behaviour that a differential script cannot pin: Redis 7.2's ZRANK WITHSCORE, blocked pops
/// (FIFO service, keys of another type, timeouts, transactions), random replies by their properties, ZSCAN over a
/// changing skiplist, and the encodings the commands leave.
final class SortedSetCommandTests: XCTestCase {
    private func members(_ reply: RESPValue?) -> [String] {
        guard case .array(let items?)? = reply else { return [] }
        return items.compactMap { if case .bulkString(let b?) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    func testRankWithScoreFollowsRedis72() {
        let h = EngineHarness()
        h.run("ZADD", "z", "1.5", "a", "2", "b", "3", "c")
        XCTAssertEqual(h.run("ZRANK", "z", "b", "WITHSCORE"), .array([.integer(1), .bulk("2")]))
        XCTAssertEqual(h.run("ZREVRANK", "z", "a", "withscore"), .array([.integer(2), .bulk("1.5")]))
        XCTAssertEqual(h.run("ZRANK", "z", "nope", "WITHSCORE"), .array(nil))
        XCTAssertEqual(h.run("ZRANK", "none", "a", "WITHSCORE"), .array(nil))
        XCTAssertEqual(h.run("ZRANK", "none", "a"), .nilBulk)
        XCTAssertEqual(h.run("ZRANK", "z", "a", "WITHSCORES"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("ZRANK", "z", "a", "WITHSCORE", "x"), .error("ERR wrong number of arguments for 'zrank' command"))
        h.run("HELLO", "3")
        XCTAssertEqual(h.run("ZRANK", "z", "c", "WITHSCORE"), .array([.integer(2), .double(3)]))
        XCTAssertEqual(h.run("ZRANK", "z", "x", "WITHSCORE"), .null)
    }

    func testBlockedPopsAreServedOldestFirst() {
        let h = EngineHarness()
        let first = h.makeClient(), second = h.makeClient()
        XCTAssertNil(h.run("BZPOPMIN", "z", "0", as: first))
        XCTAssertNil(h.run("BZPOPMAX", "other", "z", "0", as: second))
        XCTAssertTrue(h.isBlocked(first) && h.isBlocked(second))
        h.run("ZADD", "z", "1", "a")
        XCTAssertEqual(h.take(first), [.array([.bulk("z"), .bulk("a"), .bulk("1")])])
        XCTAssertTrue(h.isBlocked(second))
        XCTAssertEqual(h.run("EXISTS", "z"), .integer(0))
        h.run("ZADD", "z", "1", "b", "2", "c")
        XCTAssertEqual(h.take(second), [.array([.bulk("z"), .bulk("c"), .bulk("2")])])
        XCTAssertEqual(h.run("ZRANGE", "z", "0", "-1"), .array([.bulk("b")]))
    }

    func testBlockedMultiPopTakesCountFromTheKeyThatFilled() {
        let h = EngineHarness()
        let waiter = h.makeClient()
        XCTAssertNil(h.run("BZMPOP", "0", "2", "k1", "k2", "MIN", "COUNT", "2", as: waiter))
        h.run("SET", "k1", "not a zset")
        XCTAssertTrue(h.isBlocked(waiter))
        h.run("ZADD", "k2", "3", "c", "1", "a", "2", "b")
        XCTAssertEqual(h.take(waiter), [.array([.bulk("k2"), .array([.array([.bulk("a"), .bulk("1")]),
                                                                     .array([.bulk("b"), .bulk("2")])])])])
    }

    func testBlockedPopTimesOutWithNullArray() {
        let h = EngineHarness()
        let waiter = h.makeClient()
        XCTAssertNil(h.run("BZPOPMIN", "z", "1", as: waiter))
        h.engine.expireBlockedCommands(now: Engine.clockMillis() + 5000)
        XCTAssertEqual(h.take(waiter), [.array(nil)])
        XCTAssertFalse(h.isBlocked(waiter))
    }

    func testBlockingPopInsideTransactionAnswersAtOnce() {
        let h = EngineHarness()
        h.client.executingTransaction = true
        XCTAssertEqual(h.run("BZPOPMIN", "z", "0"), .array(nil))
        XCTAssertEqual(h.run("BZMPOP", "0", "1", "z", "MAX"), .array(nil))
        XCTAssertFalse(h.isBlocked())
    }

    func testRandomMembersRespectCountRules() {
        let h = EngineHarness()
        h.run(["ZADD", "z"] + (0..<50).flatMap { ["\($0)", "m\($0)"] })
        let all = Set((0..<50).map { "m\($0)" })
        let distinct = members(h.run("ZRANDMEMBER", "z", "20"))
        XCTAssertEqual(distinct.count, 20)
        XCTAssertEqual(Set(distinct).count, 20)
        XCTAssertTrue(Set(distinct).isSubset(of: all))
        let sparse = members(h.run("ZRANDMEMBER", "z", "5"))
        XCTAssertEqual(Set(sparse).count, 5)
        let repeated = members(h.run("ZRANDMEMBER", "z", "-500"))
        XCTAssertEqual(repeated.count, 500)
        XCTAssertTrue(Set(repeated).isSubset(of: all))
        XCTAssertLessThan(Set(repeated).count, 500)
        let pairs = members(h.run("ZRANDMEMBER", "z", "-30", "WITHSCORES"))
        XCTAssertEqual(pairs.count, 60)
        for i in stride(from: 0, to: pairs.count, by: 2) {
            XCTAssertEqual("m" + pairs[i + 1], pairs[i], "score must belong to its member")
        }
        XCTAssertTrue(all.contains(members(.array([h.run("ZRANDMEMBER", "z")!]))[0]))
    }

    func testScanOfSkiplistSeesEveryStableMemberDespiteWrites() {
        let h = EngineHarness()
        h.run(["ZADD", "z"] + (0..<500).flatMap { ["\($0)", "m\($0)"] })
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "z"), .bulk("skiplist"))
        var seen = Set<String>()
        var cursor = "0"
        var round = 0
        repeat {
            guard case .array(let parts?)? = h.run("ZSCAN", "z", cursor, "COUNT", "20"),
                  case .bulkString(let next?) = parts[0] else { return XCTFail("bad ZSCAN reply") }
            let found = members(parts[1])
            for i in stride(from: 0, to: found.count, by: 2) { seen.insert(found[i]) }
            cursor = String(decoding: next, as: UTF8.self)
            h.run("ZADD", "z", "1", "extra\(round)")
            h.run("ZREM", "z", "extra\(round / 2)")
            round += 1
        } while cursor != "0"
        XCTAssertTrue(Set((0..<500).map { "m\($0)" }).isSubset(of: seen))
    }

    func testStoredResultsTakeTheEncodingThatFits() {
        let h = EngineHarness([("zset-max-listpack-entries", "4")])
        h.run("ZADD", "big", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "big"), .bulk("skiplist"))
        h.run("ZRANGESTORE", "small", "big", "0", "1")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "small"), .bulk("listpack"))
        h.run("ZUNIONSTORE", "u", "2", "big", "small")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "u"), .bulk("skiplist"))
        h.run("ZINTERSTORE", "i", "2", "big", "small")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "i"), .bulk("listpack"))
        XCTAssertEqual(h.run("ZRANGE", "i", "0", "-1", "WITHSCORES"),
                       .array([.bulk("a"), .bulk("2"), .bulk("b"), .bulk("4")]))
    }

    func testPoppingTheLastMemberDeletesTheKey() {
        let h = EngineHarness()
        h.run("ZADD", "z", "1", "a", "2", "b")
        h.run("EXPIRE", "z", "100")
        XCTAssertEqual(h.run("ZPOPMAX", "z", "5"), .array([.bulk("b"), .bulk("2"), .bulk("a"), .bulk("1")]))
        XCTAssertEqual(h.run("EXISTS", "z"), .integer(0))
        h.run("ZADD", "z", "1", "a")
        XCTAssertEqual(h.run("TTL", "z"), .integer(-1))
    }

    func testUpdatesKeepTheKeysTimeToLive() {
        let h = EngineHarness()
        h.run("ZADD", "z", "1", "a")
        h.run("EXPIRE", "z", "100")
        h.run("ZADD", "z", "2", "b")
        h.run("ZINCRBY", "z", "1", "a")
        h.run("ZREM", "z", "b")
        XCTAssertEqual(h.run("TTL", "z"), .integer(100))
    }
}
