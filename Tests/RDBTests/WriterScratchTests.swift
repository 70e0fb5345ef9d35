@testable import RDB
import XCTest

/// The writer's speed-ups (slicing CRC, reused LZF table, reused listpack storage) change no output byte.
final class WriterScratchTests: XCTestCase {
    /// Bit-at-a-time CRC-64 (Jones, reflected), the definition the table-driven code must agree with.
    private func bitwiseCRC(_ bytes: [UInt8]) -> UInt64 {
        var crc: UInt64 = 0
        for b in bytes {
            crc ^= UInt64(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x95ac_9329_ac4b_c9b5 : crc >> 1 }
        }
        return crc
    }

    func testSlicingCRC64AgreesWithTheBitwiseDefinitionAtEveryLengthAndAlignment() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 113 &+ 7) }
        for start in 0..<9 {
            for end in stride(from: start, through: data.count, by: 7) {
                XCTAssertEqual(CRC64.checksum(data[start..<end]), bitwiseCRC(Array(data[start..<end])))
            }
        }
    }

    func testReusedLZFTableCompressesExactlyLikeAFreshOne() {
        var rng = SystemRandomNumberGenerator()
        let scratch = LZFScratch()
        for round in 0..<300 {
            let length = [21, 50, 100, 1000, 20_000][round % 5]
            let alphabet = UInt8([1, 3, 15, 255][round % 4])
            let input = (0..<length).map { _ in UInt8.random(in: 0...alphabet, using: &rng) }
            let fresh = LZF.compress(input, limit: input.count - 4)
            let reused = input.withUnsafeBytes { scratch.compress($0, limit: input.count - 4) }
            XCTAssertEqual(reused.map { Array(UnsafeBufferPointer(start: scratch.output, count: $0)) }, fresh)
        }
    }

    func testAnEncoderPastTheScratchThresholdWritesTheSameStringsAsFreshOnes() {
        let strings = (0..<40).map { i in Array(String(repeating: "value-\(i % 7)-", count: 3 + i).utf8) }
        var long = RDBEncoder()
        for s in strings { long.writeString(s) }
        var expected: [UInt8] = []
        for s in strings {
            var fresh = RDBEncoder()
            fresh.writeString(s)
            expected += fresh.drain()
        }
        XCTAssertEqual(long.drain(), expected)
    }

    func testListpackBuilderWritesWhatTheElementListEncodes() {
        let elements: [[UInt8]] = [[], Array("12".utf8), Array("-4096".utf8), Array("x".utf8),
                                   Array(repeating: 0x61, count: 100), Array(repeating: 0x62, count: 5000),
                                   Array("9223372036854775807".utf8), Array("007".utf8)]
        var builder = ListpackBuilder(reusing: Array(repeating: 0xEE, count: 50))
        for e in elements { e.withUnsafeBytes { builder.append(element: $0) } }
        builder.finish()
        XCTAssertEqual(builder.bytes, Listpack.encode(elements))
        XCTAssertEqual(try Listpack.decode(builder.bytes).map(\.bytes), elements)
    }
}
