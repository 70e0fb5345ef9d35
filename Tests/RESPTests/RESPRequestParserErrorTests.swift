import NIOCore
import RESP
import XCTest

/// Each protocol error with the exact text redis-server 7.0 replies.
final class RESPRequestParserErrorTests: XCTestCase {
    func testNonNumericMultibulkLength() {
        assertProtocolError(bytes("*x\r\n"), "Protocol error: invalid multibulk length")
    }

    func testNonCanonicalMultibulkLengths() {
        assertProtocolError(bytes("*01\r\n$4\r\nPING\r\n"), "Protocol error: invalid multibulk length")
        assertProtocolError(bytes("*+1\r\n$4\r\nPING\r\n"), "Protocol error: invalid multibulk length")
    }

    func testMultibulkLengthOverTheLimit() {
        assertProtocolError(bytes("*2147483648\r\n"), "Protocol error: invalid multibulk length")
        assertProtocolError(bytes("*5\r\n"), "Protocol error: invalid multibulk length", limits: .init(maxMultibulkLength: 4))
    }

    func testMissingDollarReportsTheByteFound() {
        assertProtocolError(bytes("*1\r\nfoo\r\n"), "Protocol error: expected '$', got 'f'")
        assertProtocolError(bytes("*2\r\n$1\r\na\r\n:1\r\n"), "Protocol error: expected '$', got ':'")
    }

    func testInvalidBulkLengths() {
        for header in ["$-1", "$x", "$+4", "$04", "$-0", "$"] {
            assertProtocolError(bytes("*1\r\n\(header)\r\nPING\r\n"), "Protocol error: invalid bulk length")
        }
    }

    func testBulkLengthOverTheLimit() {
        assertProtocolError(bytes("*1\r\n$536870913\r\n"), "Protocol error: invalid bulk length")
        assertProtocolError(bytes("*1\r\n$5\r\nhello\r\n"), "Protocol error: invalid bulk length", limits: .init(maxBulkLength: 4))
    }

    func testMultibulkCountLineWithoutCarriageReturnWithinLimit() {
        assertProtocolError(
            bytes("*") + [UInt8](repeating: UInt8(ascii: "1"), count: 70000),
            "Protocol error: too big mbulk count string", everySplit: false)
    }

    func testBulkCountLineWithoutCarriageReturnWithinLimit() {
        assertProtocolError(
            bytes("*1\r\n$") + [UInt8](repeating: UInt8(ascii: "1"), count: 70000),
            "Protocol error: too big bulk count string", everySplit: false)
    }

    func testInlineRequestWithoutNewlineWithinLimit() {
        assertProtocolError([UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 + 1),
            "Protocol error: too big inline request", everySplit: false)
        assertProtocolError(bytes("GET abcdefgh"), "Protocol error: too big inline request",
            limits: .init(maxInlineLength: 8))
    }

    func testUnbalancedQuotesInInlineRequest() {
        for line in [#"ECHO "ab"#, #"ECHO "ab"c"#, #"ECHO a"b c"d"#, "ECHO 'ab", "ECHO 'a'b", #"ECHO "a\"#] {
            assertProtocolError(bytes(line + "\r\n"), "Protocol error: unbalanced quotes in request")
        }
    }

    func testUnauthenticatedClientIsLimitedToTenArgumentsOfSixteenKilobytes() {
        let pending = RESPRequestLimits(authenticationPending: true)
        assertProtocolError(bytes("*11\r\n"), "Protocol error: unauthenticated multibulk length", limits: pending)
        assertProtocolError(bytes("*1\r\n$16385\r\n"), "Protocol error: unauthenticated bulk length", limits: pending)
        assertCommands(bytes("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n"), [["AUTH", "pw"]], limits: pending)
    }

    func testCommandsBeforeAnErrorAreStillProduced() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*1\r\n$4\r\nPING\r\n*x\r\n")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args, [bytes("PING")])
        args.removeAll()
        XCTAssertThrowsError(try parser.parse(&buffer, into: &args)) {
            XCTAssertEqual($0 as? RESPProtocolError, .invalidMultibulkLength)
        }
    }
}
