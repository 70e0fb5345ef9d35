import RESP
import XCTest

/// Malformed, oversized, inline, pipelined and fragmented requests: Strata must answer and
/// close exactly as Redis does, and keep serving other clients afterwards.
final class ProtocolRobustnessTests: XCTestCase {
    /// Inline requests may be at most 64 KB long before their newline.
    static let inlineLimit = 64 * 1024

    /// Raw requests and what Redis does with them: most get a protocol error and the
    /// connection closed; a billion-element array header is within Redis's limit, so it
    /// just waits for the elements (without allocating for them up front).
    static let badRequests: [(name: String, bytes: [UInt8])] = [
        ("malformed multibulk count", Array("*abc\r\n".utf8)),
        ("bulk header expected", Array("*1\r\nGET\r\n".utf8)),
        ("billion-element multibulk", Array("*1000000000\r\n".utf8)),
        ("multibulk count beyond 32 bits", Array("*4294967296\r\n".utf8)),
        ("huge bulk length", Array("*1\r\n$2147483648\r\n".utf8)),
        ("negative bulk length", Array("*1\r\n$-5\r\n".utf8)),
        ("unbalanced quotes inline", Array("SET a \"b c\r\n".utf8)),
        // One byte over the limit, so the server has read everything when it closes: unread
        // bytes would make the kernel send a reset that can swallow the error reply.
        ("inline line over the limit", [UInt8](repeating: UInt8(ascii: "a"), count: inlineLimit + 1)),
    ]

    func testProtocolErrorsAnswerThenCloseAndTheServerKeepsServing() {
        assertSameTranscript { server, _ in
            let bystander = try server.connect()
            var transcript: [RESPValue] = []
            for request in Self.badRequests {
                let client = try server.connect()
                try client.sendRaw(request.bytes)
                transcript.append(.bulkString(Array(request.name.utf8)))
                transcript.append((try? client.readReply(timeout: 0.5)) ?? .simpleString("<no reply>"))
                transcript.append(.boolean(try client.waitUntilClosed(timeout: 0.5)))
                transcript.append(try bystander.send(["PING", request.name]))
            }
            return transcript
        }
    }

    func testHundredKilobyteInlineLineIsRefusedAndTheServerKeepsServing() throws {
        let server = try ServerProcess.strata()
        let client = try server.connect()
        try client.sendRaw([UInt8](repeating: UInt8(ascii: "a"), count: 100 * 1024))
        if let reply = try? client.readReply(timeout: 5) {
            XCTAssertEqual(reply, .error("ERR Protocol error: too big inline request"))
        }
        XCTAssertTrue(try client.waitUntilClosed(), "connection still open after a 100 KB inline line")
        XCTAssertEqual(try server.connect().send(["PING"]), .simpleString("PONG"))
    }

    func testInlineCommands() {
        assertSameTranscript { server, _ in
            let client = try server.connect()
            try client.sendRaw("PING\r\n")
            let pong = try client.readReply()
            try client.sendRaw("SET a \"b c\"\r\nGET a\r\n  ECHO   'x y'  \r\n\r\nEXISTS a missing\n")
            return [pong] + (try (0..<4).map { _ in try client.readReply() })
        }
    }

    func testTenThousandPipelinedCommandsInOneWrite() throws {
        let commands = (0..<10_000).map { $0 % 2 == 0 ? ["SET", "key:\($0)", "v\($0)"] : ["GET", "key:\($0 - 1)"] }
        let server = try ServerProcess.strata()
        let client = try server.connect()
        let replies = try client.pipeline(commands)
        XCTAssertEqual(replies.count, commands.count)
        for (index, reply) in replies.enumerated() {
            let expected: RESPValue = index % 2 == 0 ? .simpleString("OK") : .bulkString(Array("v\(index - 1)".utf8))
            if reply != expected {
                XCTFail("reply \(index) to \(commands[index]) was \(reply), expected \(expected)")
                return
            }
        }
        XCTAssertEqual(try client.send(["DBSIZE"]), .integer(5000))
    }

    func testCommandSplitByteByByteAcrossWrites() throws {
        let server = try ServerProcess.strata()
        let client = try server.connect()
        for request in ["*3\r\n$3\r\nSET\r\n$5\r\nsplit\r\n$6\r\nby\r\nte\r\n", "GET split\r\n"] {
            for byte in request.utf8 { try client.sendRaw([byte]) }
        }
        XCTAssertEqual(try client.readReply(), .simpleString("OK"))
        XCTAssertEqual(try client.readReply(), .bulkString(Array("by\r\nte".utf8)))
    }
}
