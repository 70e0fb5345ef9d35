import RDB
import XCTest

final class ChecksumAndLZFTests: XCTestCase {
    func testCRC64MatchesRedisCheckValue() {
        XCTAssertEqual(CRC64.checksum(Array("123456789".utf8)), 0xe9c6_d914_c4b8_d9ca)
        XCTAssertEqual(CRC64.checksum([UInt8]()), 0)
    }

    func testCRC64IsIncremental() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var crc = CRC64()
        crc.update(data[0..<333])
        crc.update(data[333...])
        XCTAssertEqual(crc.value, CRC64.checksum(data))
    }

    func testLZFRoundTripsRepetitiveAndRandomData() throws {
        var rng = SystemRandomNumberGenerator()
        let inputs: [[UInt8]] = [
            Array(repeating: 0x61, count: 1000),
            Array(String(repeating: "hello world ", count: 200).utf8),
            (0..<5000).map { _ in UInt8.random(in: 0...3, using: &rng) },
            (0..<20_000).map { UInt8(truncatingIfNeeded: $0 / 7) },
        ]
        for input in inputs {
            let packed = try XCTUnwrap(LZF.compress(input, limit: input.count - 4))
            XCTAssertLessThan(packed.count, input.count)
            XCTAssertEqual(try LZF.decompress(packed, length: input.count), input)
        }
    }

    func testLZFRefusesIncompressibleData() {
        var rng = SystemRandomNumberGenerator()
        let noise = (0..<256).map { _ in UInt8.random(in: 0...255, using: &rng) }
        XCTAssertNil(LZF.compress(noise, limit: noise.count - 4))
    }

    func testLZFDecodesAHandWrittenStream() throws {
        // literal "ab" then a back reference of length 4 at distance 2: "ababab".
        XCTAssertEqual(try LZF.decompress([0x01, 0x61, 0x62, 0x40, 0x01], length: 6), Array("ababab".utf8))
    }

    func testLZFReportsCorruption() {
        XCTAssertThrowsError(try LZF.decompress([0x01, 0x61], length: 2))  // literal run past the end
        XCTAssertThrowsError(try LZF.decompress([0x00, 0x61, 0x20, 0x05], length: 4))  // reference before the start
        XCTAssertEqual(try? LZF.decompress([0x00, 0x61], length: 2), nil)  // length mismatch
    }
}
