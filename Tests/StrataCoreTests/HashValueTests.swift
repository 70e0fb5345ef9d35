import RESP
@testable import StrataCore
import XCTest

/// The hash value: listpack order, entry length prefixes, one-way conversion to a hashtable, memory estimates.
final class HashValueTests: XCTestCase {
    private func pairs(_ h: HashValue) -> [String] {
        var out: [String] = []
        h.forEach { out.append(String(decoding: $0, as: UTF8.self) + "=" + String(decoding: $1, as: UTF8.self)) }
        return out
    }

    func testListpackKeepsInsertionOrderAcrossUpdatesAndDeletions() {
        var h = HashValue()
        let limits = EncodingLimits()
        XCTAssertTrue(h.set(Bytes("a"), Bytes("1"), limits: limits))
        XCTAssertTrue(h.set(Bytes("b"), Bytes("2"), limits: limits))
        XCTAssertTrue(h.set(Bytes("c"), Bytes("3"), limits: limits))
        XCTAssertFalse(h.set(Bytes("a"), Bytes("longer value"), limits: limits))
        XCTAssertFalse(h.set(Bytes("c"), Bytes(""), limits: limits))
        XCTAssertEqual(pairs(h), ["a=longer value", "b=2", "c="])
        XCTAssertTrue(h.remove(Bytes("b")))
        XCTAssertFalse(h.remove(Bytes("b")))
        XCTAssertTrue(h.set(Bytes("b"), Bytes("4"), limits: limits))
        XCTAssertEqual(pairs(h), ["a=longer value", "c=", "b=4"])
        XCTAssertEqual(h.count, 3)
        XCTAssertEqual(h.encodingName, "listpack")
        XCTAssertEqual(h.value(Bytes("c")), [])
        XCTAssertNil(h.value(Bytes("z")))
        XCTAssertEqual(h.valueLength(Bytes("a")), 12)
    }

    func testListpackEntriesOfEveryLengthPrefixSizeRoundTrip() {
        var limits = EncodingLimits()
        limits.hashMaxListpackValue = 1 << 20
        var h = HashValue()
        let lengths = [0, 1, 127, 128, 16383, 16384, 70000]
        for n in lengths { h.set(Bytes("f\(n)"), Bytes(repeating: UInt8(n % 251), count: n), limits: limits) }
        h.set(Bytes(repeating: 7, count: 300), Bytes("long field"), limits: limits)
        XCTAssertEqual(h.encodingName, "listpack")
        for n in lengths { XCTAssertEqual(h.value(Bytes("f\(n)")), Bytes(repeating: UInt8(n % 251), count: n), "length \(n)") }
        XCTAssertEqual(h.value(Bytes(repeating: 7, count: 300)), Bytes("long field"))
        XCTAssertTrue(h.remove(Bytes("f128")))
        XCTAssertEqual(h.value(Bytes("f16383"))?.count, 16383)
        XCTAssertEqual(h.count, lengths.count)
    }

    func testConvertsToHashtableForTooManyFieldsOrLongEntriesAndNeverBack() {
        var limits = EncodingLimits()
        limits.hashMaxListpackEntries = 2
        limits.hashMaxListpackValue = 4
        var h = HashValue()
        h.set(Bytes("a"), Bytes("1"), limits: limits)
        h.set(Bytes("b"), Bytes("2"), limits: limits)
        XCTAssertEqual(h.encodingName, "listpack")
        h.set(Bytes("c"), Bytes("3"), limits: limits)
        XCTAssertEqual(h.encodingName, "hashtable")
        h.remove(Bytes("c"))
        h.remove(Bytes("b"))
        XCTAssertEqual(h.encodingName, "hashtable")
        XCTAssertEqual(h.value(Bytes("a")), Bytes("1"))

        var long = HashValue()
        long.set(Bytes("f"), Bytes("1234"), limits: limits)
        XCTAssertEqual(long.encodingName, "listpack")
        long.set(Bytes("f"), Bytes("12345"), limits: limits)
        XCTAssertEqual(long.encodingName, "hashtable")
        var longField = HashValue()
        longField.set(Bytes("fffff"), Bytes("1"), limits: limits)
        XCTAssertEqual(longField.encodingName, "hashtable")
        XCTAssertEqual(longField.value(Bytes("fffff")), Bytes("1"))
    }

    func testMemoryEstimateFollowsEveryChange() {
        var limits = EncodingLimits()
        limits.hashMaxListpackEntries = 4
        var h = HashValue()
        XCTAssertEqual(h.memoryEstimate, 0)
        h.set(Bytes("a"), Bytes("1"), limits: limits)
        let small = h.memoryEstimate
        XCTAssertGreaterThan(small, 0)
        for i in 0..<100 { h.set(Bytes("field\(i)"), Bytes(repeating: 1, count: 40), limits: limits) }
        XCTAssertEqual(h.encodingName, "hashtable")
        let big = h.memoryEstimate
        XCTAssertGreaterThan(big, 100 * HashTable.slotBytes)
        h.set(Bytes("field0"), Bytes(repeating: 2, count: 4000), limits: limits)
        XCTAssertGreaterThan(h.memoryEstimate, big + 3900)
        h.set(Bytes("field0"), Bytes("x"), limits: limits)
        XCTAssertLessThan(h.memoryEstimate, big)
        for i in 0..<100 { h.remove(Bytes("field\(i)")) }
        h.remove(Bytes("a"))
        XCTAssertEqual(h.memoryEstimate, 0)
    }

    func testPositionalAccessMatchesIterationOrder() {
        for entries in [512, 2] {
            var limits = EncodingLimits()
            limits.hashMaxListpackEntries = entries
            var h = HashValue()
            for i in 0..<10 { h.set(Bytes("f\(i)"), Bytes("v\(i)"), limits: limits) }
            var ordered: [Bytes] = []
            h.forEach { field, _ in ordered.append(Array(field)) }
            let positional = h.withPositionalAccess { pairAt in (0..<10).map { Array(pairAt($0).field) } }
            XCTAssertEqual(positional, ordered, h.encodingName)
        }
    }
}

extension RESPValue {
    /// The strings of an array or set reply, sorted (hashtable-encoded replies have no fixed order).
    var sortedStrings: [String] {
        switch self {
        case .array(let items?), .set(let items):
            return items.compactMap { if case .bulkString(let b?) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }.sorted()
        default: return []
        }
    }
}
