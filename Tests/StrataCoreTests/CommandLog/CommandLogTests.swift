@testable import StrataCore
import XCTest

/// The command log's mechanics: which commands reach it, SELECT, MULTI/EXEC units and the offset.
final class CommandLogTests: XCTestCase {
    func testWritesAreLoggedOnceWithASelectInFrontAndReadsAndNoOpsAreNot() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("SET", "a", "1")
        _ = h.run("GET", "a")
        _ = h.run("DEL", "missing")
        _ = h.run("SADD", "s", "x")
        _ = h.run("SADD", "s", "x")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "a", "1"], ["SADD", "s", "x"]])
    }

    func testTheOffsetCountsEveryByteWritten() {
        let h = EngineHarness()
        h.recordEffects()
        let before = h.engine.commandLog.offset
        _ = h.run("SET", "a", "1")
        let written = h.engine.commandLog.takeOutput().readableBytes
        XCTAssertEqual(h.engine.commandLog.offset - before, Int64(written))
        XCTAssertGreaterThan(written, 0)
    }

    func testNothingIsGatheredWhileNoConsumerIsAttached() {
        let h = EngineHarness()
        _ = h.run("SET", "a", "1")
        XCTAssertEqual(h.engine.commandLog.offset, 0)
        XCTAssertEqual(h.engine.commandLog.output.readableBytes, 0)
    }

    func testSelectIsWrittenWhenTheDatabaseChanges() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("SET", "a", "1")
        _ = h.run("SELECT", "3")
        _ = h.run("SET", "b", "2")
        _ = h.run("SET", "c", "3")
        _ = h.run("SELECT", "0")
        _ = h.run("DEL", "a")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "a", "1"], ["SELECT", "3"], ["SET", "b", "2"],
                                           ["SET", "c", "3"], ["SELECT", "0"], ["DEL", "a"]])
    }

    func testATransactionWithSeveralWritesIsOneMultiExecUnitAndOneWriteIsLoggedAlone() {
        let h = EngineHarness()
        h.recordEffects()
        for c in [["MULTI"], ["SET", "a", "1"], ["GET", "a"], ["INCR", "n"], ["EXEC"]] { _ = h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["MULTI"], ["SET", "a", "1"], ["INCR", "n"], ["EXEC"]])
        for c in [["MULTI"], ["GET", "a"], ["SET", "b", "2"], ["EXEC"]] { _ = h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [["SET", "b", "2"]])
        for c in [["MULTI"], ["GET", "a"], ["EXEC"]] { _ = h.run(c) }
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testAKeyFoundExpiredIsLoggedAsDelBeforeTheCommandThatFoundIt() {
        let h = EngineHarness()
        _ = h.run("SET", "k", "v", "PX", "1")
        h.recordEffects()
        usleep(5_000)
        h.engine.beginBurst()
        XCTAssertEqual(h.run("GET", "k"), .nilBulk)
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["DEL", "k"]])
        _ = h.run("SET", "e", "v", "PX", "1")
        _ = h.loggedEffects()
        usleep(5_000)
        h.engine.beginBurst()
        _ = h.run("APPEND", "e", "x")
        XCTAssertEqual(h.loggedEffects(), [["MULTI"], ["DEL", "e"], ["APPEND", "e", "x"], ["EXEC"]])
    }

    func testLazyfreeLazyExpireLogsUnlink() {
        let h = EngineHarness([("lazyfree-lazy-expire", "yes")])
        _ = h.run("SET", "k", "v", "PX", "1")
        h.recordEffects()
        usleep(5_000)
        h.engine.cron()
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["UNLINK", "k"]])
    }

    func testActiveExpiryIsLoggedAsOneDeletionPerKeyWithoutMulti() {
        let h = EngineHarness()
        for k in ["a", "b", "c"] { _ = h.run("SET", k, "v", "PX", "1") }
        h.recordEffects()
        usleep(5_000)
        h.engine.cron()
        XCTAssertEqual(h.loggedEffects().dropFirst().map { $0[0] }, ["DEL", "DEL", "DEL"])
    }
}

extension CommandLogTests {
    func testReplayingTheLogOfPlainWritesReproducesTheDataset() {
        let h = EngineHarness()
        h.recordEffects()
        for c in [["SET", "a", "1"], ["SELECT", "2"], ["RPUSH", "l", "x", "y"], ["HSET", "h", "f", "v"],
                  ["MULTI"], ["SADD", "s", "1", "2"], ["ZADD", "z", "1", "m"], ["EXEC"], ["SELECT", "0"],
                  ["APPEND", "a", "2"], ["PEXPIREAT", "a", "99999999999999"]] {
            _ = h.run(c)
        }
        let replayed = h.assertLogReplaysToSameDataset()
        XCTAssertEqual(replayed.count, 12)
    }
}

extension CommandLogTests {
    func testEvictedKeysAreLoggedAsDelOrUnlinkOnePerKey() {
        for (lazy, verb) in [("no", "DEL"), ("yes", "UNLINK")] {
            let h = EngineHarness([("lazyfree-lazy-eviction", lazy)])
            let value = String(repeating: "v", count: 1000)
            for i in 0..<50 { _ = h.run("SET", "old:\(i)", value) }
            XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-random"), .ok)
            h.recordEffects()
            // Evictions made by CONFIG SET itself belong to its unit (a MULTI/EXEC when there are several).
            XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory", String(h.engine.usedMemory - 10_000)), .ok)
            let byConfig = h.loggedEffects().filter { !["SELECT", "MULTI", "EXEC"].contains($0[0]) }
            XCTAssertFalse(byConfig.isEmpty)
            XCTAssertTrue(byConfig.allSatisfy { $0.count == 2 && $0[0] == verb && $0[1].hasPrefix("old:") }, "\(byConfig)")
            XCTAssertEqual(h.run("DBSIZE"), .integer(Int64(50 - byConfig.count)))
            // Evictions before a command are logged one by one, ahead of it (the big SET goes over the limit,
            // the next command evicts).
            _ = h.run("SET", "big", String(repeating: "w", count: 20_000))
            _ = h.loggedEffects()
            _ = h.run("SET", "next", "1")
            let effects = h.loggedEffects()
            XCTAssertEqual(effects.last, ["SET", "next", "1"])
            XCTAssertGreaterThan(effects.count, 1)
            XCTAssertTrue(effects.dropLast().allSatisfy { $0[0] == verb }, "\(effects.map { $0[0] })")
        }
    }
}
