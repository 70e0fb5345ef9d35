@testable import StrataCollections
import XCTest

/// SCAN cursor semantics: ascending-hash order, budgets, completion, and stability under writes.
final class HashTrieScanTests: XCTestCase {
    func testScanOfEmptyTrieFromZeroReturnsZero() {
        let trie = HashTrie<[UInt8], Int>()
        var visited = 0
        XCTAssertEqual(trie.scan(cursor: 0, count: 10) { _, _ in visited += 1 }, 0)
        XCTAssertEqual(visited, 0)
    }

    func testFullScanVisitsEachKeyExactlyOnceForAnyCount() {
        var trie = HashTrie<[UInt8], Int>()
        for n in 0..<5000 { trie[byteKey(n)] = n }
        for count in [0, 1, 2, 7, 100, 4999, 5000, 100_000] {
            var seen: [[UInt8]: Int] = [:]
            var cursor: UInt64 = 0
            var calls = 0
            repeat {
                var visitedThisCall = 0
                cursor = trie.scan(cursor: cursor, count: count) { key, value in
                    seen[key, default: 0] += 1
                    XCTAssertEqual(trie[key], value)
                    visitedThisCall += 1
                }
                if cursor != 0 { XCTAssertGreaterThanOrEqual(visitedThisCall, max(count, 1), "COUNT \(count)") }
                calls += 1
            } while cursor != 0 && calls <= 10_000
            XCTAssertEqual(seen.count, 5000, "COUNT \(count)")
            XCTAssertTrue(seen.values.allSatisfy { $0 == 1 }, "COUNT \(count): a key was returned twice")
        }
    }

    func testScanVisitsInAscendingHashOrderAndCursorFollowsLastHash() {
        var trie = HashTrie<[UInt8], Int>()
        for n in 0..<1000 { trie[byteKey(n)] = n }
        var lastHash: UInt64?
        let cursor = trie.scan(cursor: 0, count: 10) { key, _ in
            if let lastHash { XCTAssertLessThan(lastHash, key.trieHash) }
            lastHash = key.trieHash
        }
        XCTAssertEqual(cursor, lastHash! + 1)
        let nextHashes = trie.map(\.key.trieHash).filter { $0 >= cursor }
        var firstOfNextCall: UInt64?
        _ = trie.scan(cursor: cursor, count: 1) { key, _ in firstOfNextCall = key.trieHash }
        XCTAssertEqual(firstOfNextCall, nextHashes.min())
    }

    func testKeysPresentThroughoutScanAreReturnedDespiteWrites() {
        var generator = makeSeededGenerator(#function)
        let hashes = adversarialHashes(count: 4000, using: &generator)
        let universe = hashes.enumerated().map { ChosenHashKey(id: $0.offset, trieHash: $0.element) }
        let stable = Set(universe.filter { $0.id % 3 == 0 })
        let volatile = universe.filter { $0.id % 3 != 0 }
        for _ in 0..<5 {
            var trie = HashTrie<ChosenHashKey, Int>()
            for key in stable { trie[key] = key.id }
            for key in volatile where generator.next() % 2 == 0 { trie[key] = key.id }
            var seen = Set<ChosenHashKey>()
            var cursor: UInt64 = 0
            repeat {
                let count = Int.random(in: 1...50, using: &generator)
                cursor = trie.scan(cursor: cursor, count: count) { key, _ in seen.insert(key) }
                for _ in 0..<Int.random(in: 0...200, using: &generator) {
                    let key = volatile.randomElement(using: &generator)!
                    if generator.next() % 2 == 0 { trie[key] = key.id } else { trie[key] = nil }
                }
            } while cursor != 0
            XCTAssertTrue(stable.isSubset(of: seen), "missed \(stable.subtracting(seen).count) stable keys")
        }
    }

    func testScanEndingAtLargestHashReturnsZero() {
        var trie = HashTrie<ChosenHashKey, Int>()
        trie[ChosenHashKey(id: 1, trieHash: 5)] = 1
        trie[ChosenHashKey(id: 2, trieHash: .max)] = 2
        var visited: [Int] = []
        let cursor = trie.scan(cursor: 6, count: 1) { key, _ in visited.append(key.id) }
        XCTAssertEqual(visited, [2])
        XCTAssertEqual(cursor, 0)
    }

    func testScanNeverSplitsKeysSharingAFullHash() {
        var trie = HashTrie<ChosenHashKey, Int>()
        let shared: UInt64 = 0xDEAD_BEEF_0000_0001
        for id in 0..<5 { trie[ChosenHashKey(id: id, trieHash: shared)] = id }
        trie[ChosenHashKey(id: 9, trieHash: shared + 1)] = 9
        var visited: [Int] = []
        let cursor = trie.scan(cursor: 0, count: 1) { key, _ in visited.append(key.id) }
        XCTAssertEqual(visited.sorted(), [0, 1, 2, 3, 4])
        XCTAssertEqual(cursor, shared + 1)
        visited = []
        XCTAssertNotEqual(trie.scan(cursor: cursor, count: 1) { key, _ in visited.append(key.id) }, cursor)
        XCTAssertEqual(visited, [9])
    }
}
