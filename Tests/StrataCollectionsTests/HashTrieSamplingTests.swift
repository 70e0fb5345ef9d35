@testable import StrataCollections
import XCTest

/// Positional access and random sampling.
final class HashTrieSamplingTests: XCTestCase {
    func testElementAtOffsetFollowsIterationOrder() {
        var generator = makeSeededGenerator(#function)
        let hashes = adversarialHashes(count: 3000, using: &generator)
        var trie = HashTrie<ChosenHashKey, Int>()
        for (id, hash) in hashes.enumerated() { trie[ChosenHashKey(id: id, trieHash: hash)] = id }
        for id in stride(from: 0, to: 3000, by: 4) { trie[ChosenHashKey(id: id, trieHash: hashes[id])] = nil }
        let iterated = Array(trie)
        XCTAssertEqual(iterated.count, trie.count)
        for offset in 0..<trie.count {
            let element = trie.element(atOffset: offset)
            XCTAssertEqual(element.key, iterated[offset].key, "offset \(offset)")
            XCTAssertEqual(element.value, iterated[offset].value)
        }
        XCTAssertEqual(Set((0..<trie.count).map { trie.element(atOffset: $0).key }).count, trie.count)
    }

    func testRandomElementOfEmptyTrieIsNil() {
        var generator = SeededGenerator(seed: 1)
        XCTAssertNil(HashTrie<[UInt8], Int>().randomElement(using: &generator))
    }

    func testRandomElementIsRoughlyUniform() {
        var generator = makeSeededGenerator(#function)
        var trie = HashTrie<[UInt8], Int>()
        for n in 0..<20 { trie[byteKey(n)] = n }
        var draws = [Int](repeating: 0, count: 20)
        for _ in 0..<40_000 { draws[trie.randomElement(using: &generator)!.value] += 1 }
        // Expected 2000 per key, standard deviation about 44: allow a generous ten deviations.
        for (key, hits) in draws.enumerated() {
            XCTAssertTrue((1560...2440).contains(hits), "key \(key) drawn \(hits) times")
        }
    }
}
