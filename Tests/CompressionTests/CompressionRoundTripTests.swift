import XCTest
@testable import Compression

final class CompressionRoundTripTests: XCTestCase {
    private let sample: [UInt8] = Array((0..<20_000).map { UInt8(truncatingIfNeeded: $0 % 251 ^ ($0 >> 7)) })

    func testZlibRoundTripRestoresTheInput() throws {
        let packed = try Zlib.compress(sample)
        XCTAssertLessThan(packed.count, sample.count)
        XCTAssertEqual(try Zlib.decompress(packed, originalSize: sample.count), sample)
    }

    func testZlibRejectsCorruptInput() {
        XCTAssertThrowsError(try Zlib.decompress([1, 2, 3, 4, 5], originalSize: 10))
    }

    func testZlibCRC32MatchesTheKnownCheckValue() {
        XCTAssertEqual(Zlib.crc32(Array("123456789".utf8)), 0xCBF4_3926)
    }

    func testLZ4RoundTripRestoresTheInput() throws {
        let packed = try LZ4.compress(sample)
        XCTAssertLessThan(packed.count, sample.count)
        XCTAssertEqual(try LZ4.decompress(packed, originalSize: sample.count), sample)
    }

    func testLZ4RejectsATruncatedBlock() throws {
        let packed = try LZ4.compress(sample)
        XCTAssertThrowsError(try LZ4.decompress(Array(packed.prefix(packed.count / 2)), originalSize: sample.count))
    }
}
