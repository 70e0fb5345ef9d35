import RDB
import XCTest

/// DUMP payloads byte for byte as redis-server 7.0.15 produced them for the same values.
final class DumpPayloadTests: XCTestCase {
    static let redisDumps: [(RDBValue, RDBEncoder.Layout, String)] = [
        (.string(Array("hello".utf8)), .compact, "000568656c6c6f0a006372df766534200a"),
        (.string(Array("12345".utf8)), .compact, "00c139300a009d94ea2793fc08b9"),
        (.list([Array("a".utf8), Array("b".utf8)]), .compact, "1201020d0d0000000200816102816202ff0a0068eb0a891341bbb1"),
        (.set([Array("1".utf8), Array("2".utf8)]), .compact, "0b0c0200000002000000010002000a006f7938b134eb202e"),
        (.zset([(Array("a".utf8), 1.5)]), .compact, "110f0f000000020081610283312e3504ff0a00080c6e19808e7d98"),
        (.hash([(Array("a".utf8), Array("1".utf8)), (Array("bb".utf8), Array("hello".utf8))]), .compact,
         "10171700000004008161020101826262038568656c6c6f06ff0a00c4f7cf7440790858"),
    ]

    static func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            out.append(UInt8(s[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    func testEncodingMatchesRedisBytes() {
        for (value, layout, redis) in Self.redisDumps {
            XCTAssertEqual(DumpPayload.encode(value, layout: layout), Self.hex(redis), "\(value)")
        }
    }

    func testRedisPayloadsDecode() throws {
        for (value, _, redis) in Self.redisDumps {
            XCTAssertEqual(try DumpPayload.decode(Self.hex(redis)).value, value)
        }
    }

    func testDamagedOrNewerPayloadsAreRefusedWithRedisText() {
        var payload = Self.hex(Self.redisDumps[0].2)
        payload[2] ^= 1
        XCTAssertThrowsError(try DumpPayload.decode(payload)) { error in
            XCTAssertEqual((error as! RDBError).message, "DUMP payload version or checksum are wrong")
        }
        var newer = Array(Self.hex(Self.redisDumps[0].2).dropLast(10))
        newer += [11, 0]
        newer += (0..<8).map { _ in 0 }  // zero checksum: accepted, but version 11 is too new for 7.0 semantics
        XCTAssertThrowsError(try DumpPayload.decode(newer))
        XCTAssertThrowsError(try DumpPayload.decode([1, 2, 3]))
    }
}
