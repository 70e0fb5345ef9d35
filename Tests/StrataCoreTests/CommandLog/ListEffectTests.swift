@testable import StrataCore
import XCTest

/// What the list commands write to the command log: blocking pops, served at once or later, as the plain pop or
/// move they performed; LMPOP/BLMPOP as a pop with the count actually popped; everything else as sent.
final class ListEffectTests: XCTestCase {
    func testBlockingPopsServedAtOnceAreLoggedAsPlainPops() {
        let h = EngineHarness()
        _ = h.run("RPUSH", "l", "a", "b", "c", "d", "e")
        _ = h.run("RPUSH", "m", "x")
        h.recordEffects()
        _ = h.run("BLPOP", "missing", "l", "0")
        _ = h.run("BRPOP", "l", "1")
        _ = h.run("BLMOVE", "l", "m", "left", "Right", "0")
        _ = h.run("BRPOPLPUSH", "l", "m", "0")
        _ = h.run("BLMPOP", "0", "2", "missing", "m", "RIGHT", "COUNT", "10")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["LPOP", "l"], ["RPOP", "l"],
                                           ["LMOVE", "l", "m", "left", "Right"], ["RPOPLPUSH", "l", "m"],
                                           ["RPOP", "m", "3"]])
    }

    func testLmpopIsLoggedAsAPopOfTheNumberPopped() {
        let h = EngineHarness()
        _ = h.run("RPUSH", "l", "a", "b", "c")
        h.recordEffects()
        _ = h.run("LMPOP", "2", "none", "l", "LEFT", "COUNT", "2")
        _ = h.run("LMPOP", "1", "l", "RIGHT")
        _ = h.run("LMPOP", "1", "l", "RIGHT")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["LPOP", "l", "2"], ["RPOP", "l", "1"]])
    }

    func testBlockedPopsServedLaterAreLoggedAfterThePushAsPlainPops() {
        let h = EngineHarness()
        let c1 = h.makeClient(), c2 = h.makeClient(), c3 = h.makeClient(), c4 = h.makeClient()
        _ = h.run(["SELECT", "2"], as: c1)
        h.recordEffects()
        XCTAssertNil(h.run(["BLPOP", "l", "0"], as: c1))
        XCTAssertNil(h.run("BRPOP", "q", "0", as: c2))
        XCTAssertNil(h.run("BLMOVE", "q", "dst", "LEFT", "RIGHT", "0", as: c3))
        XCTAssertNil(h.run("BLMPOP", "0", "1", "q", "LEFT", "COUNT", "5", as: c4))
        XCTAssertEqual(h.loggedEffects(), [])
        _ = h.run("RPUSH", "q", "1", "2", "3", "4")
        _ = h.run("SELECT", "2")
        _ = h.run("LPUSH", "l", "x")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["RPUSH", "q", "1", "2", "3", "4"], ["RPOP", "q"],
                                           ["LMOVE", "q", "dst", "LEFT", "RIGHT"], ["LPOP", "q", "2"],
                                           ["SELECT", "2"], ["LPUSH", "l", "x"], ["LPOP", "l"]])
        XCTAssertEqual(h.take(c4), [.array([.bulk("q"), .bulks("2", "3")])])
    }

    func testBrpoplpushServedLaterIsLoggedAsRpoplpush() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.recordEffects()
        XCTAssertNil(h.run("BRPOPLPUSH", "src", "dst", "0", as: c2))
        _ = h.run("LPUSH", "src", "v")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["LPUSH", "src", "v"], ["RPOPLPUSH", "src", "dst"]])
    }

    func testBlockingCommandsThatTimeOutOrFailLogNothing() {
        let h = EngineHarness()
        _ = h.run("SET", "str", "v")
        let c2 = h.makeClient()
        h.recordEffects()
        _ = h.run("BLPOP", "str", "0")
        XCTAssertNil(h.run("BLMOVE", "src", "str", "LEFT", "LEFT", "0", as: c2))
        _ = h.run("LPUSH", "src", "v")
        XCTAssertEqual(h.take(c2).count, 1, "the WRONGTYPE destination ends the wait")
        XCTAssertNil(h.run("BRPOP", "none", "0.01", as: c2))
        h.engine.expireBlockedCommands(now: Engine.clockMillis() + 10_000)
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["LPUSH", "src", "v"]])
    }

    func testReplayingAListWorkloadWithBlockingPopsReproducesTheDataset() {
        let h = EngineHarness()
        let waiter = h.makeClient(), mover = h.makeClient()
        h.recordEffects()
        XCTAssertNil(h.run("BLMPOP", "0", "2", "w1", "w2", "RIGHT", "COUNT", "2", as: waiter))
        XCTAssertNil(h.run("BLMOVE", "w2", "moved", "RIGHT", "LEFT", "0", as: mover))
        h.runSequence([
            ["RPUSH", "l", "a", "b", "c", "d", "e", "f"], ["LPUSH", "l", "z"], ["LINSERT", "l", "BEFORE", "c", "cc"],
            ["LSET", "l", "0", "zz"], ["LREM", "l", "1", "d"], ["LTRIM", "l", "0", "5"], ["EXPIRE", "l", "1000"],
            ["BLPOP", "l", "0"], ["BRPOP", "l", "0"], ["LMPOP", "1", "l", "LEFT", "COUNT", "2"],
            ["RPUSH", "w2", "1", "2", "3", "4"], ["LPOP", "w2"], ["RPOPLPUSH", "w2", "moved"],
            ["LMOVE", "moved", "moved", "LEFT", "RIGHT"], ["BLMOVE", "l", "l3", "LEFT", "LEFT", "0"],
            ["MULTI"], ["BLPOP", "w2", "0"], ["BRPOPLPUSH", "nothing", "x", "0"], ["LPUSHX", "l3", "p"], ["EXEC"],
            ["SET", "keep", "v", "PX", "60000"], ["RPUSH", "keep2", "v"], ["PEXPIRE", "keep2", "70000"],
        ])
        h.assertLogReplaysToSameDataset()
    }
}

extension ListEffectTests {
    func testAPopServedBecauseSwapdbBroughtAListIsLoggedAfterTheSwap() {
        let h = EngineHarness()
        let c2 = h.makeClient()
        h.recordEffects()
        _ = h.run("SELECT", "1")
        _ = h.run("RPUSH", "l", "a", "b")
        _ = h.run("SELECT", "0")
        XCTAssertNil(h.run("BLPOP", "l", "0", as: c2))
        _ = h.run("SWAPDB", "0", "1")
        XCTAssertEqual(h.take(c2), [.bulks("l", "a")])
        XCTAssertEqual(h.assertLogReplaysToSameDataset(), [["SELECT", "1"], ["RPUSH", "l", "a", "b"], ["SELECT", "0"],
                                                           ["SWAPDB", "0", "1"], ["LPOP", "l"]])
    }
}
