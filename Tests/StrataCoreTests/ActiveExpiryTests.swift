@testable import StrataCore
import XCTest

final class ActiveExpiryTests: XCTestCase {
    func testCronRemovesExpiredKeysNobodyReads() {
        let h = EngineHarness()
        let db = h.engine.databases[0]
        let past = Engine.clockMillis() - 1000
        for i in 0..<500 { h.engine.setKey(db, Bytes("gone:\(i)"), .string(StringValue(Bytes("v"))), expireAt: past, now: 0) }
        h.engine.setKey(db, Bytes("later"), .string(StringValue(Bytes("v"))), expireAt: past + 3_600_000, now: 0)
        h.engine.setKey(db, Bytes("keep"), .string(StringValue(Bytes("v"))), now: 0)
        // The cycle works within a time budget; a handful of ticks clears everything that has expired.
        for _ in 0..<20 where db.count > 2 { h.engine.cron() }
        XCTAssertEqual(db.count, 2)
        XCTAssertEqual(db.expiringCount, 1)
        XCTAssertEqual(h.engine.stats.expiredKeys, 500)
    }

    func testDebugSetActiveExpireZeroLeavesExpiredKeysToLazyExpiry() {
        let h = EngineHarness([("enable-debug-command", "yes")])
        XCTAssertEqual(h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0"), .ok)
        let db = h.engine.databases[0]
        h.engine.setKey(db, Bytes("k"), .string(StringValue(Bytes("v"))), expireAt: Engine.clockMillis() - 1, now: 0)
        h.engine.cron()
        XCTAssertEqual(db.count, 1, "active expiry ran although disabled")
        XCTAssertEqual(h.run("GET", "k"), .nilBulk, "a read must still expire the key")
        XCTAssertEqual(db.count, 0)
    }
}
