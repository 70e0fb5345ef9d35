import RDB
import StrataText
@testable import RDBTool
import XCTest

final class ExportTests: XCTestCase {
    func b(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testRESPCommandsRecreateEachTypeAndExpiry() {
        let entry = RDBEntry(db: 0, key: b("z"), value: .zset([(b("a"), -.infinity), (b("b"), 1.5)]), encoding: .zsetListpack,
                             expireAt: 1_700_000_000_000)
        XCTAssertEqual(RESPExport.commands(for: entry).map { $0.map { String(decoding: $0, as: UTF8.self) } },
                       [["ZADD", "z", "-inf", "a", "1.5", "b"], ["PEXPIREAT", "z", "1700000000000"]])
        var out: [UInt8] = []
        RESPExport.encode([b("SET"), b("k"), b("")], into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n")
    }

    func testBigCollectionsAreSplitIntoBatches() {
        let entry = RDBEntry(db: 0, key: b("l"), value: .list((0..<1200).map { b("\($0)") }), encoding: .listQuicklist2)
        let commands = RESPExport.commands(for: entry)
        XCTAssertEqual(commands.map(\.count), [514, 514, 178])
        XCTAssertEqual(commands.flatMap { $0.dropFirst(2) }.count, 1200)
    }

    func testJSONKeepsBinaryBytesAsBase64() {
        XCTAssertEqual(JSONText.bytes(b("a\"\n")), "\"a\\\"\\n\"")
        XCTAssertEqual(JSONText.bytes([0xFF, 0x00]), "{\"base64\":\"/wA=\"}")
        XCTAssertEqual(JSONText.base64(b("hello")), "aGVsbG8=")
    }

    func testDigestIgnoresOrderOnlyWhereRedisDoes() {
        XCTAssertEqual(ValueComparison.digest(.set([b("a"), b("b")])), ValueComparison.digest(.set([b("b"), b("a")])))
        XCTAssertNotEqual(ValueComparison.digest(.list([b("a"), b("b")])), ValueComparison.digest(.list([b("b"), b("a")])))
        XCTAssertNotEqual(ValueComparison.digest(.list([b("ab")])), ValueComparison.digest(.list([b("a"), b("b")])))
        XCTAssertEqual(ValueComparison.digest(.hash([(b("f"), b("1")), (b("g"), b("2"))])),
                       ValueComparison.digest(.hash([(b("g"), b("2")), (b("f"), b("1"))])))
        XCTAssertNotEqual(ValueComparison.digest(.zset([(b("a"), 1)])), ValueComparison.digest(.zset([(b("a"), 2)])))
        XCTAssertTrue(ValueComparison.same(.zset([(b("a"), 1), (b("b"), 2)]), .zset([(b("b"), 2), (b("a"), 1)])))
    }
}
