import StrataCollections
import RESP
@testable import StrataCore
import XCTest

/// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, as redis-server 7.0.15
/// answers them.
final class ExpireCommandTests: XCTestCase {
    private let farFuture: Int64 = 99_999_999_999_499

    func testExpireSetsARelativeTTLAndTTLReportsIt() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("EXPIRE", "k", "100"), .integer(1))
        XCTAssertEqual(h.run("TTL", "k"), .integer(100))
        guard case .integer(let ms)? = h.run("PTTL", "k") else { return XCTFail("PTTL") }
        XCTAssertTrue((99_000...100_000).contains(ms))
        XCTAssertEqual(h.run("PEXPIRE", "k", "5000"), .integer(1))
        XCTAssertEqual(h.run("TTL", "k"), .integer(5))
        XCTAssertEqual(h.run("EXPIRE", "nokey", "10"), .integer(0))
        XCTAssertEqual(h.engine.dirty, 2)
    }

    func testExpireAtSetsAbsoluteTimesAndExpiretimeRoundsHalfUp() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("PEXPIREAT", "k", "99999999999499"), .integer(1))
        XCTAssertEqual(h.run("EXPIRETIME", "k"), .integer(99_999_999_999))
        XCTAssertEqual(h.run("PEXPIRETIME", "k"), .integer(99_999_999_999_499))
        XCTAssertEqual(h.run("PEXPIREAT", "k", "99999999999500"), .integer(1))
        XCTAssertEqual(h.run("EXPIRETIME", "k"), .integer(100_000_000_000))
        XCTAssertEqual(h.run("EXPIREAT", "k", "4000000000"), .integer(1))
        XCTAssertEqual(h.entry("k")?.expireAt, 4_000_000_000_000)
        // The largest representable expiry does not overflow the rounding.
        XCTAssertEqual(h.run("PEXPIREAT", "k", "9223372036854775807"), .integer(1))
        XCTAssertEqual(h.run("EXPIRETIME", "k"), .integer(9_223_372_036_854_776))
        XCTAssertEqual(h.run("PEXPIRETIME", "k"), .integer(Int64.max))
    }

    func testTTLFamilyAnswersMinusTwoForMissingAndMinusOneForPersistentKeys() {
        let h = EngineHarness()
        h.put("k")
        h.put("gone", expireAt: 1)
        for command in ["TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"] {
            XCTAssertEqual(h.run(command, "nokey"), .integer(-2), command)
            XCTAssertEqual(h.run(command, "gone"), .integer(-2), command)
            XCTAssertEqual(h.run(command, "k"), .integer(-1), command)
        }
    }

    func testAConditionRulesWhetherTheExpiryChanges() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "XX"), .integer(0))
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "GT"), .integer(0), "no TTL counts as infinite for GT")
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "NX"), .integer(1))
        XCTAssertEqual(h.run("EXPIRE", "k", "20", "NX"), .integer(0))
        XCTAssertEqual(h.run("EXPIRE", "k", "20", "XX"), .integer(1))
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "GT"), .integer(0))
        XCTAssertEqual(h.run("EXPIRE", "k", "30", "gt"), .integer(1))
        XCTAssertEqual(h.run("EXPIRE", "k", "100", "LT"), .integer(0))
        XCTAssertEqual(h.run("EXPIRE", "k", "5", "lt", "xx"), .integer(1))
        XCTAssertEqual(h.run("TTL", "k"), .integer(5))
        XCTAssertEqual(h.run("PERSIST", "k"), .integer(1))
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "LT"), .integer(1), "no TTL counts as infinite for LT")
    }

    func testIncompatibleOrUnknownOptionsAreRejectedBeforeTheTime() {
        let h = EngineHarness()
        h.put("k")
        let nxConflict = RESPValue.error("ERR NX and XX, GT or LT options at the same time are not compatible")
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "NX", "XX"), nxConflict)
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "nx", "gt"), nxConflict)
        XCTAssertEqual(h.run("PEXPIRE", "k", "10", "LT", "NX"), nxConflict)
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "GT", "LT"), .error("ERR GT and LT options at the same time are not compatible"))
        XCTAssertEqual(h.run("EXPIRE", "nokey", "x", "foo"), .error("ERR Unsupported option foo"))
        XCTAssertEqual(h.run("EXPIRE", "k", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("EXPIRE", "k", "10", "XX", "XX"), .integer(0))
        XCTAssertEqual(h.run("EXPIRE", "k"), .error("ERR wrong number of arguments for 'expire' command"))
    }

    func testTimesThatOverflowAreInvalidExpireTimes() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("EXPIRE", "k", "9223372036854775807"), .error("ERR invalid expire time in 'expire' command"))
        XCTAssertEqual(h.run("expire", "k", "9223372036854770"), .error("ERR invalid expire time in 'expire' command"))
        XCTAssertEqual(h.run("EXPIRE", "k", "-9223372036854775808"), .error("ERR invalid expire time in 'expire' command"))
        XCTAssertEqual(h.run("PEXPIRE", "k", "9223372036854775000"), .error("ERR invalid expire time in 'pexpire' command"))
        XCTAssertEqual(h.run("EXPIREAT", "k", "9223372036854775807"), .error("ERR invalid expire time in 'expireat' command"))
        XCTAssertEqual(h.entry("k")?.hasExpiry, false)
        XCTAssertEqual(h.run("EXPIREAT", "k", "9223372036854775"), .integer(1))
        XCTAssertEqual(h.run("PEXPIRE", "k", "9223370000000000000"), .integer(1))
    }

    func testATimeNotInTheFutureDeletesTheKeyUnlessTheConditionFails() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("EXPIRE", "k", "-1"), .integer(1))
        XCTAssertNil(h.entry("k"))
        h.put("k")
        XCTAssertEqual(h.run("PEXPIRE", "k", "-9223372036854775808"), .integer(1))
        XCTAssertNil(h.entry("k"))
        h.put("k")
        XCTAssertEqual(h.run("EXPIREAT", "k", "0", "NX"), .integer(1))
        XCTAssertNil(h.entry("k"))
        h.put("k", expireAt: farFuture)
        XCTAssertEqual(h.run("EXPIRE", "k", "-1", "GT"), .integer(0))
        XCTAssertNotNil(h.entry("k"))
        XCTAssertEqual(h.run("EXPIRE", "k", "-1", "LT"), .integer(1))
        XCTAssertNil(h.entry("k"))
        XCTAssertEqual(h.engine.dirty, 4)
        XCTAssertEqual(h.engine.stats.expiredKeys, 0, "deleted by command, not by expiry")
    }

    func testExpireOnAnExpiredKeySeesNoKey() {
        let h = EngineHarness()
        h.put("k", expireAt: 1)
        XCTAssertEqual(h.run("EXPIRE", "k", "100"), .integer(0))
        XCTAssertNil(h.entry("k"))
    }

    func testPersistRemovesTheTTLOnce() {
        let h = EngineHarness()
        h.put("k", expireAt: farFuture)
        XCTAssertEqual(h.engine.databases[0].expiringCount, 1)
        XCTAssertEqual(h.run("PERSIST", "k"), .integer(1))
        XCTAssertEqual(h.run("PERSIST", "k"), .integer(0))
        XCTAssertEqual(h.run("PERSIST", "nokey"), .integer(0))
        XCTAssertEqual(h.run("TTL", "k"), .integer(-1))
        XCTAssertEqual(h.engine.databases[0].expiringCount, 0)
        XCTAssertEqual(h.engine.dirty, 1)
    }

    func testExpireKeepsTheExpiryIndexInStep() {
        let h = EngineHarness()
        h.put("k")
        h.run("EXPIRE", "k", "100")
        XCTAssertEqual(h.engine.databases[0].expiringCount, 1)
        XCTAssertEqual(h.engine.databases[0].expires[CompactBytes(Bytes("k"))], h.entry("k")?.expireAt)
    }
}
