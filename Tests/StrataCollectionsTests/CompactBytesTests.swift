import StrataCollections
import XCTest

final class CompactBytesTests: XCTestCase {
    func testEveryLengthRoundTripsAndHashesLikeTheArray() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
            let compact = CompactBytes(bytes)
            XCTAssertEqual(compact.bytes, bytes, "length \(length)")
            XCTAssertEqual(compact.count, length)
            XCTAssertEqual(compact.trieHash, bytes.trieHash, "length \(length)")
            XCTAssertEqual(compact.heapBytes, length > CompactBytes.inlineCapacity ? length : 0)
        }
    }

    func testEqualityFollowsTheBytes() {
        XCTAssertEqual(CompactBytes(Array("key:1".utf8)), CompactBytes(Array("key:1".utf8)))
        XCTAssertNotEqual(CompactBytes(Array("key:1".utf8)), CompactBytes(Array("key:2".utf8)))
        // A trailing zero byte must not make two strings equal.
        XCTAssertNotEqual(CompactBytes([1, 2]), CompactBytes([1, 2, 0]))
        XCTAssertNotEqual(CompactBytes([]), CompactBytes([0]))
        let long = Array(repeating: UInt8(7), count: 30)
        XCTAssertEqual(CompactBytes(long), CompactBytes(long))
        XCTAssertNotEqual(CompactBytes(long), CompactBytes(long + [7]))
    }

    func testWorksAsATrieKey() {
        var trie = HashTrie<CompactBytes, Int>()
        for i in 0..<1000 { trie[CompactBytes(Array("key:\(i)\(String(repeating: "x", count: i % 40))".utf8))] = i }
        XCTAssertEqual(trie.count, 1000)
        for i in 0..<1000 {
            XCTAssertEqual(trie[CompactBytes(Array("key:\(i)\(String(repeating: "x", count: i % 40))".utf8))], i)
        }
    }
}
