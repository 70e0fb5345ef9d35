import NIOCore
import RESP
import XCTest

final class RESPValueTests: XCTestCase {
    /// One value of every case, nested where the case allows it.
    private let everyCase: [RESPValue] = [
        .simpleString("OK"),
        .error("ERR unknown command"),
        .integer(-9_223_372_036_854_775_808),
        .integer(42),
        .bulkString(Array("a\r\nb".utf8)),
        .bulkString([]),
        .bulkString(nil),
        .array([.integer(1), .array([.bulkString(Array("x".utf8))]), .array([])]),
        .array(nil),
        .null,
        .double(1.1),
        .double(-0.0),
        .double(.infinity),
        .double(-.infinity),
        .double(.nan),
        .boolean(true),
        .boolean(false),
        .bigNumber("-3492890328409238509324850943850943825024385"),
        .verbatim(format: "txt", text: Array("Some string".utf8)),
        .map([RESPPair(key: .simpleString("first"), value: .integer(1)), RESPPair(key: .null, value: .set([]))]),
        .set([.bulkString(Array("a".utf8)), .double(2.5)]),
        .push([.bulkString(Array("message".utf8)), .bulkString(Array("chan".utf8)), .bulkString(Array("hi".utf8))]),
        .attribute([RESPPair(key: .simpleString("ttl"), value: .integer(3600))]),
    ]

    private func encoded(_ values: [RESPValue]) -> [UInt8] {
        var buffer = ByteBuffer()
        for value in values { value.encode(into: &buffer) }
        return Array(buffer.readableBytesView)
    }

    /// Feeds `chunks` as successive reads and parses every value out of them.
    private func parsed(_ chunks: [ArraySlice<UInt8>]) throws -> [RESPValue] {
        var parser = RESPValueParser()
        var buffer = ByteBuffer()
        var values: [RESPValue] = []
        for chunk in chunks {
            buffer.writeBytes(chunk)
            while let value = try parser.parse(&buffer) { values.append(value) }
        }
        XCTAssertEqual(buffer.readableBytes, 0)
        return values
    }

    func testEveryCaseRoundTripsForEverySplit() throws {
        let wire = encoded(everyCase)
        for chunks in deliveries(of: wire) {
            XCTAssertEqual(try parsed(chunks), everyCase, "delivered as \(chunks.map(\.count))")
        }
    }

    func testEncodingIsByteExact() {
        XCTAssertEqual(String(decoding: encoded(everyCase), as: UTF8.self), """
            +OK\r\n-ERR unknown command\r\n:-9223372036854775808\r\n:42\r\n$4\r\na\r\nb\r\n$0\r\n\r\n$-1\r\n\
            *3\r\n:1\r\n*1\r\n$1\r\nx\r\n*0\r\n*-1\r\n_\r\n,1.1000000000000001\r\n,-0\r\n,inf\r\n,-inf\r\n,nan\r\n\
            #t\r\n#f\r\n(-3492890328409238509324850943850943825024385\r\n=15\r\ntxt:Some string\r\n\
            %2\r\n+first\r\n:1\r\n_\r\n~0\r\n~2\r\n$1\r\na\r\n,2.5\r\n\
            >3\r\n$7\r\nmessage\r\n$4\r\nchan\r\n$2\r\nhi\r\n|1\r\n+ttl\r\n:3600\r\n
            """)
    }

    func testBlobErrorParsesAsError() throws {
        XCTAssertEqual(try parsed([bytes("!21\r\nSYNTAX invalid syntax\r\n")[...]]), [.error("SYNTAX invalid syntax")])
    }

    func testCommandIsAnArrayOfBulkStrings() {
        XCTAssertEqual(
            String(decoding: encoded([.command(["SET", "k", "v"])]), as: UTF8.self),
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n")
    }

    func testIncompleteValueConsumesNothing() throws {
        var parser = RESPValueParser()
        var buffer = ByteBuffer(string: "*2\r\n:1\r\n")
        XCTAssertNil(try parser.parse(&buffer))
        XCTAssertEqual(buffer.readableBytes, 8)
    }

    func testHugeDeclaredLengthsWithFewBytesOnlyWait() throws {
        var parser = RESPValueParser()
        for header in ["*1000000000\r\n", "$2147483647\r\nabc", "%1000000000\r\n+a\r\n"] {
            var buffer = ByteBuffer(string: header)
            XCTAssertNil(try parser.parse(&buffer), header)
        }
    }

    private func assertParseError(
        _ input: String, _ reason: RESPValueParseError.Reason, at offset: Int, maxDepth: Int = 64,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var parser = RESPValueParser(maxDepth: maxDepth)
        var buffer = ByteBuffer(string: input)
        XCTAssertThrowsError(try parser.parse(&buffer), file: file, line: line) {
            XCTAssertEqual($0 as? RESPValueParseError, RESPValueParseError(reason, at: offset), file: file, line: line)
        }
    }

    func testMalformedValuesReportReasonAndOffset() {
        assertParseError("?\r\n", .unknownType(UInt8(ascii: "?")), at: 0)
        assertParseError(":12a\r\n", .invalidInteger, at: 1)
        assertParseError("$-2\r\n", .invalidLength, at: 1)
        assertParseError("~-1\r\n", .invalidLength, at: 1)
        assertParseError("+OK\rX", .missingCRLF, at: 4)
        assertParseError("$2\r\nabc\r\n", .missingCRLF, at: 6)
        assertParseError(",abc\r\n", .invalidDouble, at: 1)
        assertParseError("#x\r\n", .invalidBoolean, at: 1)
        assertParseError("=3\r\ntxt\r\n", .invalidVerbatim, at: 4)
        assertParseError("*1\r\n*1\r\n*1\r\n:1\r\n", .tooDeep(maxDepth: 2), at: 8, maxDepth: 2)
        assertParseError("*2\r\n:1\r\n&\r\n", .unknownType(UInt8(ascii: "&")), at: 8)
    }

    func testNaNEqualsNaNAndNegativeZeroDiffersFromZero() {
        XCTAssertEqual(RESPValue.double(.nan), .double(-.nan))
        XCTAssertEqual(Set([RESPValue.double(.nan), .double(.nan)]).count, 1)
        XCTAssertNotEqual(RESPValue.double(0.0), .double(-0.0))
    }

    func testDescriptionReadsLikeRedisCli() {
        XCTAssertEqual(RESPValue.simpleString("PONG").description, "PONG")
        XCTAssertEqual(RESPValue.error("ERR x").description, "(error) ERR x")
        XCTAssertEqual(RESPValue.integer(5).description, "(integer) 5")
        XCTAssertEqual(RESPValue.bulkString(nil).description, "(nil)")
        XCTAssertEqual(RESPValue.bulkString(Array("q\"x\n\u{1}".utf8)).description, #""q\"x\n\x01""#)
        XCTAssertEqual(RESPValue.double(1.5).description, "(double) 1.5")
        XCTAssertEqual(RESPValue.boolean(true).description, "(true)")
        XCTAssertEqual(RESPValue.array([]).description, "(empty array)")
        XCTAssertEqual(RESPValue.map([]).description, "(empty hash)")
        XCTAssertEqual(RESPValue.set([]).description, "(empty set)")
        XCTAssertEqual(
            RESPValue.array([.integer(1), .array([.integer(2), .array([.bulkString(Array("a".utf8))])])]).description,
            "1) (integer) 1\n2) 1) (integer) 2\n   2) 1) \"a\"")
        XCTAssertEqual(
            RESPValue.map([RESPPair(key: .bulkString(Array("f1".utf8)), value: .bulkString(Array("v1".utf8)))]).description,
            "1# \"f1\" => \"v1\"")
        XCTAssertEqual(RESPValue.set([.bulkString(Array("x".utf8))]).description, "1~ \"x\"")
        let eleven = RESPValue.array((1...11).map { .bulkString(Array(String($0).utf8)) }).description
        XCTAssertTrue(eleven.hasPrefix(" 1) \"1\"\n 2) \"2\"\n"))
        XCTAssertTrue(eleven.hasSuffix("\n10) \"10\"\n11) \"11\""))
    }
}
