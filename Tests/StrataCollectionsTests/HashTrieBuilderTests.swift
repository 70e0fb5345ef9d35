@testable import StrataCollections
import XCTest

/// A trie built in bulk is the trie inserting the same elements one by one gives: same elements, same order,
/// same counts, every structural invariant; a repeated key is reported at its first repetition.
final class HashTrieBuilderTests: XCTestCase {
    func testBulkBuiltTrieEqualsOneByOneInsertionForAdversarialHashes() throws {
        var generator = makeSeededGenerator(#function)
        for count in [0, 1, 2, 3, 64, 65, 1000, 5000] {
            let hashes = adversarialHashes(count: count, using: &generator)
            let builder = HashTrieBuilder<ChosenHashKey, Int>()
            var inserted = HashTrie<ChosenHashKey, Int>()
            for (id, hash) in hashes.enumerated() {
                builder.append(ChosenHashKey(id: id, trieHash: hash), id)
                inserted[ChosenHashKey(id: id, trieHash: hash)] = id
            }
            let built = try builder.build().get()
            XCTAssertEqual(builder.count, 0)
            XCTAssertNil(built.invariantViolation(), "count \(count)")
            XCTAssertEqual(built.count, count)
            XCTAssertEqual(Array(built).map(\.key), Array(inserted).map(\.key), "count \(count): trie order")
            for (id, hash) in hashes.enumerated() { XCTAssertEqual(built[ChosenHashKey(id: id, trieHash: hash)], id) }
            if count > 0 { XCTAssertEqual(built.element(atOffset: count / 2).key, inserted.element(atOffset: count / 2).key) }
        }
    }

    func testBulkBuiltTrieOfByteKeysTakesLaterWrites() throws {
        let builder = HashTrieBuilder<CompactBytes, Int>()
        for n in 0..<3000 { builder.append(CompactBytes(byteKey(n)), n) }
        var trie = try builder.build().get()
        let snapshot = trie
        trie[CompactBytes(byteKey(7))] = -7
        trie[CompactBytes(byteKey(5000))] = 5000
        trie.removeValue(forKey: CompactBytes(byteKey(8)))
        XCTAssertNil(trie.invariantViolation())
        XCTAssertEqual(trie[CompactBytes(byteKey(7))], -7)
        XCTAssertEqual(snapshot[CompactBytes(byteKey(7))], 7, "the bulk-built nodes are shared copy-on-write")
        XCTAssertEqual(snapshot.count, 3000)
        XCTAssertEqual(trie.count, 3000)
    }

    func testARepeatedKeyIsReportedAtItsFirstRepetitionAndNothingIsBuilt() {
        let builder = HashTrieBuilder<CompactBytes, Int>()
        for n in 0..<500 { builder.append(CompactBytes(byteKey(n)), n) }
        builder.append(CompactBytes(byteKey(300)), -1)  // position 500
        builder.append(CompactBytes(byteKey(10)), -2)   // position 501
        builder.append(CompactBytes(byteKey(300)), -3)  // position 502
        switch builder.build() {
        case .success: XCTFail("a repeated key was accepted")
        case .failure(let repeated):
            XCTAssertEqual(repeated.first, 300)
            XCTAssertEqual(repeated.second, 500)
            XCTAssertEqual(builder.key(at: repeated.second), CompactBytes(byteKey(300)))
        }
        XCTAssertEqual(builder.count, 503, "the elements stay in the builder")
    }
}
