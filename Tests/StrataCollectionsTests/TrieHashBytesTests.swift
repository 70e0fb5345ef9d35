import StrataCollections
import XCTest

/// The byte-string hash reads every byte of every length and mixes all of them into the high bits.
final class TrieHashBytesTests: XCTestCase {
    func testHashIsStableAndMatchesArrayTrieHash() {
        let bytes: [UInt8] = Array("hello world".utf8)
        let direct = bytes.withUnsafeBytes { trieHashBytes($0) }
        XCTAssertEqual(direct, bytes.trieHash)
        XCTAssertEqual(bytes.trieHash, Array("hello world".utf8).trieHash)
    }

    func testEveryByteOfEveryLengthAffectsTheHash() {
        for length in 0...70 {
            let base = [UInt8](repeating: 0xA5, count: length)
            var hashes: Set<UInt64> = [base.trieHash]
            for position in 0..<length {
                var changed = base
                changed[position] ^= 0x01
                hashes.insert(changed.trieHash)
            }
            XCTAssertEqual(hashes.count, length + 1, "length \(length)")
        }
    }

    func testLengthAffectsTheHash() {
        let hashes = (0...64).map { [UInt8](repeating: 0, count: $0).trieHash }
        XCTAssertEqual(Set(hashes).count, hashes.count)
    }

    func testTopBitsAreEvenlySpreadForSequentialKeys() {
        var buckets = [Int](repeating: 0, count: 32)
        for n in 0..<32_000 { buckets[Int(byteKey(n).trieHash >> 59)] += 1 }
        // 1000 expected per bucket, standard deviation about 31.
        XCTAssertTrue(buckets.allSatisfy { (800...1200).contains($0) }, "\(buckets)")
    }
}
