@testable import StrataCore
import XCTest

/// What the string commands write to the command log: relative expiries become `SET ... PXAT`, GETSET a SET,
/// GETEX/GETDEL the expiry change or deletion they made, INCRBYFLOAT the value it stored.
final class StringEffectTests: XCTestCase {
    func testEveryRelativeOrAbsoluteExpiryOfSetIsLoggedAsSetPxat() {
        let h = EngineHarness()
        h.recordEffects()
        let future = String(Engine.clockMillis() / 1000 + 5000)
        for (i, options) in [["EX", "100"], ["PX", "100000"], ["EXAT", future], ["PXAT", future + "123"],
                             ["NX", "EX", "50"], ["GET", "PX", "7000", "XX"]].enumerated() {
            let key = i == 5 ? "k4" : "k\(i)"
            _ = h.run(["SET", key, "v\(i)"] + options)
            XCTAssertEqual(h.loggedEffects().last, ["SET", key, "v\(i)", "PXAT", h.absoluteExpiry(of: key)], "\(options)")
        }
    }

    func testSetexAndPsetexAreLoggedAsSetPxat() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("SETEX", "a", "100", "x")
        _ = h.run("PSETEX", "b", "100000", "y")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "a", "x", "PXAT", h.absoluteExpiry(of: "a")],
                                           ["SET", "b", "y", "PXAT", h.absoluteExpiry(of: "b")]])
    }

    func testSetWithGetIsLoggedWithoutGetAndOtherOptionsKept() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("SET", "k", "1", "get")
        _ = h.run("SET", "k", "2", "GET", "KEEPTTL", "get", "XX")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "k", "1"], ["SET", "k", "2", "KEEPTTL", "XX"]])
    }

    func testSetsThatStoreNothingOrFailLogNothing() {
        let h = EngineHarness()
        _ = h.run("SET", "k", "v")
        _ = h.run("LPUSH", "l", "x")
        h.recordEffects()
        _ = h.run("SET", "k", "w", "NX", "EX", "10")
        _ = h.run("SET", "missing", "w", "XX", "GET")
        _ = h.run("SET", "l", "w", "GET")
        _ = h.run("SET", "k", "w", "EX", "0")
        _ = h.run("SETEX", "k", "-1", "w")
        _ = h.run("SETNX", "k", "w")
        _ = h.run("GETSET", "l", "w")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testPlainSetKeepttlAndSetnxAreLoggedAsSent() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("SET", "k", "v", "KEEPTTL")
        _ = h.run("SETNX", "n", "v")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "k", "v", "KEEPTTL"], ["SETNX", "n", "v"]])
    }

    func testGetsetIsLoggedAsSet() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("GETSET", "k", "v")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "k", "v"]])
    }

    func testGetdelIsLoggedAsDelOrUnlinkUnderLazyUserDelAndAMissOrReadLogsNothing() {
        let h = EngineHarness()
        _ = h.run("SET", "k", "v")
        h.recordEffects()
        _ = h.run("GETDEL", "missing")
        _ = h.run("GET", "k")
        _ = h.run("GETDEL", "k")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["DEL", "k"]])
        let lazy = EngineHarness([("lazyfree-lazy-user-del", "yes")])
        _ = lazy.run("SET", "k", "v")
        lazy.recordEffects()
        _ = lazy.run("GETDEL", "k")
        XCTAssertEqual(lazy.loggedEffects(), [["SELECT", "0"], ["UNLINK", "k"]])
    }

    func testGetexIsLoggedAsPexpireatPersistOrTheDeletionOfAPastExpiry() {
        let h = EngineHarness()
        _ = h.run("SET", "k", "v")
        h.recordEffects()
        _ = h.run("GETEX", "k")
        _ = h.run("GETEX", "k", "PERSIST")
        XCTAssertEqual(h.loggedEffects(), [], "a read, and PERSIST of a key without expiry, change nothing")
        _ = h.run("GETEX", "k", "EX", "100")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["PEXPIREAT", "k", h.absoluteExpiry(of: "k")]])
        _ = h.run("GETEX", "k", "PERSIST")
        XCTAssertEqual(h.loggedEffects(), [["PERSIST", "k"]])
        _ = h.run("GETEX", "k", "PXAT", "1")
        XCTAssertEqual(h.loggedEffects(), [["DEL", "k"]])
        XCTAssertEqual(h.run("EXISTS", "k"), .integer(0))
        let lazy = EngineHarness([("lazyfree-lazy-expire", "yes")])
        _ = lazy.run("SET", "k", "v")
        lazy.recordEffects()
        _ = lazy.run("GETEX", "k", "EXAT", "1")
        XCTAssertEqual(lazy.loggedEffects(), [["SELECT", "0"], ["UNLINK", "k"]])
    }

    func testIncrbyfloatIsLoggedAsSetOfTheResultKeepingTheTTL() {
        let h = EngineHarness()
        _ = h.run("SET", "f", "10.5", "EX", "100")
        _ = h.run("SET", "s", "abc")
        h.recordEffects()
        _ = h.run("INCRBYFLOAT", "f", "0.1")
        _ = h.run("INCRBYFLOAT", "new", "3e2")
        _ = h.run("INCRBYFLOAT", "s", "1")
        _ = h.run("INCRBYFLOAT", "f", "abc")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "f", "10.6", "KEEPTTL"], ["SET", "new", "300", "KEEPTTL"]])
    }

    func testDeterministicStringWritesAreLoggedAsSent() {
        let h = EngineHarness()
        h.recordEffects()
        let commands = [["APPEND", "a", "x"], ["SETRANGE", "a", "3", "y"], ["SETBIT", "b", "7", "1"],
                        ["BITFIELD", "c", "SET", "u8", "0", "255"], ["BITOP", "OR", "d", "b", "c"],
                        ["MSET", "e", "1", "f", "2"], ["MSETNX", "g", "1"], ["INCR", "n"], ["DECRBY", "n", "5"]]
        h.runSequence(commands)
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"]] + commands)
        _ = h.run("SETRANGE", "missing", "0", "")
        _ = h.run("MSETNX", "g", "2")
        _ = h.run("BITFIELD", "c", "GET", "u8", "0")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testReplayingAStringWorkloadWithExpiriesReproducesTheDataset() {
        let h = EngineHarness()
        h.recordEffects()
        let soon = String(Engine.clockMillis() + 900_000)
        h.runSequence([
            ["SET", "plain", "v"], ["SET", "ex", "v", "EX", "1000"], ["SET", "px", "v", "PX", "123456"],
            ["SET", "pxat", "v", "PXAT", soon], ["SETEX", "setex", "500", "v"], ["PSETEX", "psetex", "99999", "v"],
            ["SET", "ex", "w", "KEEPTTL", "GET"], ["SET", "ex2", "w", "NX", "EX", "77"], ["GETSET", "px", "z"],
            ["INCRBYFLOAT", "ex2", "1.25"], ["INCRBYFLOAT", "float", "0.1"], ["INCRBYFLOAT", "float", "0.2"],
            ["GETEX", "plain", "PX", "44444"], ["GETEX", "setex", "PERSIST"], ["SET", "gone", "v"],
            ["GETEX", "gone", "EXAT", "1"], ["SET", "del", "v"], ["GETDEL", "del"], ["APPEND", "plain", "more"],
            ["INCR", "counter"], ["INCRBY", "counter", "41"], ["SETRANGE", "range", "5", "abc"],
            ["SETBIT", "bits", "100", "1"], ["BITOP", "NOT", "notbits", "bits"],
            ["MULTI"], ["SET", "m1", "v", "EX", "300"], ["INCRBYFLOAT", "m2", "2.5"], ["GETDEL", "counter"], ["EXEC"],
            ["SELECT", "5"], ["SET", "other", "v", "EX", "20000"], ["MSET", "x", "1", "y", "2"],
        ])
        h.assertLogReplaysToSameDataset()
    }
}
