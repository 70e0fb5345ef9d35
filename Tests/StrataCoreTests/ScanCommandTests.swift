import RESP
@testable import StrataCore
import XCTest

/// SCAN's iteration guarantees, options and cursor syntax (errors as redis-server 7.0.15 words them).
final class ScanCommandTests: XCTestCase {
    /// One SCAN call: the next cursor and the keys of the page.
    private func scan(_ h: EngineHarness, _ cursor: String, _ options: String...) -> (cursor: String, keys: [String]) {
        guard case .array(let parts?)? = h.run(["SCAN", cursor] + options),
              parts.count == 2, case .bulkString(let next?) = parts[0] else {
            XCTFail("SCAN reply")
            return ("0", [])
        }
        return (String(decoding: next, as: UTF8.self), h.strings(parts[1]))
    }

    /// Every key of a full iteration, in the order returned, calling `between` after each page.
    private func fullScan(_ h: EngineHarness, _ options: [String] = [], between: (Int) -> Void = { _ in }) -> [String] {
        var cursor = "0", all: [String] = [], calls = 0
        repeat {
            guard case .array(let parts?)? = h.run(["SCAN", cursor] + options),
                  case .bulkString(let next?) = parts[0] else { XCTFail("SCAN reply"); return all }
            cursor = String(decoding: next, as: UTF8.self)
            XCTAssertNotNil(UInt64(cursor), "cursor \(cursor) is not an unsigned decimal")
            all += h.strings(parts[1])
            calls += 1
            between(calls)
        } while cursor != "0" && calls < 100_000
        return all
    }

    func testAFullIterationWithoutWritesReturnsEveryKeyExactlyOnce() {
        let h = EngineHarness()
        for i in 0..<1000 { h.put("key:\(i)") }
        let seen = fullScan(h, ["COUNT", "7"])
        XCTAssertEqual(seen.count, 1000)
        XCTAssertEqual(Set(seen), Set((0..<1000).map { "key:\($0)" }))
    }

    func testKeysPresentThroughoutAreReturnedDespiteWritesBetweenCalls() {
        let h = EngineHarness()
        for i in 0..<500 { h.put("stable:\(i)") }
        for i in 0..<500 { h.put("churn:\(i)") }
        var next = 0
        let seen = Set(fullScan(h, ["COUNT", "5"]) { call in
            // Delete some churn keys and insert new ones between calls.
            for _ in 0..<3 {
                h.run("DEL", "churn:\(next % 500)")
                h.put("new:\(call):\(next)")
                next += 1
            }
        })
        for i in 0..<500 { XCTAssertTrue(seen.contains("stable:\(i)"), "stable:\(i) missed") }
    }

    func testMatchAndTypeFilterTheReturnedKeys() {
        let h = EngineHarness()
        for k in ["k1", "k2", "k3", "other"] { h.put(k) }
        XCTAssertEqual(Set(fullScan(h, ["MATCH", "k[12]", "COUNT", "100"])), ["k1", "k2"])
        XCTAssertEqual(Set(fullScan(h, ["TYPE", "STRING"])), ["k1", "k2", "k3", "other"])
        XCTAssertEqual(fullScan(h, ["TYPE", "list"]), [])
        XCTAssertEqual(fullScan(h, ["TYPE", "nosuchtype"]), [])
        // A later option of the same name overrides an earlier one.
        XCTAssertEqual(Set(fullScan(h, ["MATCH", "x", "MATCH", "*"])), ["k1", "k2", "k3", "other"])
    }

    func testScanDeletesTheExpiredKeysItMeetsAndDoesNotReturnThem() {
        let h = EngineHarness()
        h.put("live")
        for i in 0..<10 { h.put("gone:\(i)", expireAt: 1) }
        XCTAssertEqual(fullScan(h, ["COUNT", "1000"]), ["live"])
        XCTAssertEqual(h.engine.databases[0].count, 1)
        XCTAssertEqual(h.engine.stats.expiredKeys, 10)
    }

    func testOptionErrors() {
        let h = EngineHarness()
        h.put("k")
        let syntax = RESPValue.error("ERR syntax error")
        XCTAssertEqual(h.run("SCAN", "0", "COUNT", "0"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "COUNT", "-1"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "COUNT"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "MATCH"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "TYPE"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "foo", "bar"), syntax)
        XCTAssertEqual(h.run("SCAN", "0", "COUNT", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("SCAN", "abc", "COUNT", "0"), .error("ERR invalid cursor"), "the cursor is checked first")
    }

    func testCursorTextFollowsStrtoul() {
        XCTAssertEqual(ScanCursor.parse(Bytes("0")), 0)
        XCTAssertEqual(ScanCursor.parse(Bytes("")), 0)
        XCTAssertEqual(ScanCursor.parse(Bytes("007")), 7)
        XCTAssertEqual(ScanCursor.parse(Bytes("+5")), 5)
        XCTAssertEqual(ScanCursor.parse(Bytes("18446744073709551615")), UInt64.max)
        XCTAssertEqual(ScanCursor.parse(Bytes("-1")), UInt64.max)
        XCTAssertEqual(ScanCursor.parse(Bytes("-18446744073709551615")), 1)
        for bad in ["abc", " 1", "1 ", "0x10", "+", "-", "18446744073709551616", "1.5"] {
            XCTAssertNil(ScanCursor.parse(Bytes(bad)), bad)
        }
    }

    func testInvalidCursorIsRejectedAndAnyValidOneIsAccepted() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("SCAN", "abc"), .error("ERR invalid cursor"))
        XCTAssertEqual(h.run("SCAN", "18446744073709551616"), .error("ERR invalid cursor"))
        XCTAssertEqual(scan(h, "").keys, ["k"])
        // Any number is a position in the trie; a full iteration from it still ends at 0.
        var cursor = scan(h, "18446744073709551615").cursor
        var calls = 0
        while cursor != "0" && calls < 100 {
            cursor = scan(h, cursor).cursor
            calls += 1
        }
        XCTAssertEqual(cursor, "0")
    }
}
