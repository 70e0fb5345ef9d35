import RDB
import XCTest

final class PackedEncodingTests: XCTestCase {
    func testListpackRoundTripsEveryEncodingWidth() throws {
        let strings = ["", "a", String(repeating: "x", count: 63), String(repeating: "y", count: 64),
                       String(repeating: "z", count: 4095), String(repeating: "w", count: 4096), "-0", "007", "1.5"]
        let ints: [Int64] = [0, 127, 128, -1, -4096, 4095, 4096, -32768, 32767, 32768, -8_388_608, 8_388_607,
                             8_388_608, Int64(Int32.min), Int64(Int32.max), Int64(Int32.max) + 1, .min, .max]
        let elements = strings.map { Array($0.utf8) } + ints.map { Array(String($0).utf8) }
        let blob = Listpack.encode(elements)
        let decoded = try Listpack.decode(blob)
        XCTAssertEqual(decoded.map(\.bytes), elements)
        XCTAssertEqual(decoded.suffix(ints.count), ints.map(PackedEntry.int))
        XCTAssertEqual(decoded.prefix(strings.count).map { if case .bytes = $0 { true } else { false } },
                       Array(repeating: true, count: strings.count))
    }

    func testListpackMatchesRedisBytes() throws {
        // A hash {a: 1, bb: "hello"} as Redis 7.0 DUMPs it (type 16 payload).
        let redis: [UInt8] = [0x17, 0, 0, 0, 0x04, 0, 0x81, 0x61, 0x02, 0x01, 0x01, 0x82, 0x62, 0x62, 0x03,
                              0x85, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x06, 0xff]
        XCTAssertEqual(Listpack.encode([Array("a".utf8), Array("1".utf8), Array("bb".utf8), Array("hello".utf8)]), redis)
        XCTAssertEqual(try Listpack.decode(redis).map(\.bytes).map { String(decoding: $0, as: UTF8.self) },
                       ["a", "1", "bb", "hello"])
    }

    func testListpackRejectsDamage() {
        var blob = Listpack.encode([Array("abc".utf8), Array("12".utf8)])
        XCTAssertThrowsError(try Listpack.decode(Array(blob.dropLast())))
        blob[6] = 0x84  // string length changed: the backlen no longer matches
        XCTAssertThrowsError(try Listpack.decode(blob)) { error in
            XCTAssertEqual((error as? PackedFormatError)?.format, "listpack")
        }
    }

    func testIntsetPicksTheNarrowestWidth() throws {
        XCTAssertEqual(Intset.encode([3, 1, 2]), [2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 2, 0, 3, 0])
        for values: [Int64] in [[1, -5, 40000], [Int64(Int32.max) + 1, -1], [.min, .max]] {
            XCTAssertEqual(try Intset.decode(Intset.encode(values)), values.sorted())
        }
        XCTAssertThrowsError(try Intset.decode([2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 1, 0]))  // not ascending
    }

    func testZiplistDecodesEveryEntryEncoding() throws {
        var body: [UInt8] = []
        var previous = 0
        func entry(_ encoded: [UInt8]) {
            let prevlen: [UInt8] = previous < 254 ? [UInt8(previous)] : [0xFE] + (0..<4).map { UInt8(truncatingIfNeeded: previous >> (8 * $0)) }
            body += prevlen + encoded
            previous = prevlen.count + encoded.count
        }
        entry([0x03] + Array("abc".utf8))  // 6-bit string
        entry([0xF1])  // immediate 0
        entry([0xFD])  // immediate 12
        entry([0xFE, 0xF6])  // int8 -10
        entry([0xC0, 0x39, 0x30])  // int16 12345
        entry([0xF0, 0x00, 0x00, 0x80])  // int24 -8388608
        entry([0xD0, 0xFF, 0xFF, 0xFF, 0x7F])  // int32
        entry([0xE0] + [UInt8](repeating: 0xFF, count: 8))  // int64 -1
        entry([0x41, 0x00] + Array(repeating: 0x71, count: 256))  // 14-bit string of 256 bytes
        entry([0x01, 0x7a])
        let tail = 10 + body.count - previous
        var blob: [UInt8] = []
        let total = 10 + body.count + 1
        for k in 0..<4 { blob.append(UInt8(truncatingIfNeeded: total >> (8 * k))) }
        for k in 0..<4 { blob.append(UInt8(truncatingIfNeeded: tail >> (8 * k))) }
        blob += [10, 0] + body + [0xFF]
        let decoded = try Ziplist.decode(blob)
        XCTAssertEqual(decoded.prefix(8), [.bytes(Array("abc".utf8)), .int(0), .int(12), .int(-10), .int(12345),
                                           .int(-8_388_608), .int(Int64(Int32.max)), .int(-1)])
        XCTAssertEqual(decoded[8], .bytes(Array(repeating: 0x71, count: 256)))
        XCTAssertEqual(decoded[9], .bytes(Array("z".utf8)))
    }

    func testZipmapDecodesPairsAndSkipsFreeSpace() throws {
        let blob: [UInt8] = [2, 3] + Array("foo".utf8) + [3, 1] + Array("bar".utf8) + [0x00]
            + [1] + Array("k".utf8) + [2, 0] + Array("vv".utf8) + [0xFF]
        let pairs = try Zipmap.decode(blob)
        XCTAssertEqual(pairs.map { String(decoding: $0.field, as: UTF8.self) }, ["foo", "k"])
        XCTAssertEqual(pairs.map { String(decoding: $0.value, as: UTF8.self) }, ["bar", "vv"])
    }

    func testCanonicalIntegerFollowsRedisRules() {
        for (text, value) in [("0", Int64(0)), ("-1", -1), ("9223372036854775807", .max), ("-9223372036854775808", .min)] {
            XCTAssertEqual(PackedEntry.canonicalInteger(Array(text.utf8)), value)
        }
        for text in ["", "-", "-0", "01", "+1", "1 ", "9223372036854775808", "1e3"] {
            XCTAssertNil(PackedEntry.canonicalInteger(Array(text.utf8)), text)
        }
    }
}
