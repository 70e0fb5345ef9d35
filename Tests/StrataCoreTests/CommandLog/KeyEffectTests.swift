@testable import StrataCore
import XCTest

/// What the key and database commands write to the command log: the EXPIRE family as PEXPIREAT with an absolute
/// time (or the deletion a past time made), FLUSHDB/FLUSHALL always, the others as sent; reads nothing.
final class KeyEffectTests: XCTestCase {
    func testTheExpireFamilyIsLoggedAsPexpireatWithItsOptions() {
        let h = EngineHarness()
        h.runSequence([["SET", "a", "v"], ["SET", "b", "v"], ["SET", "c", "v"], ["SET", "d", "v"]])
        h.recordEffects()
        let at = String(Engine.clockMillis() / 1000 + 9000)
        _ = h.run("EXPIRE", "a", "100")
        _ = h.run("PEXPIRE", "b", "100000", "NX")
        _ = h.run("EXPIREAT", "c", at, "xx", "GT")
        _ = h.run("EXPIREAT", "d", at)
        _ = h.run("PEXPIREAT", "d", at + "500", "GT")
        XCTAssertEqual(h.loggedEffects(), [
            ["SELECT", "0"], ["PEXPIREAT", "a", h.absoluteExpiry(of: "a")],
            ["PEXPIREAT", "b", h.absoluteExpiry(of: "b"), "NX"], ["PEXPIREAT", "d", at + "000"],
            ["PEXPIREAT", "d", at + "500", "GT"],
        ])
    }

    func testAnExpireThatChangesNothingOrFailsLogsNothing() {
        let h = EngineHarness()
        _ = h.run("SET", "k", "v", "EX", "100")
        h.recordEffects()
        _ = h.run("EXPIRE", "missing", "10")
        _ = h.run("EXPIRE", "k", "10", "NX")
        _ = h.run("EXPIRE", "k", "10", "GT")
        _ = h.run("EXPIRE", "k", "ten")
        _ = h.run("EXPIRE", "k", "10", "NX", "XX")
        _ = h.run("PERSIST", "missing")
        _ = h.run("TTL", "k")
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testAnExpiryInThePastIsLoggedAsTheDeletionItMade() {
        let h = EngineHarness()
        _ = h.run("SET", "a", "v")
        _ = h.run("SET", "b", "v")
        h.recordEffects()
        _ = h.run("EXPIRE", "a", "-1")
        _ = h.run("PEXPIREAT", "b", "1")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["DEL", "a"], ["DEL", "b"]])
        let lazy = EngineHarness([("lazyfree-lazy-expire", "yes")])
        _ = lazy.run("SET", "a", "v")
        lazy.recordEffects()
        _ = lazy.run("EXPIREAT", "a", "0")
        XCTAssertEqual(lazy.loggedEffects(), [["SELECT", "0"], ["UNLINK", "a"]])
    }

    func testFlushdbIsLoggedEvenOnAnEmptyDatabaseAndFlushallWithItsMode() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("FLUSHDB")
        _ = h.run("FLUSHALL", "ASYNC")
        _ = h.run("SET", "k", "v")
        _ = h.run("FLUSHDB", "SYNC")
        _ = h.run("FLUSHDB", "LATER")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["FLUSHDB"], ["FLUSHALL", "ASYNC"], ["SET", "k", "v"],
                                           ["FLUSHDB", "SYNC"]])
    }

    func testDatabaseAndKeyMovesAreLoggedAsSent() {
        let h = EngineHarness()
        h.runSequence([["SET", "a", "1", "EX", "100"], ["SET", "b", "2"]])
        h.recordEffects()
        let commands = [["RENAME", "a", "r"], ["RENAMENX", "b", "r2"], ["COPY", "r", "c", "DB", "3"],
                        ["MOVE", "r2", "2"], ["UNLINK", "r"], ["SWAPDB", "0", "3"], ["DEL", "c"]]
        h.runSequence(commands)
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"]] + commands)
    }

    func testReadsTouchObjectAndNoOpsLogNothing() {
        let h = EngineHarness()
        h.runSequence([["SET", "a", "1"], ["SET", "b", "2"]])
        h.recordEffects()
        h.runSequence([["TOUCH", "a", "b"], ["OBJECT", "FREQ", "a"], ["OBJECT", "ENCODING", "a"], ["EXISTS", "a"],
                       ["TYPE", "a"], ["TTL", "a"], ["PEXPIRETIME", "a"], ["KEYS", "*"], ["SCAN", "0"],
                       ["RANDOMKEY"], ["DBSIZE"], ["DUMP", "a"], ["RENAME", "a", "a"], ["RENAMENX", "a", "b"],
                       ["MOVE", "missing", "1"], ["COPY", "a", "b"], ["DEL", "missing"], ["PERSIST", "a"]])
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testFlushallIsLoggedEvenWhenItsSaveResetsTheChangeCount() throws {
        let directory = try ScratchDataDirectory()
        defer { directory.remove() }
        let h = EngineHarness([("dir", directory.path)])
        XCTAssertEqual(h.run("CONFIG", "SET", "save", "3600 1"), .simpleString("OK"))
        _ = h.run("SET", "a", "1")
        h.recordEffects()
        _ = h.run("FLUSHALL")
        XCTAssertEqual(h.engine.dirty, 0, "as redis-server 7.0.15 reports rdb_changes_since_last_save")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["FLUSHALL"]])
    }

    func testReplayingAKeyWorkloadWithExpiriesReproducesTheDataset() {
        let h = EngineHarness()
        h.recordEffects()
        let at = String(Engine.clockMillis() / 1000 + 7200)
        h.runSequence([
            ["SET", "a", "1"], ["SET", "b", "2"], ["SET", "c", "3"], ["SET", "d", "4"], ["RPUSH", "l", "x"],
            ["EXPIRE", "a", "1000"], ["PEXPIRE", "b", "50000", "NX"], ["EXPIREAT", "c", at],
            ["PEXPIRE", "c", "99999999", "LT"], ["EXPIRE", "c", "5000", "GT"], ["EXPIRE", "d", "-5"],
            ["PERSIST", "b"], ["EXPIRE", "l", "300"], ["RENAME", "l", "l2"], ["COPY", "a", "a2", "DB", "1"],
            ["MOVE", "b", "2"], ["SELECT", "1"], ["EXPIRE", "a2", "60"], ["SELECT", "0"],
            ["SWAPDB", "0", "4"], ["SET", "fresh", "v", "EX", "100"], ["FLUSHDB"], ["SET", "after", "v"],
            ["MULTI"], ["EXPIRE", "after", "100"], ["PEXPIREAT", "after", "1"], ["SET", "x", "y"], ["EXEC"],
            ["SELECT", "4"], ["EXPIRE", "c", "250"],
        ])
        h.assertLogReplaysToSameDataset()
    }
}
