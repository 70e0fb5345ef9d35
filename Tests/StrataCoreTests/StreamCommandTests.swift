import RESP
@testable import StrataCore
import XCTest

/// Stream commands through the engine. Expected replies were checked against redis-server 7.0.15.
final class StreamCommandTests: XCTestCase {
    private func entry(_ id: String, _ pairs: String...) -> RESPValue {
        .array([.bulk(id), .array(pairs.map { .bulk($0) })])
    }

    /// The elements of an array reply (empty for anything else).
    private func items(_ reply: RESPValue?) -> [RESPValue] {
        if case .array(let values?) = reply { return values }
        return []
    }

    private func filled(_ h: EngineHarness, _ key: String = "s", count: Int = 3) {
        for i in 1...count { h.run("XADD", key, "\(i)-1", "f", "v\(i)") }
    }

    func testXaddPicksIDsAndRefusesOnesNotAboveTheTop() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("XADD", "s", "5-*", "a", "1"), .bulk("5-0"))
        XCTAssertEqual(h.run("XADD", "s", "5-*", "a", "1"), .bulk("5-1"))
        XCTAssertEqual(h.run("XADD", "s", "5", "a", "1"),
                       .error("ERR The ID specified in XADD is equal or smaller than the target stream top item"))
        XCTAssertEqual(h.run("XADD", "s", "0-0", "a", "1"), .error("ERR The ID specified in XADD must be greater than 0-0"))
        XCTAssertEqual(h.run("XADD", "s", "x", "a", "1"), .error("ERR Invalid stream ID specified as stream command argument"))
        XCTAssertEqual(h.run("XADD", "s", "6", "a"), .error("ERR wrong number of arguments for 'xadd' command"))
        guard case .bulkString(let auto?) = h.run("XADD", "s", "*", "a", "1") else { return XCTFail("no ID") }
        XCTAssertTrue(auto.text.hasSuffix("-0"))
        XCTAssertEqual(h.run("XADD", "new", "NOMKSTREAM", "1-1", "a", "1"), .nilBulk)
        XCTAssertEqual(h.run("EXISTS", "new"), .integer(0))
        XCTAssertEqual(h.run("XADD", "m", "18446744073709551615-18446744073709551615", "a", "1"),
                       .bulk("18446744073709551615-18446744073709551615"))
        XCTAssertEqual(h.run("XADD", "m", "*", "a", "1"),
                       .error("ERR The stream has exhausted the last possible ID, unable to add more items"))
        h.run("SET", "str", "x")
        XCTAssertEqual(h.run("XADD", "str", "1-1", "a", "1"), .error(ReplyError.wrongType))
    }

    func testXaddTrimOptions() {
        let h = EngineHarness()
        filled(h, count: 5)
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "2", "6-1", "f", "v"), .bulk("6-1"))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(2))
        XCTAssertEqual(h.run("XADD", "s", "MINID", "=", "6-1", "7-1", "f", "v"), .bulk("7-1"))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(2))
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "1", "LIMIT", "5", "*", "a", "1"),
                       .error("ERR syntax error, LIMIT cannot be used without the special ~ option"))
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "1", "MINID", "1", "*", "a", "1"),
                       .error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"))
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "-1", "*", "a", "1"), .error("ERR The MAXLEN argument must be >= 0."))
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "~", "1", "LIMIT", "-1", "*", "a", "1"),
                       .error("ERR The LIMIT argument must be >= 0."))
    }

    func testRangesWithExclusiveEndsCountsAndReverseOrder() {
        let h = EngineHarness()
        filled(h, count: 4)
        XCTAssertEqual(h.run("XRANGE", "s", "(1-1", "3"), .array([entry("2-1", "f", "v2"), entry("3-1", "f", "v3")]))
        XCTAssertEqual(h.run("XRANGE", "s", "-", "+", "COUNT", "1"), .array([entry("1-1", "f", "v1")]))
        XCTAssertEqual(h.run("XRANGE", "s", "-", "+", "COUNT", "0"), .array(nil))
        XCTAssertEqual(h.run("XREVRANGE", "s", "+", "(2-1", "COUNT", "5"),
                       .array([entry("4-1", "f", "v4"), entry("3-1", "f", "v3")]))
        XCTAssertEqual(h.run("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"),
                       .error("ERR invalid start ID for the interval"))
        XCTAssertEqual(h.run("XRANGE", "s", "-", "(0-0"), .error("ERR invalid end ID for the interval"))
        XCTAssertEqual(h.run("XRANGE", "s", "-", "+", "LIMIT", "1"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("XRANGE", "missing", "-", "+"), .array([]))
    }

    func testXdelKeepsTheEmptiedStreamAndRecordsTheLargestDeletedID() {
        let h = EngineHarness()
        filled(h, count: 2)
        XCTAssertEqual(h.run("XDEL", "s", "1-1", "bad"), .error("ERR Invalid stream ID specified as stream command argument"))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(2))
        XCTAssertEqual(h.run("XDEL", "s", "2-1", "1-1", "9-9"), .integer(2))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(0))
        XCTAssertEqual(h.run("EXISTS", "s"), .integer(1))
        XCTAssertEqual(h.run("XADD", "s", "2-1", "f", "v"),
                       .error("ERR The ID specified in XADD is equal or smaller than the target stream top item"))
        guard case .stream(let s) = h.engine.databases[0].peek(Bytes("s"))!.value else { return XCTFail("type") }
        XCTAssertEqual(s.maxDeletedID, StreamID(ms: 2, seq: 1))
        XCTAssertEqual(s.entriesAdded, 2)
    }

    func testXtrimNeedsAStrategyAndCountsRemovedEntries() {
        let h = EngineHarness()
        filled(h, count: 5)
        XCTAssertEqual(h.run("XTRIM", "s", "LIMIT", "1"),
                       .error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"))
        XCTAssertEqual(h.run("XTRIM", "s", "FOO", "1"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("XTRIM", "s", "MAXLEN", "~", "1"), .integer(0), "one node: nothing to drop whole")
        XCTAssertEqual(h.run("XTRIM", "s", "MINID", "3"), .integer(2))
        XCTAssertEqual(h.run("XTRIM", "missing", "MAXLEN", "0"), .integer(0))
    }

    func testGroupsDeliverRecordPendingAndAcknowledge() {
        let h = EngineHarness()
        filled(h)
        XCTAssertEqual(h.run("XGROUP", "CREATE", "s", "g", "0"), .ok)
        XCTAssertEqual(h.run("XGROUP", "CREATE", "s", "g", "0"), .error("BUSYGROUP Consumer Group name already exists"))
        XCTAssertEqual(h.run("XREADGROUP", "GROUP", "g", "c", "COUNT", "2", "STREAMS", "s", ">"),
                       .array([.array([.bulk("s"), .array([entry("1-1", "f", "v1"), entry("2-1", "f", "v2")])])]))
        XCTAssertEqual(h.run("XPENDING", "s", "g"),
                       .array([.integer(2), .bulk("1-1"), .bulk("2-1"), .array([.array([.bulk("c"), .bulk("2")])])]))
        XCTAssertEqual(h.run("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"),
                       .array([.array([.bulk("s"), .array([entry("1-1", "f", "v1"), entry("2-1", "f", "v2")])])]))
        guard case .array(let rows?) = h.run("XPENDING", "s", "g", "-", "+", "10") else { return XCTFail("rows") }
        XCTAssertEqual(rows.map { items($0).last }, [.integer(2), .integer(2)], "history reads count deliveries")
        XCTAssertEqual(h.run("XACK", "s", "g", "1-1", "9-9"), .integer(1))
        XCTAssertEqual(h.run("XACK", "s", "nog", "1-1"), .integer(0))
        XCTAssertEqual(h.run("XREADGROUP", "GROUP", "nog", "c", "STREAMS", "s", ">"),
                       .error("NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option"))
        XCTAssertEqual(h.run("XGROUP", "SETID", "s", "g", "0"), .ok)
        XCTAssertEqual(h.run("XREADGROUP", "GROUP", "g", "d", "COUNT", "1", "STREAMS", "s", ">"),
                       .array([.array([.bulk("s"), .array([entry("1-1", "f", "v1")])])]))
        XCTAssertEqual(items(h.run("XPENDING", "s", "g", "-", "+", "10", "c")).count, 1,
                       "2-1 stays with c; 1-1 went to d")
        XCTAssertEqual(h.run("XGROUP", "DELCONSUMER", "s", "g", "c"), .integer(1))
        XCTAssertEqual(h.run("XGROUP", "DESTROY", "s", "g"), .integer(1))
        XCTAssertEqual(h.run("XINFO", "GROUPS", "s"), .array([]))
    }

    func testClaimsMoveIdleEntriesAndDropDeletedOnes() {
        let h = EngineHarness()
        filled(h)
        h.run("XGROUP", "CREATE", "s", "g", "0")
        h.run("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">")
        XCTAssertEqual(h.run("XCLAIM", "s", "g", "c2", "3600000", "1-1"), .array([]), "not idle long enough")
        XCTAssertEqual(h.run("XCLAIM", "s", "g", "c2", "0", "1-1", "JUSTID"), .array([.bulk("1-1")]))
        h.run("XDEL", "s", "2-1")
        XCTAssertEqual(h.run("XAUTOCLAIM", "s", "g", "c3", "0", "0", "COUNT", "1"),
                       .array([.bulk("2-1"), .array([entry("1-1", "f", "v1")]), .array([])]), "the cursor is the next pending ID")
        XCTAssertEqual(h.run("XAUTOCLAIM", "s", "g", "c3", "0", "3-1"),
                       .array([.bulk("0-0"), .array([entry("3-1", "f", "v3")]), .array([])]))
        XCTAssertEqual(h.run("XAUTOCLAIM", "s", "g", "c3", "0", "0", "COUNT", "0"), .error("ERR COUNT must be > 0"))
        XCTAssertEqual(items(h.run("XPENDING", "s", "g")).first, .integer(3))
        XCTAssertEqual(h.run("XAUTOCLAIM", "s", "g", "c4", "0", "0", "JUSTID"),
                       .array([.bulk("0-0"), .array([.bulk("1-1"), .bulk("3-1")]), .array([.bulk("2-1")])]))
        XCTAssertEqual(h.run("XCLAIM", "s", "g", "c2", "0", "1-1", "BOGUS"), .error("ERR Unrecognized XCLAIM option 'BOGUS'"))
    }

    func testXinfoAndXsetid() {
        let h = EngineHarness()
        filled(h, count: 2)
        guard case .array(let info?) = h.run("XINFO", "STREAM", "s") else { return XCTFail("info") }
        XCTAssertEqual(info.count, 20)
        XCTAssertEqual(info[0...1], [.bulk("length"), .integer(2)])
        XCTAssertEqual(info[18...19], [.bulk("last-entry"), entry("2-1", "f", "v2")])
        XCTAssertEqual(h.run("XINFO", "STREAM", "missing"), .error("ERR no such key"))
        XCTAssertEqual(h.run("XINFO", "STREAM", "s", "FULL", "COUNT"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP."))
        XCTAssertEqual(h.run("XSETID", "s", "1-1"), .error("ERR The ID specified in XSETID is smaller than the target stream top item"))
        XCTAssertEqual(h.run("XSETID", "s", "9-9", "ENTRIESADDED", "1"),
                       .error("ERR The entries_added specified in XSETID is smaller than the target stream length"))
        XCTAssertEqual(h.run("XSETID", "s", "9-9", "ENTRIESADDED", "10", "MAXDELETEDID", "3"), .ok)
        XCTAssertEqual(h.run("XADD", "s", "9-9", "f", "v"),
                       .error("ERR The ID specified in XADD is equal or smaller than the target stream top item"))
    }

    func testBlockedXreadIsServedByXaddAndTimesOutWithNull() {
        let h = EngineHarness()
        let reader = h.makeClient()
        h.run("XADD", "s", "1-1", "f", "v")
        XCTAssertNil(h.run("XREAD", "BLOCK", "0", "STREAMS", "s", "$", as: reader))
        XCTAssertTrue(h.isBlocked(reader))
        h.run("XADD", "s", "2-1", "g", "w")
        XCTAssertEqual(h.take(reader), [.array([.array([.bulk("s"), .array([entry("2-1", "g", "w")])])])])
        XCTAssertFalse(h.isBlocked(reader))
        XCTAssertNil(h.run("XREAD", "BLOCK", "100", "STREAMS", "s", "$", as: reader))
        h.engine.expireBlockedCommands(now: Engine.clockMillis() + 1000)
        XCTAssertEqual(h.take(reader), [.array(nil)])
    }

    func testBlockedGroupReaderLearnsWhenItsGroupOrStreamGoesAway() {
        let h = EngineHarness()
        let reader = h.makeClient()
        h.run("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
        XCTAssertNil(h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">", as: reader))
        h.run("XADD", "s", "1-1", "f", "v")
        XCTAssertEqual(h.take(reader), [.array([.array([.bulk("s"), .array([entry("1-1", "f", "v")])])])])
        XCTAssertEqual(items(h.run("XPENDING", "s", "g")).first, .integer(1))
        h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">", as: reader)
        h.run("XGROUP", "DESTROY", "s", "g")
        XCTAssertEqual(h.take(reader), [.error("NOGROUP the consumer group this client was blocked on no longer exists")])
        h.run("XGROUP", "CREATE", "s", "g", "$")
        h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">", as: reader)
        h.run("DEL", "s")
        XCTAssertEqual(h.take(reader), [.error("UNBLOCKED the stream key no longer exists")])
    }
}
