@testable import StrataCollections
import XCTest

/// Keys with identical full hashes share a collision node; keys with long common hash prefixes go deep.
final class HashTrieCollisionTests: XCTestCase {
    let shared: UInt64 = 0x0123_4567_89AB_CDEF

    func testCollidingKeysAreStoredLookedUpAndRemovedIndependently() {
        var trie = HashTrie<ChosenHashKey, Int>()
        let keys = (0..<6).map { ChosenHashKey(id: $0, trieHash: shared) }
        for key in keys { XCTAssertNil(trie.updateValue(key.id, forKey: key)) }
        XCTAssertEqual(trie.updateValue(30, forKey: keys[3]), 3)
        XCTAssertEqual(trie.count, 6)
        XCTAssertEqual(keys.map { trie[$0] }, [0, 1, 2, 30, 4, 5])
        XCTAssertNil(trie[ChosenHashKey(id: 99, trieHash: shared)])
        XCTAssertNil(trie.removeValue(forKey: ChosenHashKey(id: 99, trieHash: shared)))
        XCTAssertEqual(trie.removeValue(forKey: keys[2]), 2)
        XCTAssertEqual(Array(trie).map(\.key.id), [0, 1, 3, 4, 5], "collision node keeps insertion order")
        XCTAssertEqual((0..<trie.count).map { trie.element(atOffset: $0).key.id }, [0, 1, 3, 4, 5])
        XCTAssertNil(trie.invariantViolation())
    }

    func testRemovingDownToOneCollidingKeyCollapsesThePath() {
        var trie = HashTrie<ChosenHashKey, Int>()
        let keys = (0..<3).map { ChosenHashKey(id: $0, trieHash: shared) }
        let neighbour = ChosenHashKey(id: 10, trieHash: shared ^ 1)
        for key in keys + [neighbour] { trie[key] = key.id }
        XCTAssertNil(trie.invariantViolation())
        trie[keys[0]] = nil
        trie[keys[1]] = nil
        XCTAssertNil(trie.invariantViolation())
        trie[neighbour] = nil
        XCTAssertNil(trie.invariantViolation())
        XCTAssertEqual(trie.root.slotCount, 1, "the last key is back in the root")
        XCTAssertEqual(trie[keys[2]], 2)
    }

    func testRemovingAllButOneKeyCollapsesToTheRoot() {
        var generator = makeSeededGenerator(#function)
        var trie = HashTrie<ChosenHashKey, Int>()
        let keys = adversarialHashes(count: 2000, using: &generator).enumerated().map {
            ChosenHashKey(id: $0.offset, trieHash: $0.element)
        }
        for key in keys { trie[key] = key.id }
        for key in keys.dropFirst().shuffled(using: &generator) {
            trie[key] = nil
            if key.id % 97 == 0 { XCTAssertNil(trie.invariantViolation()) }
        }
        XCTAssertEqual(trie.count, 1)
        XCTAssertEqual(trie.root.slotCount, 1)
        XCTAssertEqual(trie[keys[0]], 0)
    }

    func testModifyValueReachesKeysInCollisionNodes() {
        var trie = HashTrie<ChosenHashKey, [Int]>()
        let keys = (0..<3).map { ChosenHashKey(id: $0, trieHash: shared) }
        for key in keys { trie[key] = [key.id] }
        let snapshot = trie
        XCTAssertEqual(trie.modifyValue(forKey: keys[1]) { $0.append(7); return $0.count }, 2)
        XCTAssertEqual(trie[keys[1]], [1, 7])
        XCTAssertEqual(snapshot[keys[1]], [1])
    }
}
