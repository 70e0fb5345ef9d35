import RESP
import XCTest

/// SHUTDOWN, MONITOR and active expiry, on both servers.
final class ServerLifecycleTests: XCTestCase {
    func testShutdownNosaveStopsTheServer() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary)
            let client = try server.connect()
            try client.write(["SHUTDOWN", "NOSAVE"])
            XCTAssertTrue(try client.waitUntilClosed(), "\(binary.name) kept the connection open")
            XCTAssertTrue(server.waitForExit(timeout: 5), "\(binary.name) still running after SHUTDOWN")
        }
    }

    func testMonitorStreamsOtherClientsCommands() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary)
            let monitor = try server.connect()
            XCTAssertEqual(try monitor.send(["MONITOR"]), .simpleString("OK"))
            let client = try server.connect()
            _ = try client.send(["SET", "watched", "a b"])
            guard case .simpleString(let line) = try monitor.readReply(timeout: 5) else {
                return XCTFail("\(binary.name): no MONITOR line")
            }
            // `<secs>.<micros> [<db> <addr>] "set" "watched" "a b"`
            let pattern = #"^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "watched" "a b"$"#
            XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), "\(binary.name): \(line)")
        }
    }

    /// Keys nobody reads again still disappear: the active expiry cycle finds them.
    func testActiveExpiryRemovesUntouchedKeys() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary)
            let client = try server.connect()
            _ = try client.pipeline((0..<200).map { ["SET", "tmp:\($0)", "v", "PX", "50"] })
            _ = try client.send(["SET", "keep", "v"])
            let deadline = Deadline(seconds: 10)
            var remaining = -1
            while !deadline.hasPassed {
                // DBSIZE counts without touching keys, so only the background cycle can bring it down.
                if case .integer(let n) = try client.send(["DBSIZE"]), n == 1 { remaining = 1; break }
                usleep(50_000)
            }
            XCTAssertEqual(remaining, 1, "\(binary.name) left expired keys in place")
            XCTAssertEqual(try client.send(["GET", "keep"]), .bulkString(Array("v".utf8)))
        }
    }
}

/// `client-query-buffer-limit` counts a request still being received, including a bulk the parser is
/// collecting: both servers close the client once it passes the limit.
final class QueryBufferLimitTests: XCTestCase {
    func testClientOverTheQueryBufferLimitIsClosed() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary, arguments: ["--client-query-buffer-limit", "1mb"])
            let client = try server.connect()
            try client.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n")
            let chunk = [UInt8](repeating: 97, count: 64 * 1024)
            for _ in 0..<24 { try? client.sendRaw(chunk) }
            XCTAssertTrue(try client.waitUntilClosed(), "\(binary.name) kept a client over the limit")
            XCTAssertEqual(try server.connect().send(["PING"]), .simpleString("PONG"))
        }
    }
}
