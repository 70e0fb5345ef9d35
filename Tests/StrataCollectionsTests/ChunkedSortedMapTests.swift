import StrataCollections
import XCTest

/// ChunkedSortedMap against a plain dictionary model: random inserts, replacements and removals keep the same
/// contents and order; walks start at the right key; copies are independent.
final class ChunkedSortedMapTests: XCTestCase {
    func testRandomOperationsMatchADictionaryModel() {
        var rng = makeSeededGenerator("ChunkedSortedMap model")
        var map = ChunkedSortedMap<Int, Int>()
        var model: [Int: Int] = [:]
        for step in 0..<20_000 {
            let key = Int.random(in: 0..<3000, using: &rng)
            if Int.random(in: 0..<3, using: &rng) == 0 {
                XCTAssertEqual(map.removeValue(forKey: key), model.removeValue(forKey: key), "step \(step)")
            } else {
                XCTAssertEqual(map.updateValue(step, forKey: key), model.updateValue(step, forKey: key), "step \(step)")
            }
        }
        XCTAssertEqual(map.count, model.count)
        XCTAssertEqual(map.keys, model.keys.sorted())
        for key in [-1, 0, 1500, 2999, 5000] { XCTAssertEqual(map[key], model[key]) }
        XCTAssertEqual(map.first?.key, model.keys.min())
        XCTAssertEqual(map.last?.key, model.keys.max())
    }

    func testAppendingAscendingKeysFillsChunksInOrder() {
        var map = ChunkedSortedMap<Int, String>()
        for i in 0..<1000 { map.updateValue("v\(i)", forKey: i * 2) }
        XCTAssertEqual(map.count, 1000)
        XCTAssertEqual(map[500], "v250")
        XCTAssertNil(map[501])
        map.modifyValue(forKey: 500) { $0 = "changed" }
        XCTAssertEqual(map[500], "changed")
    }

    func testScatteredRemovalsMergeThinChunks() {
        var map = ChunkedSortedMap<Int, Int>()
        for i in 0..<12_800 { map.updateValue(i, forKey: i) }
        XCTAssertEqual(map.chunkCount, 100)
        for i in 0..<12_800 where i % 16 != 0 { map.removeValue(forKey: i) }
        XCTAssertEqual(map.count, 800)
        XCTAssertLessThanOrEqual(map.chunkCount, 13)
        XCTAssertEqual(map.keys, Array(stride(from: 0, to: 12_800, by: 16)))
    }

    func testWalkFromAKeyStartsAtTheFirstKeyNotBelowIt() {
        var map = ChunkedSortedMap<Int, Void>()
        for i in stride(from: 0, to: 2000, by: 10) { map.updateValue((), forKey: i) }
        var seen: [Int] = []
        map.forEach(from: 995) { key, _ in
            seen.append(key)
            return seen.count < 3
        }
        XCTAssertEqual(seen, [1000, 1010, 1020])
        seen = []
        map.forEach(from: 5000) { key, _ in
            seen.append(key)
            return true
        }
        XCTAssertEqual(seen, [])
    }

    func testACopyIsUnaffectedByLaterWrites() {
        var map = ChunkedSortedMap<Int, Int>()
        for i in 0..<600 { map.updateValue(i, forKey: i) }
        let snapshot = map
        for i in 0..<300 { map.removeValue(forKey: i) }
        map.updateValue(-1, forKey: 450)
        XCTAssertEqual(snapshot.count, 600)
        XCTAssertEqual(snapshot[450], 450)
        XCTAssertEqual(snapshot[10], 10)
        XCTAssertEqual(map.count, 300)
        XCTAssertEqual(map[450], -1)
    }
}
