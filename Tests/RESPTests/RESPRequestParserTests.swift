import NIOCore
import RESP
import XCTest

final class RESPRequestParserTests: XCTestCase {
    func testMultibulkCommandIsParsedForEverySplit() {
        assertCommands(bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"), [["SET", "key", "value"]])
    }

    func testPipelineOfManyCommandsIsParsedForEverySplit() {
        var input: [UInt8] = []
        var expected: [[String]] = []
        for index in 0..<100 {
            input += bytes("*2\r\n$4\r\nINCR\r\n$\(String(index).count)\r\n\(index)\r\n")
            expected.append(["INCR", String(index)])
        }
        assertCommands(input, expected)
    }

    func testMixedPipelineOfMultibulkAndInlineIsParsedForEverySplit() {
        assertCommands(
            bytes("*1\r\n$4\r\nPING\r\nECHO \"a b\"\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\nQUIT\n"),
            [["PING"], ["ECHO", "a b"], ["GET", ""], ["QUIT"]])
    }

    func testBinaryBulkWithCRLFInsideIsTakenByLength() {
        assertCommands(bytes("*2\r\n$4\r\nECHO\r\n$6\r\na\r\n\r\nb\r\n"), [["ECHO", "a\r\n\r\nb"]])
    }

    func testEmptyCommandsAreSkipped() {
        assertCommands(bytes("*0\r\n*-1\r\n*-5\r\n\r\n\n   \r\n*1\r\n$4\r\nPING\r\n"), [["PING"]])
    }

    func testBytesAfterBulkBodyAreSkippedUncheckedAsRedisDoes() {
        assertCommands(bytes("*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n"), [["PING"], ["PING"]])
    }

    func testByteAfterHeaderCarriageReturnIsSkippedUncheckedAsRedisDoes() {
        assertCommands(bytes("*1\rX$4\r\nPING\r\n"), [["PING"]])
    }

    func testOneMegabyteBulkArrivingInOneKilobyteReads() throws {
        let payload = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let input = bytes("*2\r\n$3\r\nSET\r\n$\(payload.count)\r\n") + payload + bytes("\r\n*1\r\n$4\r\nPING\r\n")
        let chunks = stride(from: 0, to: input.count, by: 1024).map { input[$0..<min($0 + 1024, input.count)] }
        let produced = try commands(fromChunks: chunks)
        XCTAssertEqual(produced.count, 2)
        XCTAssertEqual(produced.first?[1], payload)
        XCTAssertEqual(produced.last, [bytes("PING")])
    }

    func testPartialInputIsConsumedSoTheBufferDoesNotGrowWithABigBulk() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*1\r\n$100000\r\n")
        var args: [[UInt8]] = []
        for _ in 0..<100 {
            buffer.writeBytes([UInt8](repeating: 0x61, count: 1000))
            XCTAssertFalse(try parser.parse(&buffer, into: &args))
            XCTAssertEqual(buffer.readableBytes, 0)
        }
        buffer.writeString("\r\n")
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args, [[UInt8](repeating: 0x61, count: 100000)])
    }

    func testHugeDeclaredBulkLengthWithFewBytesOnlyWaits() throws {
        var parser = RESPRequestParser(limits: .init(maxBulkLength: Int.max))
        var buffer = ByteBuffer(string: "*1\r\n$2147483647\r\nabc")
        var args: [[UInt8]] = []
        XCTAssertFalse(try parser.parse(&buffer, into: &args))
        XCTAssertTrue(args.isEmpty)
    }

    func testHugeDeclaredArgumentCountWithFewBytesOnlyWaits() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*1000000\r\n$3\r\nGET\r\n")
        var args: [[UInt8]] = []
        XCTAssertFalse(try parser.parse(&buffer, into: &args))
        XCTAssertTrue(args.isEmpty)
    }

    func testLimitsChangedBetweenCallsApplyToTheNextHeader() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*1\r\n$5\r\nhello\r\n")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        parser.limits.maxBulkLength = 4
        buffer.writeString("*1\r\n$5\r\nhello\r\n")
        args.removeAll()
        XCTAssertThrowsError(try parser.parse(&buffer, into: &args)) {
            XCTAssertEqual($0 as? RESPProtocolError, .invalidBulkLength)
        }
    }

    func testBulkLengthEqualToTheLimitIsAccepted() {
        assertCommands(bytes("*1\r\n$4\r\nPING\r\n"), [["PING"]], limits: .init(maxBulkLength: 4))
    }

    func testInlineCommandsWithAndWithoutCarriageReturn() {
        assertCommands(bytes("PING\nSET k v\r\n  GET   k  \r\n"), [["PING"], ["SET", "k", "v"], ["GET", "k"]])
    }

    func testInlineQuotingFollowsRedisRules() {
        assertCommands(bytes(#"ECHO "a\x41\n" 'a\'b' "a\zb" 'a\nb'"# + "\n"), [["ECHO", "aA\n", "a'b", "azb", "a\\nb"]])
    }

    func testInlineLineOfExactlyTheLimitWaitsForItsNewline() throws {
        var parser = RESPRequestParser(limits: .init(maxInlineLength: 16))
        var buffer = ByteBuffer(bytes: [UInt8](repeating: 0x61, count: 16))
        var args: [[UInt8]] = []
        XCTAssertFalse(try parser.parse(&buffer, into: &args))
        buffer.writeString("\n")
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args, [[UInt8](repeating: 0x61, count: 16)])
    }
}

final class RESPRequestParserReuseTests: XCTestCase {
    /// Arguments passed back in are reused for the next command; an argument kept by its command (as SET keeps its
    /// value) must not change when the parser reuses storage.
    func testReusedArgumentsNeverAlterRetainedOnes() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n*3\r\n$3\r\nSET\r\n$2\r\nk2\r\n$6\r\nother!\r\n"
                                + "*2\r\n$3\r\nGET\r\n$3\r\nabc\r\n*4\r\n$4\r\nMSET\r\n$1\r\na\r\n$0\r\n\r\n$1\r\nb\r\n")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        let kept = args[2]
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args.map { String(decoding: $0, as: UTF8.self) }, ["SET", "k2", "other!"])
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args.map { String(decoding: $0, as: UTF8.self) }, ["GET", "abc"])
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args.map { String(decoding: $0, as: UTF8.self) }, ["MSET", "a", "", "b"])
        XCTAssertEqual(String(decoding: kept, as: UTF8.self), "value")
        XCTAssertEqual(buffer.readableBytes, 0)
    }

    /// An argument of the same length as the one it reuses is copied over in place; one the command kept still
    /// keeps its own bytes.
    func testSameLengthReuseNeverAltersRetainedOnes() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*3\r\n$3\r\nSET\r\n$2\r\nk1\r\n$2\r\nv1\r\n*3\r\n$3\r\nSET\r\n$2\r\nk2\r\n$2\r\nv2\r\n")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        let kept = args[2]
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args.map { String(decoding: $0, as: UTF8.self) }, ["SET", "k2", "v2"])
        XCTAssertEqual(String(decoding: kept, as: UTF8.self), "v1")
    }

    /// A reused array must not hand a stored value a much larger buffer than it needs (memory per key).
    func testReusedStorageIsOnlyForSmallArguments() throws {
        var parser = RESPRequestParser()
        let big = String(repeating: "v", count: 400)
        var buffer = ByteBuffer(string: "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$400\r\n\(big)\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\n"
                                + String(repeating: "x", count: 100) + "\r\n")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args[2].count, 100)
        XCTAssertLessThan(args[2].capacity, 200)
    }

    /// A request whose end has not arrived yet is finished by the general path, whatever the previous command left
    /// in `args`.
    func testSplitRequestAfterReusedArguments() throws {
        var parser = RESPRequestParser()
        var buffer = ByteBuffer(string: "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$5\r\nab")
        var args: [[UInt8]] = []
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertFalse(try parser.parse(&buffer, into: &args))
        buffer.writeString("cde\r\n")
        XCTAssertTrue(try parser.parse(&buffer, into: &args))
        XCTAssertEqual(args.map { String(decoding: $0, as: UTF8.self) }, ["GET", "abcde"])
    }
}
