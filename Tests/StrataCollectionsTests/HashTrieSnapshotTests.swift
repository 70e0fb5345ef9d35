@testable import StrataCollections
import XCTest

/// A copy of a trie is a snapshot: writes to the original, including in-place modifications, never show
/// through it.
final class HashTrieSnapshotTests: XCTestCase {
    func testSnapshotsTakenAtRandomPointsNeverChange() {
        var generator = makeSeededGenerator(#function)
        let hashes = adversarialHashes(count: 800, using: &generator)
        let universe = hashes.enumerated().map { ChosenHashKey(id: $0.offset, trieHash: $0.element) }
        var trie = HashTrie<ChosenHashKey, [Int]>()
        var model: [ChosenHashKey: [Int]] = [:]
        var snapshots: [(trie: HashTrie<ChosenHashKey, [Int]>, expected: [ChosenHashKey: [Int]])] = []
        for step in 0..<20_000 {
            let key = universe.randomElement(using: &generator)!
            let value = Int.random(in: 0..<1000, using: &generator)
            switch generator.next() % 10 {
            case 0..<4:
                trie[key] = [value]
                model[key] = [value]
            case 4..<6:
                trie[key] = nil
                model[key] = nil
            default:
                trie.modifyValue(forKey: key) { $0.append(value) }
                model[key]?.append(value)
            }
            if generator.next() % 500 == 0 {
                snapshots.append((trie, model))
            }
            if step % 2000 == 1999 {
                for (index, snapshot) in snapshots.enumerated() {
                    XCTAssertEqual(snapshot.trie.count, snapshot.expected.count, "snapshot \(index)")
                    for (key, value) in snapshot.expected where snapshot.trie[key] != value {
                        XCTFail("snapshot \(index) changed at \(key)")
                    }
                    XCTAssertNil(snapshot.trie.invariantViolation())
                }
            }
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: trie.map { ($0.key, $0.value) }), model)
    }

    func testModifyValueMutatesUniquelyReferencedValueInPlace() {
        var trie = HashTrie<[UInt8], [Int]>()
        for n in 0..<1000 { trie[byteKey(n)] = [n] }
        var big = [Int](repeating: 7, count: 10)
        big.reserveCapacity(1000)
        let address = big.withUnsafeBufferPointer { $0.baseAddress }
        trie[byteKey(500)] = big
        big = []
        let addressAfterAppend = trie.modifyValue(forKey: byteKey(500)) { value in
            value.append(8)
            return value.withUnsafeBufferPointer { $0.baseAddress }
        }
        XCTAssertEqual(addressAfterAppend, address, "the stored array was not copied")
        XCTAssertEqual(trie[byteKey(500)]?.count, 11)
    }

    func testModifyValueCopiesValueSharedWithSnapshot() {
        var trie = HashTrie<[UInt8], [Int]>()
        for n in 0..<1000 { trie[byteKey(n)] = [n] }
        let snapshot = trie
        trie.modifyValue(forKey: byteKey(500)) { $0.append(-1) }
        XCTAssertEqual(trie[byteKey(500)], [500, -1])
        XCTAssertEqual(snapshot[byteKey(500)], [500])
    }

    func testModifyValueOfAbsentKeyReturnsNilAndChangesNothing() {
        var trie = HashTrie<[UInt8], Int>()
        trie[byteKey(1)] = 1
        var called = false
        XCTAssertNil(trie.modifyValue(forKey: byteKey(2)) { _ in called = true })
        XCTAssertFalse(called)
        XCTAssertEqual(trie.count, 1)
    }

    func testModifyValueThatThrowsKeepsTheTrieIntact() {
        struct Stop: Error {}
        var trie = HashTrie<[UInt8], [Int]>()
        for n in 0..<100 { trie[byteKey(n)] = [n] }
        XCTAssertThrowsError(try trie.modifyValue(forKey: byteKey(42)) { value in
            value.append(0)
            throw Stop()
        })
        XCTAssertEqual(trie[byteKey(42)], [42, 0], "changes made before the throw are kept")
        XCTAssertEqual(trie.count, 100)
        XCTAssertNil(trie.invariantViolation())
    }

    func testRemoveAllLeavesSnapshotIntact() {
        var trie = HashTrie<[UInt8], Int>()
        for n in 0..<100 { trie[byteKey(n)] = n }
        let snapshot = trie
        trie.removeAll()
        XCTAssertTrue(trie.isEmpty)
        XCTAssertEqual(snapshot.count, 100)
        XCTAssertEqual(snapshot[byteKey(99)], 99)
    }
}
