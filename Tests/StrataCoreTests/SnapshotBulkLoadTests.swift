import RDB
@testable import StrataCore
import XCTest

/// Loading builds hashes and sorted sets in one pass; the result must be what inserting the same elements one by
/// one gives (contents, order, encoding, memory estimate of the listpack up to the allocator's rounding), and
/// corrupt input is still refused.
final class SnapshotBulkLoadTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func loaded(_ value: RDBValue, _ encoding: RDBValueType, limits: EncodingLimits = EncodingLimits()) throws -> StoredValue {
        try XCTUnwrap(try StoredValue(rdb: value, encoding: encoding, limits: limits))
    }

    private func corruption(_ value: RDBValue, _ encoding: RDBValueType) -> String? {
        do {
            _ = try StoredValue(rdb: value, encoding: encoding, limits: EncodingLimits())
            return nil
        } catch {
            return error.message
        }
    }

    func testLoadedHashEqualsOneByOneInsertionInBothEncodings() throws {
        var limits = EncodingLimits()
        limits.hashMaxListpackEntries = 8
        for count in [1, 8, 9, 40] {
            let pairs = (0..<count).map { (field: bytes("f\($0 * 7 % 41)"), value: bytes("v\($0)")) }
            guard case .hash(let bulk) = try loaded(.hash(pairs), .hashListpack, limits: limits) else { return XCTFail("not a hash") }
            var single = HashValue()
            for p in pairs { single.set(p.field, p.value, limits: limits) }
            XCTAssertEqual(bulk.encodingName, single.encodingName)
            // The estimate follows the buffer's capacity, which is what malloc really handed out (Swift asks it):
            // the same request can come back one size class larger depending on the heap's state, so equal
            // contents may differ by that much, never by a whole over-reservation.
            XCTAssertLessThanOrEqual(abs(bulk.memoryEstimate - single.memoryEstimate), 32, "count \(count)")
            var a: [[UInt8]] = [], b: [[UInt8]] = []
            bulk.forEach { a += [Array($0), Array($1)] }
            single.forEach { b += [Array($0), Array($1)] }
            XCTAssertEqual(a, b)
        }
    }

    func testALongValueLoadsAsAHashtable() throws {
        let pairs = [(field: bytes("f"), value: [UInt8](repeating: 0x61, count: 65)), (field: bytes("g"), value: bytes("1"))]
        XCTAssertEqual(try loaded(.hash(pairs), .hash).encodingName, "hashtable")
    }

    func testLoadedSortedSetIsOrderedAndEqualsOneByOneInsertion() throws {
        var limits = EncodingLimits()
        limits.zsetMaxListpackEntries = 6
        for count in [1, 6, 7, 30] {
            let members = (0..<count).map { (member: bytes("m\($0)"), score: Double(($0 * 5) % 7) - 0.5) }
            guard case .zset(let bulk) = try loaded(.zset(members), .zsetListpack, limits: limits) else { return XCTFail("not a zset") }
            var single = SortedSetValue()
            for m in members { single.insert(m.member, score: m.score, limits: limits) }
            XCTAssertEqual(bulk.encodingName, single.encodingName)
            var a: [ScoredMember] = [], b: [ScoredMember] = []
            bulk.forEach { a.append($0) }
            single.forEach { b.append($0) }
            XCTAssertEqual(a, b)
        }
    }

    func testNegativeZeroScoreLoadsAsZeroInAListpack() throws {
        guard case .zset(let z) = try loaded(.zset([(bytes("a"), -0.0)]), .zsetListpack) else { return XCTFail("not a zset") }
        XCTAssertEqual(z[0].score.sign, .plus)
    }

    func testDuplicateFieldsMembersAndNaNScoresAreRefused() {
        XCTAssertEqual(corruption(.hash([(bytes("a"), bytes("1")), (bytes("b"), bytes("2")), (bytes("a"), bytes("3"))]), .hashListpack),
                       "Duplicate hash fields detected")
        let many = (0..<200).map { (field: bytes("f\($0 % 199)"), value: bytes("v")) }
        XCTAssertEqual(corruption(.hash(many), .hash), "Duplicate hash fields detected")
        XCTAssertEqual(corruption(.zset([(bytes("a"), 1), (bytes("b"), 2), (bytes("a"), 3)]), .zsetListpack),
                       "Duplicate zset fields detected")
        XCTAssertEqual(corruption(.zset([(bytes("a"), 1), (bytes("b"), .nan)]), .zset2), "Zset with NAN score detected")
        XCTAssertNil(corruption(.hash((0..<300).map { (field: bytes("f\($0)"), value: bytes("v")) }), .hash))
    }
}
