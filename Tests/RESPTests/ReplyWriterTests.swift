import NIOCore
import RESP
import XCTest

final class ReplyWriterTests: XCTestCase {
    private func written(_ write: (inout ByteBuffer) -> Void) -> String {
        var buffer = ByteBuffer()
        write(&buffer)
        return String(buffer: buffer)
    }

    func testSimpleStringFromStaticStringStringAndBytes() {
        XCTAssertEqual(written { $0.writeSimpleString("OK") }, "+OK\r\n")
        XCTAssertEqual(written { $0.writeSimpleString(String("QUEUED")) }, "+QUEUED\r\n")
        XCTAssertEqual(written { $0.writeSimpleString(Array("PONG".utf8)) }, "+PONG\r\n")
    }

    func testLineRepliesReplaceCarriageReturnAndNewlineWithSpaces() {
        XCTAssertEqual(written { $0.writeErrorReply("ERR bad\r\nthing") }, "-ERR bad  thing\r\n")
        XCTAssertEqual(written { $0.writeSimpleString(String("a\nb")) }, "+a b\r\n")
    }

    func testErrorReply() {
        XCTAssertEqual(
            written { $0.writeErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value") },
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")
    }

    func testIntegerReplyCoversTheWholeRange() {
        XCTAssertEqual(written { $0.writeIntegerReply(0) }, ":0\r\n")
        XCTAssertEqual(written { $0.writeIntegerReply(-42) }, ":-42\r\n")
        XCTAssertEqual(written { $0.writeIntegerReply(1_000_000) }, ":1000000\r\n")
        XCTAssertEqual(written { $0.writeIntegerReply(Int.max) }, ":9223372036854775807\r\n")
        XCTAssertEqual(written { $0.writeIntegerReply(Int.min) }, ":-9223372036854775808\r\n")
    }

    func testBulkReplyFromBytesBufferPointerAndString() {
        XCTAssertEqual(written { $0.writeBulkReply(Array("foo".utf8)) }, "$3\r\nfoo\r\n")
        XCTAssertEqual(written { $0.writeBulkReply(Array("a\r\nb".utf8)[...]) }, "$4\r\na\r\nb\r\n")
        XCTAssertEqual(written { buffer in "xyz".utf8.withContiguousStorageIfAvailable { buffer.writeBulkReply(UnsafeRawBufferPointer($0)) } }, "$3\r\nxyz\r\n")
        XCTAssertEqual(written { $0.writeBulkReply(UnsafeRawBufferPointer(start: nil, count: 0)) }, "$0\r\n\r\n")
        XCTAssertEqual(written { $0.writeBulkReply(string: "héllo") }, "$6\r\nhéllo\r\n")
        XCTAssertEqual(written { $0.writeBulkReply([UInt8]()) }, "$0\r\n\r\n")
    }

    func testNullRepliesPerVersion() {
        XCTAssertEqual(written { $0.writeNullReply(.v2) }, "$-1\r\n")
        XCTAssertEqual(written { $0.writeNullReply(.v3) }, "_\r\n")
        XCTAssertEqual(written { $0.writeNullArrayReply(.v2) }, "*-1\r\n")
        XCTAssertEqual(written { $0.writeNullArrayReply(.v3) }, "_\r\n")
    }

    func testAggregateHeadersPerVersion() {
        XCTAssertEqual(written { $0.writeArrayHeader(3) }, "*3\r\n")
        XCTAssertEqual(written { $0.writeMapHeader(2, .v2) }, "*4\r\n")
        XCTAssertEqual(written { $0.writeMapHeader(2, .v3) }, "%2\r\n")
        XCTAssertEqual(written { $0.writeSetHeader(5, .v2) }, "*5\r\n")
        XCTAssertEqual(written { $0.writeSetHeader(5, .v3) }, "~5\r\n")
        XCTAssertEqual(written { $0.writePushHeader(3, .v2) }, "*3\r\n")
        XCTAssertEqual(written { $0.writePushHeader(3, .v3) }, ">3\r\n")
    }

    func testDoubleReplyPerVersion() {
        XCTAssertEqual(written { $0.writeDoubleReply(1.1, .v3) }, ",1.1000000000000001\r\n")
        XCTAssertEqual(written { $0.writeDoubleReply(1.1, .v2) }, "$18\r\n1.1000000000000001\r\n")
        XCTAssertEqual(written { $0.writeDoubleReply(3, .v2) }, "$1\r\n3\r\n")
        XCTAssertEqual(written { $0.writeDoubleReply(.infinity, .v3) }, ",inf\r\n")
        XCTAssertEqual(written { $0.writeDoubleReply(-.infinity, .v2) }, "$4\r\n-inf\r\n")
        XCTAssertEqual(written { $0.writeDoubleReply(.nan, .v3) }, ",nan\r\n")
    }

    func testBooleanReplyPerVersion() {
        XCTAssertEqual(written { $0.writeBooleanReply(true, .v3) }, "#t\r\n")
        XCTAssertEqual(written { $0.writeBooleanReply(false, .v3) }, "#f\r\n")
        XCTAssertEqual(written { $0.writeBooleanReply(true, .v2) }, ":1\r\n")
        XCTAssertEqual(written { $0.writeBooleanReply(false, .v2) }, ":0\r\n")
    }

    func testVerbatimReplyPerVersion() {
        XCTAssertEqual(written { $0.writeVerbatimReply(Array("Some text".utf8), .v3) }, "=13\r\ntxt:Some text\r\n")
        XCTAssertEqual(written { $0.writeVerbatimReply(Array("# x".utf8), format: "mkd", .v3) }, "=7\r\nmkd:# x\r\n")
        XCTAssertEqual(written { $0.writeVerbatimReply(Array("Some text".utf8), .v2) }, "$9\r\nSome text\r\n")
    }

    func testBigNumberReplyPerVersion() {
        let digits = Array("3492890328409238509324850943850943825024385".utf8)
        XCTAssertEqual(written { $0.writeBigNumberReply(digits, .v3) }, "(3492890328409238509324850943850943825024385\r\n")
        XCTAssertEqual(written { $0.writeBigNumberReply(digits, .v2) }, "$43\r\n3492890328409238509324850943850943825024385\r\n")
    }
}
