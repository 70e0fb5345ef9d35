@testable import StrataCore
import XCTest

/// What the hash commands write to the command log: HINCRBYFLOAT as the HSET of the value it stored, the other
/// writes as sent.
final class HashEffectTests: XCTestCase {
    func testHincrbyfloatIsLoggedAsHsetOfTheResult() {
        let h = EngineHarness()
        _ = h.run("HSET", "h", "f", "1.5", "s", "text")
        h.recordEffects()
        _ = h.run("HINCRBYFLOAT", "h", "f", "0.25")
        _ = h.run("HINCRBYFLOAT", "h", "new", "1e3")
        _ = h.run("HINCRBYFLOAT", "other", "x", "-2.5")
        _ = h.run("HINCRBYFLOAT", "h", "s", "1")
        _ = h.run("HINCRBYFLOAT", "h", "f", "nan")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["HSET", "h", "f", "1.75"], ["HSET", "h", "new", "1000"],
                                           ["HSET", "other", "x", "-2.5"]])
    }

    func testDeterministicHashWritesAreLoggedAsSentAndNoOpsNot() {
        let h = EngineHarness()
        h.recordEffects()
        let commands = [["HSET", "h", "a", "1", "b", "2"], ["HSETNX", "h", "c", "3"], ["HINCRBY", "h", "a", "5"],
                        ["HDEL", "h", "b"], ["HMSET", "h", "d", "4"]]
        h.runSequence(commands)
        h.runSequence([["HSETNX", "h", "c", "9"], ["HDEL", "h", "zz"], ["HGETALL", "h"], ["HRANDFIELD", "h", "2"]])
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"]] + commands)
    }

    func testReplayingAHashWorkloadReproducesTheDataset() {
        let h = EngineHarness([("hash-max-listpack-entries", "8")])
        h.recordEffects()
        h.runSequence([
            ["HSET", "small", "a", "1", "b", "2"], ["HINCRBYFLOAT", "small", "a", "0.1"],
            ["HINCRBYFLOAT", "small", "a", "0.2"], ["HINCRBYFLOAT", "small", "f", "3.0e2"],
            ["HSET", "big"] + (1...20).flatMap { ["f\($0)", "\($0)"] }, ["HINCRBYFLOAT", "big", "f3", "1.5"],
            ["HDEL", "big", "f1", "f2"], ["HINCRBY", "big", "n", "7"], ["EXPIRE", "big", "500"],
            ["HSETNX", "small", "c", "x"], ["PEXPIRE", "small", "123456"],
        ])
        h.assertLogReplaysToSameDataset(settings: [("hash-max-listpack-entries", "8")])
    }
}
