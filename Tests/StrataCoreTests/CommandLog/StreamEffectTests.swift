@testable import StrataCore
import XCTest

/// What the stream commands write to the command log: generated IDs and approximate trims made explicit, and the
/// consumer-group changes of XREADGROUP, XCLAIM and XAUTOCLAIM as the XCLAIM / XGROUP SETID / XGROUP CREATECONSUMER
/// effects Redis propagates. Expected trim thresholds were taken from redis-server 7.0.15's AOF for the same
/// commands.
final class StreamEffectTests: XCTestCase {
    private func harnessWithLog(_ settings: [(String, String)] = []) -> EngineHarness {
        let h = EngineHarness(settings)
        h.recordEffects()
        return h
    }

    /// The effects with the value after each TIME replaced by "T", and those values in order.
    private func maskingTimes(_ effects: [[String]]) -> (effects: [[String]], times: [Int64]) {
        var times: [Int64] = []
        let masked = effects.map { args -> [String] in
            var args = args
            if args.first == "XCLAIM", let t = args.firstIndex(of: "TIME"), t + 1 < args.count {
                times.append(Int64(args[t + 1])!)
                args[t + 1] = "T"
            }
            return args
        }
        return (masked, times)
    }

    private func xclaim(_ key: String, _ group: String, _ consumer: String, _ id: String, count: Int,
                        lastID: String) -> [String] {
        ["XCLAIM", key, group, consumer, "0", id, "TIME", "T", "RETRYCOUNT", String(count), "FORCE", "JUSTID",
         "LASTID", lastID]
    }

    /// A stream "s" with entries 1-1 ... n-1 and a group "g" from the start, the log emptied.
    private func streamWithGroup(_ h: EngineHarness, entries n: Int) {
        for i in 1...n { h.run("XADD", "s", "\(i)-1", "f", "v") }
        h.run("XGROUP", "CREATE", "s", "g", "0")
        _ = h.loggedEffects()
    }
}

// MARK: XADD and XTRIM

extension StreamEffectTests {
    func testXAddLogsTheIDItGeneratedInPlaceOfStarOrMsStar() {
        let h = harnessWithLog()
        guard case .bulkString(let generated?) = h.run("XADD", "s", "*", "f", "v") else { return XCTFail() }
        h.run("XADD", "s", "99999999999999-*", "a", "1")
        h.run("XADD", "s", "99999999999999-*", "a", "2")
        h.run("XADD", "s", "99999999999999-7", "a", "3")
        h.run("XADD", "s", "NOMKSTREAM", "100000000000000-*", "a", "4")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["XADD", "s", generated.text, "f", "v"],
                                           ["XADD", "s", "99999999999999-0", "a", "1"],
                                           ["XADD", "s", "99999999999999-1", "a", "2"],
                                           ["XADD", "s", "99999999999999-7", "a", "3"],
                                           ["XADD", "s", "NOMKSTREAM", "100000000000000-0", "a", "4"]])
        h.run("XADD", "missing", "NOMKSTREAM", "*", "f", "v")
        h.run("XADD", "s", "5-*", "f", "v")
        h.run("XADD", "s", "1-1", "f", "v")
        h.run("XADD", "s", "MAXLEN", "~", "-1", "*", "f", "v")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testApproximateTrimsOfXAddAreLoggedAsTheExactTrimRedisLogs() {
        let h = harnessWithLog([("stream-node-max-entries", "4")])
        for i in 1...20 { h.run("XADD", "s", "\(i)-1", "f", "v") }
        _ = h.loggedEffects()
        for c in [["XADD", "s", "MAXLEN", "~", "10", "30-*", "f", "v"], ["XADD", "s", "MAXLEN", "~", "10", "30-*", "f", "v"],
                  ["XADD", "s", "NOMKSTREAM", "MINID", "~", "15", "40-5", "f", "v"],
                  ["XADD", "s", "MAXLEN", "=", "10", "41-5", "f", "v"],
                  ["XADD", "s", "MAXLEN", "8", "LIMIT", "0", "42-5", "f", "v"],
                  ["XADD", "s", "MAXLEN", "~", "3", "LIMIT", "2", "43-5", "f", "v"],
                  ["XDEL", "s", "19-1"], ["XDEL", "s", "18-1"], ["XTRIM", "s", "MINID", "~", "20"],
                  ["XTRIM", "s", "MAXLEN", "~", "100"], ["XADD", "s", "MINID", "~", "99999999999999", "50-0", "f", "v"],
                  ["XTRIM", "s", "MINID", "~", "99999999999999"], ["XTRIM", "s", "MAXLEN", "~", "0"],
                  ["XADD", "s", "MINID", "~", "0", "60-*", "a", "b"],
                  ["XADD", "s", "LIMIT", "7", "MAXLEN", "~", "100", "LIMIT", "5", "70-*", "a", "b"]] {
            h.run(c)
        }
        // Redis 7.0.15 logs the two LIMIT forms with their LIMIT kept (see StreamAddTrimCommands.effect).
        XCTAssertEqual(h.loggedEffects(), [
            ["XADD", "s", "MAXLEN", "=", "13", "30-0", "f", "v"], ["XADD", "s", "MAXLEN", "=", "10", "30-1", "f", "v"],
            ["XADD", "s", "NOMKSTREAM", "MINID", "=", "13-1", "40-5", "f", "v"],
            ["XADD", "s", "MAXLEN", "=", "10", "41-5", "f", "v"], ["XADD", "s", "MAXLEN", "=", "9", "43-5", "f", "v"],
            ["XDEL", "s", "19-1"], ["XDEL", "s", "18-1"],
            ["XADD", "s", "MINID", "=", "18446744073709551615-18446744073709551615", "50-0", "f", "v"],
            ["XADD", "s", "MINID", "=", "60-0", "60-0", "a", "b"], ["XADD", "s", "MAXLEN", "=", "2", "70-0", "a", "b"]])
    }

    func testApproximateXTrimIsLoggedWithTheFirstIDOfTheFirstNodeEvenWhenThatEntryIsDeleted() {
        let h = harnessWithLog([("stream-node-max-entries", "4")])
        for i in 1...8 { h.run("XADD", "s", "\(i)-1", "f", "v") }
        h.run("XDEL", "s", "5-1")
        _ = h.loggedEffects()
        h.run("XTRIM", "s", "MINID", "~", "7")
        h.run("XDEL", "s", "6-1")
        h.run("XADD", "s", "MINID", "~", "1", "9-1", "f", "v")
        h.run("XTRIM", "s", "MAXLEN", "~", "1")
        h.run("XTRIM", "s", "MAXLEN", "1")
        XCTAssertEqual(h.loggedEffects(), [["XTRIM", "s", "MINID", "=", "5-1"], ["XDEL", "s", "6-1"],
                                           ["XADD", "s", "MINID", "=", "5-1", "9-1", "f", "v"],
                                           ["XTRIM", "s", "MAXLEN", "=", "1"]])
        h.run("XTRIM", "s", "MINID", "~", "5")
        h.run("XTRIM", "s", "MAXLEN", "1")
        h.run("XTRIM", "missing", "MAXLEN", "~", "0")
        XCTAssertEqual(h.loggedEffects(), [])
    }
}

extension StreamEffectTests {
    func testRedisLoggedExactTrimsWithLimitApplyFromAMustObeyClientOnly() {
        let h = EngineHarness([("stream-node-max-entries", "4")])
        for i in 1...10 { h.run("XADD", "s", "\(i)-1", "f", "v") }
        let loader = h.makeClient()
        loader.mustObey = true
        XCTAssertEqual(h.run("XADD", "s", "MAXLEN", "=", "3", "LIMIT", "2", "11-1", "f", "v"),
                       .error("ERR syntax error, LIMIT cannot be used without the special ~ option"))
        XCTAssertEqual(h.run(["XADD", "s", "MAXLEN", "=", "3", "LIMIT", "2", "11-1", "f", "v"], as: loader), .bulk("11-1"))
        XCTAssertEqual(h.run(["XTRIM", "s", "MINID", "=", "10-1", "LIMIT", "1"], as: loader), .integer(1))
        // An approximate trim still goes by whole nodes (redis-server 7.0.15 answers the same).
        XCTAssertEqual(h.run(["XTRIM", "s", "MAXLEN", "~", "0"], as: loader), .integer(2))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(0))
    }
}

// MARK: XREADGROUP

extension StreamEffectTests {
    func testXReadGroupLogsAnXClaimPerDeliveredEntryAndTheGroupsNewPosition() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">")
        let (effects, times) = maskingTimes(h.loggedEffects())
        XCTAssertEqual(effects, [["MULTI"], xclaim("s", "g", "alice", "1-1", count: 1, lastID: "1-1"),
                                 xclaim("s", "g", "alice", "2-1", count: 1, lastID: "2-1"),
                                 ["XGROUP", "SETID", "s", "g", "2-1", "ENTRIESREAD", "2"], ["EXEC"]])
        XCTAssertEqual(times.count, 2)
        XCTAssertEqual(times[0], times[1])
        guard case .array(let pending?)? = h.run("XPENDING", "s", "g", "-", "+", "1"),
              case .array(let first?) = pending[0], case .integer(let idle) = first[2] else { return XCTFail() }
        XCTAssertEqual(Engine.clockMillis() - idle, times[0], accuracy: 2)
    }

    func testXReadGroupNoAckLogsTheConsumerCreationAndTheGroupsNewPosition() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "1", "STREAMS", "s", ">")
        XCTAssertEqual(h.loggedEffects(), [["MULTI"], ["XGROUP", "CREATECONSUMER", "s", "g", "bob"],
                                           ["XGROUP", "SETID", "s", "g", "1-1", "ENTRIESREAD", "1"], ["EXEC"]])
        h.run("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">")
        XCTAssertEqual(h.loggedEffects(), [["XGROUP", "SETID", "s", "g", "3-1", "ENTRIESREAD", "3"]])
    }

    func testXReadGroupWithNothingToDeliverOrFailingLogsNothing() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 1)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = h.loggedEffects()
        h.run("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", ">")
        h.run("XREADGROUP", "GROUP", "nogroup", "carol", "STREAMS", "s", ">")
        h.run("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", "$")
        h.run("XREAD", "STREAMS", "s", "0")
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "5")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testAHistoryReadLogsTheNewDeliveryOfEachEntryStillInTheStreamAndAConsumerItCreated() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        h.run("XDEL", "s", "2-1")
        _ = h.loggedEffects()
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects,
                       [["MULTI"], xclaim("s", "g", "alice", "1-1", count: 2, lastID: "3-1"),
                        xclaim("s", "g", "alice", "3-1", count: 2, lastID: "3-1"), ["EXEC"]])
        h.run("XREADGROUP", "GROUP", "g", "dave", "STREAMS", "s", "0")
        XCTAssertEqual(h.loggedEffects(), [["XGROUP", "CREATECONSUMER", "s", "g", "dave"]])
        h.run("XREADGROUP", "GROUP", "g", "dave", "STREAMS", "s", "0")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testABlockedXReadGroupServedLaterLogsItsEffectsAfterTheWriteThatServedIt() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 1)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = h.loggedEffects()
        let c1 = h.makeClient(), c2 = h.makeClient(), c3 = h.makeClient()
        XCTAssertNil(h.run("XREADGROUP", "GROUP", "g", "carol", "BLOCK", "0", "STREAMS", "s", ">", as: c1))
        XCTAssertNil(h.run("XREAD", "BLOCK", "0", "STREAMS", "s", "$", as: c2))
        h.run("XADD", "s", "2-1", "f", "v")
        XCTAssertNil(h.run("XREADGROUP", "GROUP", "g", "erin", "NOACK", "BLOCK", "0", "STREAMS", "s", ">", as: c3))
        h.run("XADD", "s", "3-1", "f", "v")
        XCTAssertFalse(h.isBlocked(c1) || h.isBlocked(c2) || h.isBlocked(c3))
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects, [
            ["XADD", "s", "2-1", "f", "v"],
            ["MULTI"], xclaim("s", "g", "carol", "2-1", count: 1, lastID: "2-1"),
            ["XGROUP", "SETID", "s", "g", "2-1", "ENTRIESREAD", "2"], ["EXEC"],
            ["XADD", "s", "3-1", "f", "v"],
            ["MULTI"], ["XGROUP", "CREATECONSUMER", "s", "g", "erin"],
            ["XGROUP", "SETID", "s", "g", "3-1", "ENTRIESREAD", "3"], ["EXEC"]])
    }
}

// MARK: XCLAIM and XAUTOCLAIM

extension StreamEffectTests {
    func testXClaimLogsEachClaimWithTheResultingTimeAndCount() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = h.loggedEffects()
        h.run("XCLAIM", "s", "g", "bob", "0", "1-1", "2-1")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects,
                       [["MULTI"], xclaim("s", "g", "bob", "1-1", count: 2, lastID: "3-1"),
                        xclaim("s", "g", "bob", "2-1", count: 2, lastID: "3-1"), ["EXEC"]])
        h.run("XCLAIM", "s", "g", "bob", "0", "1-1", "JUSTID")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects, [xclaim("s", "g", "bob", "1-1", count: 2, lastID: "3-1")])
        h.run("XCLAIM", "s", "g", "erin", "0", "3-1", "TIME", "1000", "RETRYCOUNT", "7", "LASTID", "9-9")
        XCTAssertEqual(h.loggedEffects(), [["XCLAIM", "s", "g", "erin", "0", "3-1", "TIME", "1000", "RETRYCOUNT", "7",
                                            "FORCE", "JUSTID", "LASTID", "9-9"]])
        h.run("XCLAIM", "s", "g", "erin", "0", "2-1", "IDLE", "500")
        let (effects, times) = maskingTimes(h.loggedEffects())
        XCTAssertEqual(effects, [xclaim("s", "g", "erin", "2-1", count: 3, lastID: "9-9")])
        // The command's clock is the burst's, which may be a little behind the wall clock.
        XCTAssertEqual(times[0], Engine.clockMillis() - 500, accuracy: 50)
    }

    func testXClaimThatOnlyMovesTheLastIDLogsXGroupSetIDAndOneThatChangesNothingLogsNothing() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 2)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = h.loggedEffects()
        h.run("XCLAIM", "s", "g", "bob", "999999", "1-1", "LASTID", "7-5")
        XCTAssertEqual(h.loggedEffects(), [["XGROUP", "SETID", "s", "g", "7-5", "ENTRIESREAD", "2"]])
        h.run("XCLAIM", "s", "g", "bob", "999999", "1-1", "LASTID", "2-1")
        h.run("XCLAIM", "s", "g", "bob", "0", "77-1", "FORCE")
        h.run("XCLAIM", "s", "nogroup", "bob", "0", "1-1")
        h.run("XCLAIM", "s", "g", "bob", "0", "1-1", "BOGUS")
        XCTAssertEqual(h.loggedEffects(), [])
        XCTAssertEqual(h.run("XINFO", "CONSUMERS", "s", "g").map { if case .array(let a?) = $0 { a.count } else { 0 } }, 1)
    }

    func testClaimingAPendingEntryWhoseStreamEntryWasDeletedLogsTheXClaimThatDropsItOnReplay() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        let (_, times) = maskingTimes(h.loggedEffects())
        h.run("XDEL", "s", "2-1")
        _ = h.loggedEffects()
        h.run("XCLAIM", "s", "g", "carol", "0", "2-1", "3-1")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects,
                       [["MULTI"], xclaim("s", "g", "alice", "2-1", count: 1, lastID: "3-1"),
                        xclaim("s", "g", "carol", "3-1", count: 2, lastID: "3-1"), ["EXEC"]])
        h.run("XDEL", "s", "1-1")
        _ = h.loggedEffects()
        h.run("XAUTOCLAIM", "s", "g", "carol", "999999", "0")
        XCTAssertEqual(h.loggedEffects(), [["XCLAIM", "s", "g", "alice", "0", "1-1", "TIME", String(times[0]),
                                            "RETRYCOUNT", "1", "FORCE", "JUSTID", "LASTID", "3-1"]])
        XCTAssertEqual(h.run("XPENDING", "s", "g"), .array([.integer(1), .bulk("3-1"), .bulk("3-1"),
                                                            .array([.bulks("carol", "1")])]))
    }

    func testXAutoClaimLogsTheEntriesItClaimedAndDroppedInOrder() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 4)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        h.run("XDEL", "s", "2-1")
        _ = h.loggedEffects()
        h.run("XAUTOCLAIM", "s", "g", "carl", "0", "0", "COUNT", "2")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects,
                       [["MULTI"], xclaim("s", "g", "carl", "1-1", count: 2, lastID: "4-1"),
                        xclaim("s", "g", "alice", "2-1", count: 1, lastID: "4-1"), ["EXEC"]])
        h.run("XAUTOCLAIM", "s", "g", "dan", "0", "3-1", "JUSTID")
        XCTAssertEqual(maskingTimes(h.loggedEffects()).effects,
                       [["MULTI"], xclaim("s", "g", "dan", "3-1", count: 1, lastID: "4-1"),
                        xclaim("s", "g", "dan", "4-1", count: 1, lastID: "4-1"), ["EXEC"]])
        h.run("XAUTOCLAIM", "s", "g", "dan", "999999", "0")
        h.run("XAUTOCLAIM", "s", "nogroup", "dan", "0", "0")
        XCTAssertEqual(h.loggedEffects(), [])
    }
}

// MARK: Commands logged as sent

extension StreamEffectTests {
    func testGroupAndIDCommandsAreLoggedAsSentAndTheirNoOpsAreNot() {
        let h = harnessWithLog()
        streamWithGroup(h, entries: 3)
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        _ = h.loggedEffects()
        let writes = [["XACK", "s", "g", "1-1", "77-7"], ["XDEL", "s", "3-1", "9-9"],
                      ["XGROUP", "CREATE", "s", "g2", "$", "ENTRIESREAD", "3"], ["XGROUP", "CREATE", "t", "g", "$", "MKSTREAM"],
                      ["XGROUP", "SETID", "s", "g", "2-1"], ["XGROUP", "SETID", "s", "g", "$", "ENTRIESREAD", "2"],
                      ["XGROUP", "CREATECONSUMER", "s", "g", "zed"], ["XGROUP", "DELCONSUMER", "s", "g", "alice"],
                      ["XGROUP", "DESTROY", "s", "g2"], ["XSETID", "s", "10-1"],
                      ["XSETID", "s", "11-1", "ENTRIESADDED", "20", "MAXDELETEDID", "3-1"]]
        for c in writes { h.run(c) }
        XCTAssertEqual(h.loggedEffects(), writes)
        let noOps = [["XACK", "s", "g", "1-1"], ["XACK", "s", "nogroup", "1-1"], ["XDEL", "s", "3-1"], ["XDEL", "missing", "1-1"],
                     ["XGROUP", "CREATE", "s", "g", "$"], ["XGROUP", "CREATECONSUMER", "s", "g", "zed"],
                     ["XGROUP", "DELCONSUMER", "s", "g", "nobody"], ["XGROUP", "DESTROY", "s", "g2"],
                     ["XSETID", "s", "1-1"], ["XRANGE", "s", "-", "+"], ["XINFO", "STREAM", "s", "FULL"],
                     ["XPENDING", "s", "g", "-", "+", "10"]]
        for c in noOps { h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [])
    }
}

// MARK: Replay

extension StreamEffectTests {
    func testReplayingTheLogOfAStreamWorkloadReproducesStreamsGroupsAndPendingEntries() {
        let settings = [("stream-node-max-entries", "4")]
        let h = harnessWithLog(settings)
        let reader = h.makeClient(), waiter = h.makeClient()
        h.run("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
        h.run("XGROUP", "CREATE", "s", "quiet", "0")
        XCTAssertNil(h.run("XREADGROUP", "GROUP", "g", "waiter", "BLOCK", "0", "STREAMS", "s", ">", as: waiter))
        for i in 1...30 { h.run("XADD", "s", i % 3 == 0 ? "\(i)-*" : "\(i)-0", "f", "\(i)", "g", "x") }
        for c in [["XADD", "s", "MAXLEN", "~", "25", "*", "f", "v"], ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", "s", ">"],
                  ["XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "3", "STREAMS", "s", ">"],
                  ["XREADGROUP", "GROUP", "g", "carol", "COUNT", "4", "STREAMS", "s", ">"],
                  ["XDEL", "s", "13-0", "14-0"], ["XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"],
                  ["XREADGROUP", "GROUP", "g", "dave", "STREAMS", "s", "0"],
                  ["XCLAIM", "s", "g", "bob", "0", "11-0", "IDLE", "250"], ["XCLAIM", "s", "g", "erin", "0", "13-0", "16-0", "JUSTID"],
                  ["XCLAIM", "s", "g", "erin", "0", "17-0", "TIME", "12345", "RETRYCOUNT", "9"],
                  ["XCLAIM", "s", "g", "erin", "9999999", "17-0", "LASTID", "20-5"],
                  ["XAUTOCLAIM", "s", "g", "frank", "0", "0", "COUNT", "3"], ["XACK", "s", "g", "16-0"],
                  ["MULTI"], ["XREADGROUP", "GROUP", "quiet", "q", "COUNT", "2", "STREAMS", "s", ">"],
                  ["XTRIM", "s", "MINID", "~", "12"], ["EXEC"],
                  ["XGROUP", "CREATECONSUMER", "s", "g", "zed"], ["XGROUP", "DELCONSUMER", "s", "g", "carol"],
                  ["XGROUP", "SETID", "s", "quiet", "$"], ["XDEL", "s", "22-0"],
                  ["XSETID", "s", "99999999999999-0", "ENTRIESADDED", "40", "MAXDELETEDID", "22-0"],
                  ["SELECT", "2"], ["XADD", "t", "*", "a", "b"], ["XGROUP", "CREATE", "t", "g", "0"],
                  ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "t", ">"], ["SELECT", "0"]] {
            h.run(c, as: reader)
        }
        XCTAssertFalse(h.isBlocked(waiter))
        guard case .array(let summary?)? = h.run("XPENDING", "s", "g") else { return XCTFail() }
        XCTAssertEqual(summary.first, .integer(5))
        XCTAssertEqual(h.run("XLEN", "s"), .integer(20))
        h.assertLogReplaysToSameDataset(settings: settings, ignoringSeenTimes: true)
    }
}
