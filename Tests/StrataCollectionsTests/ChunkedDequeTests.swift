import StrataCollections
import XCTest

/// `ChunkedDeque` against an `Array` model: random operations at the ends and in the middle, positions around
/// chunk boundaries, and copy-on-write isolation between copies.
final class ChunkedDequeTests: XCTestCase {
    private func assertMatches(_ deque: ChunkedDeque<Int>, _ model: [Int], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(deque.count, model.count, file: file, line: line)
        var seen: [Int] = []
        deque.forEach(in: 0..<deque.count) { seen.append($0) }
        XCTAssertEqual(seen, model, file: file, line: line)
        var backwards: [Int] = []
        deque.forEach(in: 0..<deque.count, reversed: true) { backwards.append($0) }
        XCTAssertEqual(backwards, model.reversed(), file: file, line: line)
        XCTAssertEqual(deque.first, model.first, file: file, line: line)
        XCTAssertEqual(deque.last, model.last, file: file, line: line)
    }

    func testRandomOperationsMatchArrayModel() {
        var rng = makeSeededGenerator(#function)
        var deque = ChunkedDeque<Int>()
        var model: [Int] = []
        for step in 0..<20_000 {
            let value = step
            switch Int.random(in: 0..<12, using: &rng) {
            case 0, 1, 2: deque.append(value); model.append(value)
            case 3, 4, 5: deque.prepend(value); model.insert(value, at: 0)
            case 6: XCTAssertEqual(deque.popFirst(), model.isEmpty ? nil : model.removeFirst())
            case 7: XCTAssertEqual(deque.popLast(), model.popLast())
            case 8:
                let at = Int.random(in: 0...model.count, using: &rng)
                deque.insert(value, at: at)
                model.insert(value, at: at)
            case 9 where !model.isEmpty:
                let at = Int.random(in: 0..<model.count, using: &rng)
                XCTAssertEqual(deque[at], model[at])
                deque[at] = -value
                model[at] = -value
            case 10:
                let n = Int.random(in: 0...40, using: &rng)
                var removed: [Int] = []
                if Bool.random(using: &rng) {
                    deque.removeFirst(n) { removed.append($0) }
                    XCTAssertEqual(removed, Array(model.prefix(n)))
                    model.removeFirst(min(n, model.count))
                } else {
                    deque.removeLast(n) { removed.append($0) }
                    XCTAssertEqual(removed, Array(model.suffix(n).reversed()))
                    model.removeLast(min(n, model.count))
                }
            case 11:
                let modulus = Int.random(in: 2...50, using: &rng)
                let limit = Bool.random(using: &rng) ? nil : Int.random(in: 1...5, using: &rng)
                let fromBack = Bool.random(using: &rng)
                let removed = deque.removeAll(where: { $0 % modulus == 0 }, limit: limit, fromBack: fromBack)
                var indexes = model.indices.filter { model[$0] % modulus == 0 }
                if fromBack { indexes.reverse() }
                if let limit { indexes = Array(indexes.prefix(limit)) }
                XCTAssertEqual(removed, indexes.count)
                for i in indexes.sorted(by: >) { model.remove(at: i) }
            default: break
            }
            if step % 500 == 0 { assertMatches(deque, model) }
        }
        assertMatches(deque, model)
    }

    func testPositionsAcrossChunkBoundaries() {
        let chunk = ChunkedDeque<Int>.chunkCapacity
        for size in [chunk - 1, chunk, chunk + 1, 3 * chunk, 3 * chunk + 7] {
            var deque = ChunkedDeque<Int>()
            for i in 0..<size { deque.append(i) }
            for i in [0, chunk - 1, chunk, chunk + 1, size / 2, size - 1] where i < size {
                XCTAssertEqual(deque[i], i, "size \(size) position \(i)")
            }
            var slice: [Int] = []
            deque.forEach(in: (chunk - 2)..<min(size, chunk + 3)) { slice.append($0) }
            XCTAssertEqual(slice, Array((chunk - 2)..<min(size, chunk + 3)))
            let at = min(chunk, size)
            deque.insert(-1, at: at)
            XCTAssertEqual(deque[at], -1)
            if at < size { XCTAssertEqual(deque[at + 1], at) }
            XCTAssertEqual(deque.count, size + 1)
        }
    }

    func testPrependGrowsAcrossChunks() {
        var deque = ChunkedDeque<Int>()
        for i in 0..<1000 { deque.prepend(i) }
        XCTAssertEqual(deque.count, 1000)
        XCTAssertEqual(deque[0], 999)
        XCTAssertEqual(deque[999], 0)
        XCTAssertGreaterThan(deque.chunkCount, 1)
        while deque.popLast() != nil {}
        XCTAssertEqual(deque.chunkCount, 0)
        XCTAssertEqual(deque.allocatedSlots, 0)
    }

    func testWritesAfterCopyLeaveTheCopyUnchanged() {
        let values = (0..<1000).map { [UInt8(truncatingIfNeeded: $0)] }
        var original = ChunkedDeque<[UInt8]>(values)
        var model = values
        let snapshot = original
        original[500] = [42, 42]; model[500] = [42, 42]
        original.append([1]); model.append([1])
        original.prepend([2]); model.insert([2], at: 0)
        _ = original.popFirst(); model.removeFirst()
        original.insert([9], at: 300); model.insert([9], at: 300)
        original.removeAll(where: { $0 == [7] }); model.removeAll { $0 == [7] }
        original.removeFirst(3); model.removeFirst(3)
        XCTAssertEqual(snapshot.count, 1000)
        for i in 0..<1000 { XCTAssertEqual(snapshot[i], values[i]) }
        XCTAssertEqual(original.count, model.count)
        for i in model.indices { XCTAssertEqual(original[i], model[i]) }
    }

    func testSparseRemovalRepacksChunks() {
        var deque = ChunkedDeque<Int>(0..<10_000)
        deque.removeAll(where: { $0 % 100 != 0 })
        XCTAssertEqual(deque.count, 100)
        XCTAssertEqual(deque.chunkCount, 1)
        XCTAssertEqual(deque[99], 9900)
    }
}
