import Foundation
import StrataCollections
import XCTest

/// A measurement, not a test: prints HashTrie and Dictionary timings for 1M inserts and 1M random lookups of
/// 16-byte keys when STRATA_BENCH=1 (skipped otherwise). Asserts nothing about speed. Run it in release:
/// `STRATA_BENCH=1 swift test -c release --filter HashTrieMeasurement`.
final class HashTrieMeasurement: XCTestCase {
    func testMeasureInsertsAndLookupsAgainstDictionary() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1", "measurement; set STRATA_BENCH=1")
        let keyCount = 1_000_000
        var generator = SeededGenerator(seed: 42)
        let keys = (0..<keyCount).map { _ in (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let probes = keys.shuffled(using: &generator)

        var trie = HashTrie<[UInt8], Int>()
        let trieInsert = time { for (n, key) in keys.enumerated() { trie[key] = n } }
        var trieSum = 0
        let trieLookup = time { for key in probes { trieSum &+= trie[key]! } }

        var dictionary: [[UInt8]: Int] = [:]
        let dictionaryInsert = time { for (n, key) in keys.enumerated() { dictionary[key] = n } }
        var dictionarySum = 0
        let dictionaryLookup = time { for key in probes { dictionarySum &+= dictionary[key]! } }

        XCTAssertEqual(trieSum, dictionarySum)
        print("1M inserts:  HashTrie \(trieInsert), Dictionary \(dictionaryInsert)")
        print("1M lookups:  HashTrie \(trieLookup), Dictionary \(dictionaryLookup)")
    }

    private func time(_ body: () -> Void) -> Duration {
        ContinuousClock().measure(body)
    }
}
