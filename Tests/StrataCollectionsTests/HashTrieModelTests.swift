@testable import StrataCollections
import XCTest

/// Random operation sequences checked against Swift's Dictionary after every batch.
final class HashTrieModelTests: XCTestCase {
    func testRandomOperationsOnByteKeysMatchDictionary() {
        var generator = makeSeededGenerator(#function)
        let universe = (0..<3000).map(byteKey)
        runModel(universe: universe, batches: 60, batchSize: 400, using: &generator)
    }

    func testRandomOperationsOnCollidingAndDeepKeysMatchDictionary() {
        var generator = makeSeededGenerator(#function)
        let hashes = adversarialHashes(count: 1500, using: &generator)
        let universe = hashes.enumerated().map { ChosenHashKey(id: $0.offset, trieHash: $0.element) }
        runModel(universe: universe, batches: 60, batchSize: 300, using: &generator)
    }

    /// Applies random updates, subscript writes, removals, in-place modifications and rare `removeAll`s to a
    /// trie and a Dictionary, comparing them after each batch.
    private func runModel<K: TrieKey & Hashable>(
        universe: [K], batches: Int, batchSize: Int, using generator: inout SeededGenerator
    ) {
        var trie = HashTrie<K, Int>()
        var model: [K: Int] = [:]
        for batch in 0..<batches {
            for _ in 0..<batchSize {
                let key = universe.randomElement(using: &generator)!
                let value = Int.random(in: 0..<1_000_000, using: &generator)
                switch generator.next() % 100 {
                case 0..<35:
                    XCTAssertEqual(trie.updateValue(value, forKey: key), model.updateValue(value, forKey: key))
                case 35..<50:
                    trie[key] = value
                    model[key] = value
                case 50..<70:
                    XCTAssertEqual(trie.removeValue(forKey: key), model.removeValue(forKey: key))
                case 70..<80:
                    trie[key] = nil
                    model[key] = nil
                case 80..<99:
                    let result = trie.modifyValue(forKey: key) { stored -> Int in
                        stored += value
                        return stored
                    }
                    if model[key] != nil { model[key]! += value }
                    XCTAssertEqual(result, model[key])
                default:
                    if generator.next() % 10 == 0 {
                        trie.removeAll()
                        model.removeAll()
                    }
                }
            }
            assertTrie(trie, matches: model, universe: universe, batch: batch)
        }
    }

    private func assertTrie<K: TrieKey & Hashable>(
        _ trie: HashTrie<K, Int>, matches model: [K: Int], universe: [K], batch: Int
    ) {
        XCTAssertNil(trie.invariantViolation(), "batch \(batch)")
        XCTAssertEqual(trie.count, model.count, "batch \(batch)")
        XCTAssertEqual(trie.isEmpty, model.isEmpty)
        for key in universe where trie[key] != model[key] {
            XCTFail("batch \(batch): \(key) is \(String(describing: trie[key])), expected \(String(describing: model[key]))")
        }
        let elements = Array(trie)
        XCTAssertEqual(elements.count, model.count, "iteration yields each element once")
        XCTAssertEqual(Dictionary(elements.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }), model)
        let hashes = elements.map(\.key.trieHash)
        XCTAssertEqual(hashes, hashes.sorted(), "iteration order is ascending hash order")
    }
}
