@testable import StrataCore
import XCTest

/// The stream value on its own: ID parsing and ordering, node layout as Redis lays out listpacks (tombstones,
/// splitting by count and by size), trimming by whole nodes, read counters, and copy independence.
final class StreamValueTests: XCTestCase {
    private func fields(_ pairs: String...) -> ArraySlice<Bytes> { ArraySlice(pairs.map { Bytes($0) }) }

    private func stream(_ count: Int, limits: EncodingLimits = EncodingLimits()) -> StreamValue {
        var s = StreamValue()
        for i in 1...count { s.append(StreamID(ms: UInt64(i), seq: 1), fields("field", "value\(i)"), limits: limits) }
        return s
    }

    func testIDParsingFollowsRedisRules() {
        func parse(_ s: String, strict: Bool = true) -> StreamID? {
            StreamID.parse(Bytes(s), missingSeq: 7, strict: strict)?.id
        }
        XCTAssertEqual(parse("5-3"), StreamID(ms: 5, seq: 3))
        XCTAssertEqual(parse("5"), StreamID(ms: 5, seq: 7))
        XCTAssertEqual(parse("-", strict: false), .zero)
        XCTAssertEqual(parse("+", strict: false), .max)
        XCTAssertNil(parse("-"))
        XCTAssertNil(parse("+"))
        XCTAssertEqual(parse("+5"), StreamID(ms: 5, seq: 7))
        XCTAssertEqual(parse(" 5-1"), StreamID(ms: 5, seq: 1))
        XCTAssertNil(parse("-1"))
        XCTAssertNil(parse("5-"))
        XCTAssertNil(parse("5-1-1"))
        XCTAssertNil(parse("18446744073709551616"))
        XCTAssertEqual(parse("18446744073709551615-18446744073709551615"), .max)
        XCTAssertNil(parse(String(repeating: "1", count: 128)))
        let auto = StreamID.parse(Bytes("9-*"), missingSeq: 0, strict: true, allowAutoSeq: true)
        XCTAssertEqual(auto?.id, StreamID(ms: 9, seq: 0))
        XCTAssertEqual(auto?.autoSeq, true)
        XCTAssertNil(StreamID.parse(Bytes("9-*"), missingSeq: 0, strict: true))
    }

    func testSuccessorAndPredecessorCarryAcrossMilliseconds() {
        XCTAssertEqual(StreamID(ms: 1, seq: .max).successor, StreamID(ms: 2, seq: 0))
        XCTAssertNil(StreamID.max.successor)
        XCTAssertEqual(StreamID(ms: 2, seq: 0).predecessor, StreamID(ms: 1, seq: .max))
        XCTAssertNil(StreamID.zero.predecessor)
        XCTAssertTrue(StreamID(ms: 1, seq: 9) < StreamID(ms: 2, seq: 0))
    }

    func testNodesHoldAtMostTheConfiguredEntriesCountingTombstones() {
        var s = stream(250)
        XCTAssertEqual(s.entries.nodes.map(\.slots), [100, 100, 50])
        XCTAssertTrue(s.delete(StreamID(ms: 220, seq: 1)))
        XCTAssertEqual(s.entries.nodes[2].slots, 50)
        XCTAssertEqual(s.entries.nodes[2].ids.count, 49)
        for i in 251...300 { s.append(StreamID(ms: UInt64(i), seq: 1), fields("field", "v"), limits: EncodingLimits()) }
        XCTAssertEqual(s.entries.nodes.map(\.slots), [100, 100, 100])
        XCTAssertEqual(s.count, 299)
        XCTAssertEqual(s.maxDeletedID, StreamID(ms: 220, seq: 1))
    }

    func testNodesSplitWhenTheirListpackWouldReachTheByteLimit() {
        var limits = EncodingLimits()
        limits.streamNodeMaxEntries = 0
        limits.streamNodeMaxBytes = 200
        let s = stream(30, limits: limits)
        XCTAssertGreaterThan(s.entries.nodes.count, 1)
        // A node is closed once its listpack plus the next entry's field and value bytes reach the limit.
        for (node, next) in zip(s.entries.nodes, s.entries.nodes.dropFirst()) {
            XCTAssertGreaterThanOrEqual(node.listpackBytes + 5 + "value\(next.masterID.ms)".count, 200)
        }
        XCTAssertEqual(s.entries.nodes.reduce(0) { $0 + $1.ids.count }, 30)
    }

    func testDeletingTheLastLiveEntryOfANodeDropsTheNode() {
        var s = stream(150)
        for i in 101...150 { XCTAssertTrue(s.delete(StreamID(ms: UInt64(i), seq: 1))) }
        XCTAssertEqual(s.entries.nodes.count, 1)
        XCTAssertFalse(s.delete(StreamID(ms: 150, seq: 1)))
        XCTAssertEqual(s.count, 100)
        XCTAssertEqual(s.lastLiveID, StreamID(ms: 100, seq: 1))
        XCTAssertEqual(s.lastID, StreamID(ms: 150, seq: 1))
    }

    func testApproximateTrimRemovesWholeNodesOnlyAndExactTrimLeavesTombstones() {
        var s = stream(350)
        XCTAssertEqual(s.trim(.maxLen(120), approximate: true, limit: 10_000), 200)
        XCTAssertEqual(s.count, 150)
        XCTAssertEqual(s.trim(.maxLen(120), approximate: false, limit: 0), 30)
        XCTAssertEqual(s.firstID, StreamID(ms: 231, seq: 1))
        XCTAssertEqual(s.entries.nodes[0].deletedCount, 30)
        XCTAssertEqual(s.trim(.minID(StreamID(ms: 301, seq: 0)), approximate: true, limit: 10_000), 70)
        XCTAssertEqual(s.count, 50)
        XCTAssertEqual(s.trim(.maxLen(0), approximate: true, limit: 10), 0, "LIMIT below one node's entries")
    }

    func testACopyIsUnaffectedByAppendsAndDeletes() {
        var s = stream(120)
        let snapshot = s
        s.append(StreamID(ms: 500, seq: 0), fields("x", "y"), limits: EncodingLimits())
        _ = s.delete(StreamID(ms: 5, seq: 1))
        _ = s.trim(.maxLen(10), approximate: false, limit: 0)
        XCTAssertEqual(snapshot.count, 120)
        XCTAssertEqual(snapshot.lastID, StreamID(ms: 120, seq: 1))
        XCTAssertEqual(snapshot.firstID, StreamID(ms: 1, seq: 1))
        XCTAssertEqual(s.count, 10)
    }

    func testMemoryEstimateFollowsTheEntries() {
        var s = StreamValue()
        let empty = s.memoryEstimate
        for i in 1...1000 {
            s.append(StreamID(ms: UInt64(i), seq: 0), fields("field", String(repeating: "v", count: 50)),
                     limits: EncodingLimits())
        }
        let full = s.memoryEstimate
        XCTAssertGreaterThan(full - empty, 50_000)
        _ = s.trim(.maxLen(0), approximate: false, limit: 0)
        XCTAssertLessThan(s.memoryEstimate, full / 10)
    }

    func testReadCountersAreExactAtTheEndsAndUnknownPastATombstone() {
        var s = stream(10)
        XCTAssertEqual(s.estimatedEntriesRead(upTo: StreamID(ms: 10, seq: 1)), 10)
        XCTAssertEqual(s.estimatedEntriesRead(upTo: StreamID(ms: 1, seq: 1)), 1)
        XCTAssertEqual(s.estimatedEntriesRead(upTo: .zero), 0)
        XCTAssertEqual(s.estimatedEntriesRead(upTo: StreamID(ms: 5, seq: 1)), -1)
        XCTAssertEqual(s.estimatedEntriesRead(upTo: StreamID(ms: 11, seq: 0)), -1)
        _ = s.delete(StreamID(ms: 5, seq: 1))
        XCTAssertTrue(s.rangeHasTombstones(from: StreamID(ms: 3, seq: 0)))
        XCTAssertFalse(s.rangeHasTombstones(from: StreamID(ms: 6, seq: 0)))
        _ = s.trim(.maxLen(2), approximate: false, limit: 0)
        XCTAssertFalse(s.rangeHasTombstones(), "the deletion is now before the first entry")
    }

    func testRadixTreeNodeCountMatchesRedisForSimpleShapes() {
        XCTAssertEqual(StreamValue().entries.radixTreeNodeCount, 1)
        XCTAssertEqual(stream(1).entries.radixTreeNodeCount, 2)
        // Master IDs 1-1 and 101-1 first differ in byte 7: a compressed root, the branching node, and below it
        // a compressed node and a leaf for each key (redis-server 7.0 reports 6).
        XCTAssertEqual(stream(101).entries.radixTreeNodeCount, 6)
    }
}
