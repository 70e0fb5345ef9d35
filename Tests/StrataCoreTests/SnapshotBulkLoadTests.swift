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

    func testLoadedSetEqualsOneByOneInsertionAcrossTheIntsetLimit() throws {
        var limits = EncodingLimits()
        limits.setMaxIntsetEntries = 8
        let cases: [[[UInt8]]] = [
            (0..<8).map { bytes("\(($0 * 37) % 101)") },                                // stays an intset
            (0..<9).map { bytes("\(-$0 * 1000)") },                                      // one integer too many
            (0..<5).map { bytes("\($0)") } + [bytes("x")] + (5..<40).map { bytes("\($0)") },  // a string in the middle
            (0..<60).map { bytes("member-\($0)-" + String(repeating: "y", count: $0)) },  // inline and heap members
        ]
        for members in cases {
            guard case .set(let bulk) = try loaded(.set(members), .set, limits: limits) else { return XCTFail("not a set") }
            var single = SetValue()
            for m in members { single.insert(SetElement(m), limits: limits) }
            XCTAssertEqual(bulk.encodingName, single.encodingName, "\(members.count) members")
            XCTAssertEqual(bulk.memoryEstimate, single.memoryEstimate, "\(members.count) members")
            var a: [[UInt8]] = [], b: [[UInt8]] = []
            bulk.forEach { a.append($0.bytes) }
            single.forEach { b.append($0.bytes) }
            XCTAssertEqual(a, b)
        }
    }

    func testListpackMembersStoredAsIntegersLoadAsTheirDecimalText() throws {
        // The encoder, like Redis, stores the canonical integers of a listpack as integers.
        var e = RDBEncoder(compression: false, checksum: false)
        e.writeValue(key: nil, .list([bytes("12"), bytes("-7"), bytes("x"), bytes("12345678901")]), layout: .compact, listNodeSize: -2)
        var reader = RDBReader(BytesInput(e.drain()))
        var builder = SnapshotValueBuilder(limits: EncodingLimits())
        let type = try XCTUnwrap(RDBValueType(rawValue: try reader.byte()))
        guard case .list(let l)? = try reader.value(type, into: &builder, refusalsAt: 0) else { return XCTFail("not a list") }
        var items: [[UInt8]] = []
        l.forEach(in: 0..<l.count) { items.append($0.bytes) }
        XCTAssertEqual(items, [bytes("12"), bytes("-7"), bytes("x"), bytes("12345678901")])
    }

    func testDuplicateMembersOfABigSetAreRefusedAndTheBuilderIsReusable() throws {
        var builder = SnapshotValueBuilder(limits: EncodingLimits())
        let repeated = (0..<300).map { bytes("m\($0 % 299)") }
        XCTAssertThrowsError(try RDBValue.set(repeated).build(into: &builder, encoding: .set)) { error in
            XCTAssertEqual((error as? RDBContentError)?.message, "Duplicate set members detected")
        }
        XCTAssertThrowsError(try RDBValue.set([bytes("5"), bytes("5")]).build(into: &builder, encoding: .set))
        guard case .set(let s)? = try RDBValue.set((0..<300).map { bytes("m\($0)") }).build(into: &builder, encoding: .set) else {
            return XCTFail("not a set")
        }
        XCTAssertEqual(s.count, 300)
        XCTAssertEqual(s.encodingName, "hashtable")
        XCTAssertTrue(s.contains(bytes("m299")))
    }

    func testAHashLoadedAfterABiggerOneGetsABufferOfItsOwnSize() throws {
        var builder = SnapshotValueBuilder(limits: EncodingLimits())
        let big = RDBValue.hash((0..<100).map { (field: bytes("field-\($0)"), value: bytes("value-\($0)")) })
        let small = RDBValue.hash([(bytes("a"), bytes("1"))])
        _ = try big.build(into: &builder, encoding: .hashListpack)
        guard case .hash(let after)? = try small.build(into: &builder, encoding: .hashListpack),
              case .hash(let alone) = try loaded(small, .hashListpack) else { return XCTFail("not a hash") }
        // Up to one allocator size class apart (the capacity is what malloc handed out), never the big capacity.
        XCTAssertLessThanOrEqual(abs(after.memoryEstimate - alone.memoryEstimate), 32)
        XCTAssertLessThan(after.memoryEstimate, 100)
    }
}
