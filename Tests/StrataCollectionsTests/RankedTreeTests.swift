@testable import StrataCollections
import XCTest

/// `RankedTree` against a sorted array: the same random inserts and removals, then rank, select, seek and range
/// visits must agree, the shape rules must hold, and copies taken along the way must never change.
final class RankedTreeTests: XCTestCase {
    func testRandomOperationsMatchSortedArrayModel() {
        var generator = makeSeededGenerator(#function)
        var tree = RankedTree<Int>()
        var model: [Int] = []
        for step in 0..<20_000 {
            let value = Int.random(in: 0..<3000, using: &generator)
            let position = model.firstIndex { $0 >= value } ?? model.count
            let present = position < model.count && model[position] == value
            if generator.next() % 5 < 3 {
                if !present {
                    tree.insert(value)
                    model.insert(value, at: position)
                }
            } else {
                XCTAssertEqual(tree.remove(value), present)
                if present { model.remove(at: position) }
            }
            XCTAssertEqual(tree.count, model.count)
            if step % 1000 == 999 {
                XCTAssertNil(tree.invariantViolation())
                XCTAssertEqual(Array(tree), model)
            }
        }
        for (i, v) in model.enumerated() {
            XCTAssertEqual(tree.rank(of: v), i)
            XCTAssertEqual(tree[i], v)
        }
        XCTAssertNil(tree.rank(of: -1))
        XCTAssertNil(tree.rank(of: 3000))
    }

    func testSeekFindsFirstElementPassingMonotonePredicate() {
        var tree = RankedTree<Int>()
        for v in stride(from: 0, to: 10_000, by: 2) { tree.insert(v) }
        XCTAssertEqual(tree.partitionIndex { $0 >= 0 }, 0)
        XCTAssertEqual(tree.partitionIndex { $0 >= 1 }, 1)
        XCTAssertEqual(tree.partitionIndex { $0 > 5000 }, 2501)
        XCTAssertEqual(tree.partitionIndex { $0 >= 5000 }, 2500)
        XCTAssertEqual(tree.partitionIndex { $0 > 99_999 }, 5000)
    }

    func testRangeVisitsInBothDirections() {
        var generator = makeSeededGenerator(#function)
        var tree = RankedTree<Int>()
        let values = Array(0..<5000).shuffled(using: &generator)
        for v in values { tree.insert(v) }
        for _ in 0..<200 {
            let a = Int.random(in: -10...5010, using: &generator), b = Int.random(in: -10...5010, using: &generator)
            let range = min(a, b)..<max(a, b)
            let expected = Array(range.clamped(to: 0..<5000))
            var forward: [Int] = [], backward: [Int] = []
            tree.forEach(in: range) { forward.append($0) }
            tree.forEach(in: range, reversed: true) { backward.append($0) }
            XCTAssertEqual(forward, expected)
            XCTAssertEqual(backward, expected.reversed())
        }
    }

    func testCopiesAreSnapshotsUnaffectedByLaterWrites() {
        var generator = makeSeededGenerator(#function)
        var tree = RankedTree<Int>()
        var model = Set<Int>()
        var snapshots: [(RankedTree<Int>, [Int])] = []
        for _ in 0..<15_000 {
            let v = Int.random(in: 0..<2000, using: &generator)
            if generator.next() % 3 == 0 {
                tree.remove(v)
                model.remove(v)
            } else if model.insert(v).inserted {
                tree.insert(v)
            }
            if generator.next() % 1000 == 0 { snapshots.append((tree, model.sorted())) }
        }
        for (snapshot, expected) in snapshots {
            XCTAssertEqual(Array(snapshot), expected)
            XCTAssertNil(snapshot.invariantViolation())
        }
        XCTAssertEqual(Array(tree), model.sorted())
    }

    func testRemovingEverythingLeavesAnEmptyTree() {
        var tree = RankedTree<Int>()
        for v in 0..<1000 { tree.insert(v) }
        for v in (0..<1000).reversed() { XCTAssertEqual(tree.remove(at: v), v) }
        XCTAssertTrue(tree.isEmpty)
        XCTAssertNil(tree.invariantViolation())
    }
}
