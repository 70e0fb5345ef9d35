@testable import StrataCore
import XCTest

/// What the sorted-set commands write to the command log (Redis 7.0's propagation): the pops of ZMPOP and the
/// blocking pops become plain ZPOPMIN/ZPOPMAX, the rest is logged as sent, and nothing is logged for no-ops or errors.
final class SortedSetEffectTests: XCTestCase {
    private func harnessWithLog() -> EngineHarness {
        let h = EngineHarness()
        h.recordEffects()
        return h
    }

    func testZPopMinAndZPopMaxAreLoggedAsSentAndNoOpsAreNot() {
        let h = harnessWithLog()
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
        _ = h.loggedEffects()
        h.run("ZPOPMIN", "z")
        h.run("ZPOPMAX", "z", "10")
        XCTAssertEqual(h.loggedEffects(), [["ZPOPMIN", "z"], ["ZPOPMAX", "z", "10"]])
        h.run("ZPOPMIN", "missing")
        h.run("ZPOPMIN", "missing", "3")
        h.run("ZADD", "y", "1", "a")
        _ = h.loggedEffects()
        h.run("ZPOPMIN", "y", "0")
        h.run("ZPOPMIN", "y", "-1")
        h.run("SET", "s", "v")
        _ = h.loggedEffects()
        h.run("ZPOPMAX", "s")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testZMPopIsLoggedAsAPlainPopOfTheCountActuallyPopped() {
        let h = harnessWithLog()
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")
        h.run("ZADD", "y", "1", "a", "2", "b")
        _ = h.loggedEffects()
        h.run("ZMPOP", "2", "missing", "z", "MIN")
        h.run("ZMPOP", "1", "z", "MAX", "COUNT", "10")
        h.run("ZMPOP", "1", "y", "MIN", "COUNT", "1")
        XCTAssertEqual(h.loggedEffects(), [["ZPOPMIN", "z", "1"], ["ZPOPMAX", "z", "2"], ["ZPOPMIN", "y", "1"]])
        h.run("ZMPOP", "1", "missing", "MIN")
        h.run("ZMPOP", "1", "y", "MIN", "COUNT", "0")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testBlockingPopsServedAtOnceAreLoggedAsPlainPops() {
        let h = harnessWithLog()
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
        _ = h.loggedEffects()
        h.run("BZPOPMIN", "missing", "z", "0")
        h.run("BZPOPMAX", "z", "0")
        h.run("BZMPOP", "0", "1", "z", "MIN", "COUNT", "5")
        XCTAssertEqual(h.loggedEffects(), [["ZPOPMIN", "z"], ["ZPOPMAX", "z"], ["ZPOPMIN", "z", "2"]])
    }

    func testBlockingPopsServedLaterAreLoggedAsPlainPopsAfterTheWriteThatServedThem() {
        let h = harnessWithLog()
        let c1 = h.makeClient(), c2 = h.makeClient(), c3 = h.makeClient()
        XCTAssertNil(h.run("BZPOPMAX", "z", "0", as: c1))
        XCTAssertNil(h.run("BZMPOP", "0", "2", "q", "z", "MIN", "COUNT", "2", as: c2))
        XCTAssertNil(h.run("BZMPOP", "0", "1", "z", "MAX", "COUNT", "9", as: c3))
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
        XCTAssertFalse(h.isBlocked(c1) || h.isBlocked(c2) || h.isBlocked(c3))
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"],
                                           ["ZPOPMAX", "z"], ["ZPOPMIN", "z", "2"], ["ZPOPMAX", "z", "1"]])
    }

    func testABlockingPopThatTimesOutOrRunsInsideMultiLogsOnlyWhatItPopped() {
        let h = harnessWithLog()
        let c1 = h.makeClient()
        XCTAssertNil(h.run("BZPOPMIN", "z", "1", as: c1))
        h.engine.expireBlockedCommands(now: Engine.clockMillis() + 5_000)
        XCTAssertEqual(h.take(c1).count, 1)
        XCTAssertEqual(h.loggedEffects(), [])
        h.run("ZADD", "z", "1", "a", "2", "b")
        _ = h.loggedEffects()
        for c in [["MULTI"], ["BZPOPMIN", "z", "0"], ["BZMPOP", "0", "1", "z", "MAX"], ["BZPOPMIN", "z", "0"], ["EXEC"]] {
            h.run(c)
        }
        XCTAssertEqual(h.loggedEffects(), [["MULTI"], ["ZPOPMIN", "z"], ["ZPOPMAX", "z", "1"], ["EXEC"]])
    }

    func testDeterministicWritesAreLoggedAsSentAndTheirNoOpsAreNot() {
        let h = harnessWithLog()
        let writes = [["ZADD", "z", "1", "m", "2", "n"], ["ZADD", "z", "INCR", "1.5", "m"], ["ZINCRBY", "z", "-0.25", "n"],
                      ["ZUNIONSTORE", "u", "2", "z", "z", "WEIGHTS", "1", "0.1"], ["ZINTERSTORE", "i", "1", "z"],
                      ["ZDIFFSTORE", "d", "1", "z"], ["ZRANGESTORE", "r", "z", "0", "0"],
                      ["ZREMRANGEBYSCORE", "u", "-inf", "2"], ["ZREMRANGEBYRANK", "i", "0", "0"],
                      ["ZREMRANGEBYLEX", "d", "-", "+"], ["ZREM", "r", "n"]]
        for c in writes { h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"]] + writes)
        let noOps = [["ZINCRBY", "z", "0", "m"], ["ZADD", "z", "INCR", "0", "m"], ["ZADD", "z", "CH", "2.5", "m"],
                     ["ZADD", "z", "XX", "1", "q"], ["ZADD", "z", "NX", "5", "m"], ["ZADD", "z", "GT", "0", "m"],
                     ["ZUNIONSTORE", "gone", "1", "missing"], ["ZRANGESTORE", "gone", "z", "5", "9"],
                     ["ZREMRANGEBYSCORE", "z", "10", "20"], ["ZREM", "z", "nope"], ["ZRANDMEMBER", "z", "-5"],
                     ["ZADD", "z", "INCR", "1", "m", "2", "n"], ["ZADD", "z", "NaN", "m"]]
        for c in noOps { h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testReplayingTheLogOfASortedSetWorkloadReproducesTheDataset() {
        let h = EngineHarness([("zset-max-listpack-entries", "4")])
        h.recordEffects()
        let c1 = h.makeClient(), c2 = h.makeClient()
        h.run("BZPOPMIN", "big", "0", as: c1)
        h.run("BZMPOP", "0", "1", "small", "MAX", "COUNT", "2", as: c2)
        var members: [String] = []
        for i in 0..<12 { members += [String(Double(i) / 3), "m\(i)"] }
        h.run(["ZADD", "big"] + members)
        for c in [["ZADD", "small", "1", "a", "2", "b", "3", "c"], ["ZPOPMAX", "big", "2"], ["ZMPOP", "1", "big", "MIN"],
                  ["ZINCRBY", "small", "0.1", "a"], ["ZADD", "small", "INCR", "1e-3", "c"],
                  ["ZUNIONSTORE", "u", "2", "big", "small", "WEIGHTS", "0.3", "7", "AGGREGATE", "MAX"],
                  ["ZRANGESTORE", "r", "big", "1", "3"], ["SELECT", "4"], ["ZADD", "other", "5", "x"],
                  ["BZPOPMAX", "other", "0"], ["SELECT", "0"], ["ZREMRANGEBYRANK", "u", "0", "1"],
                  ["ZMPOP", "1", "small", "MIN", "COUNT", "5"], ["BZMPOP", "0", "1", "r", "MAX", "COUNT", "1"]] {
            h.run(c)
        }
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "big"), .bulk("skiplist"))
        h.assertLogReplaysToSameDataset(settings: [("zset-max-listpack-entries", "4")])
    }
}
