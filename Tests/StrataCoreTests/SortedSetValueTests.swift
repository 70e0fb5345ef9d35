import StrataCollections
@testable import StrataCore
import XCTest

/// The sorted-set value on its own: Redis's ordering, both encodings agreeing with a model, one-way conversion.
final class SortedSetValueTests: XCTestCase {
    private func limits(entries: Int = 128, value: Int = 64) -> EncodingLimits {
        var l = EncodingLimits()
        l.zsetMaxListpackEntries = entries
        l.zsetMaxListpackValue = value
        return l
    }

    func testOrdersByScoreThenMemberBytes() {
        var z = SortedSetValue()
        for (m, s) in [("b", 1.0), ("a", 1.0), ("ab", 1.0), ("\u{7f}", 0.0), ("z", -.infinity), ("c", .infinity)] {
            z.insert(Bytes(m), score: s, limits: limits())
        }
        XCTAssertEqual(z.elements(scoreFrom: -.infinity, to: .infinity).map(\.member.text), ["z", "\u{7f}", "a", "ab", "b", "c"])
        XCTAssertEqual(z.elements(scoreFrom: 1, to: 1).map(\.member.text), ["a", "ab", "b"])
        XCTAssertEqual(z.rank(of: Bytes("ab")), 3)
        XCTAssertNil(z.rank(of: Bytes("nope")))
    }

    func testBothEncodingsMatchModelUnderRandomUpdates() {
        for entries in [0, 16, 100_000] {
            var z = SortedSetValue()
            var model: [String: Double] = [:]
            var g = SystemRandomNumberGenerator()
            for _ in 0..<3000 {
                let m = "m\(Int.random(in: 0..<60, using: &g))"
                if Bool.random(using: &g) {
                    let s = Double(Int.random(in: -5...5, using: &g))
                    z.insert(Bytes(m), score: s, limits: limits(entries: entries))
                    model[m] = s
                } else {
                    XCTAssertEqual(z.remove(Bytes(m)), model.removeValue(forKey: m) != nil)
                }
            }
            let expected = model.sorted { $0.value != $1.value ? $0.value < $1.value : Bytes($0.key).lexicographicallyPrecedes(Bytes($1.key)) }
            XCTAssertEqual(z.count, model.count)
            XCTAssertEqual(z.elements(scoreFrom: -.infinity, to: .infinity).map(\.member.text), expected.map(\.key))
            for (i, e) in expected.enumerated() {
                XCTAssertEqual(z.rank(of: Bytes(e.key)), i)
                XCTAssertEqual(z.score(of: Bytes(e.key)), e.value)
            }
            XCTAssertEqual(z.encodingName, entries == 100_000 ? "listpack" : "skiplist")
        }
    }

    func testConvertsOneWayOnEntriesOrMemberLength() {
        var z = SortedSetValue()
        for i in 0..<3 { z.insert(Bytes("m\(i)"), score: 1, limits: limits(entries: 3)) }
        XCTAssertEqual(z.encodingName, "listpack")
        z.insert(Bytes("m3"), score: 1, limits: limits(entries: 3))
        XCTAssertEqual(z.encodingName, "skiplist")
        z.remove(Bytes("m3"))
        z.remove(Bytes("m2"))
        XCTAssertEqual(z.encodingName, "skiplist")

        var long = SortedSetValue()
        long.insert(Bytes(String(repeating: "x", count: 65)), score: 1, limits: limits())
        XCTAssertEqual(long.encodingName, "skiplist")
    }

    func testEqualScoreUpdateKeepsStoredScore() {
        var z = SortedSetValue()
        z.insert(Bytes("a"), score: 0, limits: limits())
        XCTAssertEqual(z.insert(Bytes("a"), score: -0.0, limits: limits()), 0)
        XCTAssertEqual(z.score(of: Bytes("a"))?.sign, .plus)
    }
}

/// Copies of a sorted set are snapshots in both encodings.
final class SortedSetValueSnapshotTests: XCTestCase {
    func testCopyIsUnaffectedByLaterWrites() {
        for entries in [128, 0] {
            var limits = EncodingLimits()
            limits.zsetMaxListpackEntries = entries
            var z = SortedSetValue()
            for i in 0..<100 { z.insert(Bytes("m\(i)"), score: Double(i), limits: limits) }
            let snapshot = z
            for i in 0..<50 { z.remove(Bytes("m\(i)")) }
            for i in 50..<100 { z.insert(Bytes("m\(i)"), score: -Double(i), limits: limits) }
            XCTAssertEqual(snapshot.count, 100)
            XCTAssertEqual(snapshot.elements(scoreFrom: 0, to: 99).map(\.member.text), (0..<100).map { "m\($0)" })
            XCTAssertEqual(z.count, 50)
            XCTAssertEqual(z.rank(of: Bytes("m99")), 0)
        }
    }

    func testMemoryEstimateGrowsAndShrinksWithMembers() {
        var limits = EncodingLimits()
        limits.zsetMaxListpackEntries = 8
        var z = SortedSetValue()
        XCTAssertEqual(z.memoryEstimate, 0)
        z.insert(Bytes("a"), score: 1, limits: limits)
        let one = z.memoryEstimate
        XCTAssertGreaterThan(one, 0)
        for i in 0..<100 { z.insert(Bytes("member-\(i)"), score: 1, limits: limits) }
        XCTAssertGreaterThan(z.memoryEstimate, one * 10)
        let big = z.memoryEstimate
        for i in 0..<90 { z.remove(Bytes("member-\(i)")) }
        XCTAssertLessThan(z.memoryEstimate, big)
    }
}
