import Foundation
import NIOCore
import RESP
import XCTest

/// Strata's own accept loop and its direct reply writes (`Listener`, `ConnectionHandler.transmit`): every bind
/// address serves, a port that cannot be bound is fatal unless the address is optional, and output the socket
/// cannot take at once queues behind what it took, in order, without holding up other clients.
final class ConnectionIOTests: XCTestCase {
    /// 40 replies of 512 KB: far beyond what loopback socket buffers hold, so most of it waits in the server.
    static let bigValue = String(repeating: "v", count: 512 * 1024)
    static let rounds = 40

    func testRepliesBeyondTheSocketBufferArriveWholeAndInOrder() throws {
        let server = try ServerProcess.strata()
        let client = try server.connect(timeout: 30)
        XCTAssertEqual(try client.send(["SET", "big", Self.bigValue]), .simpleString("OK"))
        var requests: [[String]] = []
        for round in 0..<Self.rounds {
            requests.append(["GET", "big"])
            requests.append(["ECHO", "marker \(round)"])
        }
        // Nothing is read until every request is sent, so the server's first write fills the socket and the rest
        // queues; the second batch arrives while that queue is still full and must stay behind it.
        try client.sendRaw(Self.encoded(requests))
        try client.sendRaw(Self.encoded([["ECHO", "tail"]]))
        XCTAssertEqual(try server.connect().send(["PING"]), .simpleString("PONG"),
                       "another client waited for the stalled one")
        for round in 0..<Self.rounds {
            XCTAssertEqual(try client.readReply(), .bulkString(Array(Self.bigValue.utf8)), "GET of round \(round)")
            XCTAssertEqual(try client.readReply(), .bulkString(Array("marker \(round)".utf8)))
        }
        XCTAssertEqual(try client.readReply(), .bulkString(Array("tail".utf8)))
        XCTAssertEqual(try client.send(["ECHO", "after"]), .bulkString(Array("after".utf8)))
    }

    func testMessagesToASubscriberThatDoesNotReadArriveInOrder() throws {
        let server = try ServerProcess.strata()
        let subscriber = try server.connect(timeout: 30)
        XCTAssertEqual(try subscriber.send(["SUBSCRIBE", "news"]),
                       .array([.bulkString(Array("subscribe".utf8)), .bulkString(Array("news".utf8)), .integer(1)]))
        let publisher = try server.connect()
        for round in 0..<Self.rounds {
            XCTAssertEqual(try publisher.send(["PUBLISH", "news", "\(round) \(Self.bigValue)"]), .integer(1))
        }
        for round in 0..<Self.rounds {
            let expected = RESPValue.array([.bulkString(Array("message".utf8)), .bulkString(Array("news".utf8)),
                                            .bulkString(Array("\(round) \(Self.bigValue)".utf8))])
            XCTAssertEqual(try subscriber.readReply(), expected, "message \(round)")
        }
        XCTAssertEqual(try subscriber.send(["PING"]),
                       .array([.bulkString(Array("pong".utf8)), .bulkString([])]))
    }

    func testASubscriberOverThePubsubHardLimitIsDisconnected() {
        assertSameTranscript { server, _ in
            let closesLogged = Self.outputLimitCloses(server)
            let publisher = try server.connect()
            _ = try publisher.send(["CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0"])
            let subscriber = try server.connect(timeout: 30)
            _ = try subscriber.send(["SUBSCRIBE", "news"])
            for _ in 0..<Self.rounds { _ = try publisher.send(["PUBLISH", "news", Self.bigValue]) }
            let closed = try subscriber.waitUntilClosed(timeout: 20)
            return [.boolean(closed), try publisher.send(["PUBSUB", "NUMSUB", "news"]),
                    .boolean(Self.outputLimitCloses(server) > closesLogged)]
        }
    }

    func testASubscriberOverTheSoftLimitForLongerThanItsSecondsIsDisconnected() {
        assertSameTranscript { server, _ in
            let publisher = try server.connect()
            _ = try publisher.send(["CONFIG", "SET", "client-output-buffer-limit", "pubsub 0 1mb 0"])
            let subscriber = try server.connect(timeout: 30)
            _ = try subscriber.send(["SUBSCRIBE", "news"])
            // Over the soft limit from the first messages on; the close comes with a message published once the
            // clock has moved to the next second (Redis counts whole seconds). Paced, so that neither server queues
            // much more than the limit needs (a few MB a second).
            let deadline = Deadline(seconds: 20)
            var closed = false
            while !closed && !deadline.hasPassed {
                usleep(20_000)
                _ = try publisher.send(["PUBLISH", "news", Self.bigValue])
                closed = try publisher.send(["PUBSUB", "NUMSUB", "news"])
                    == .array([.bulkString(Array("news".utf8)), .integer(0)])
            }
            return [.boolean(closed), .boolean(try subscriber.waitUntilClosed(timeout: 20))]
        }
    }

    func testANormalClientOverTheNormalHardLimitIsDisconnected() {
        assertSameTranscript { server, _ in
            let admin = try server.connect()
            _ = try admin.send(["CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"])
            _ = try admin.send(["SET", "big", Self.bigValue])
            let reader = try server.connect(timeout: 30)
            try reader.sendRaw(Self.encoded(Array(repeating: ["GET", "big"], count: Self.rounds)))
            return [.boolean(try reader.waitUntilClosed(timeout: 20)), try admin.send(["ECHO", "still serving"])]
        }
    }

    func testIdleClientsAreClosedAfterTimeoutButNotSubscribersBlockedOrPausedClients() {
        assertSameTranscript(serverArguments: ["--timeout", "1"]) { server, _ in
            let idle = try server.connect()
            _ = try idle.send(["PING"])
            let subscriber = try server.connect()
            _ = try subscriber.send(["SUBSCRIBE", "news"])
            let blocked = try server.connect(timeout: 30)
            try blocked.write(["BLPOP", "list", "0"])
            _ = try server.connect().send(["CLIENT", "PAUSE", "60000", "WRITE"])
            let postponed = try server.connect(timeout: 30)
            try postponed.write(["SET", "k", "v"])
            let idleClosed = try idle.waitUntilClosed(timeout: 15)
            let admin = try server.connect()
            _ = try admin.send(["CLIENT", "UNPAUSE"])
            _ = try admin.send(["RPUSH", "list", "x"])
            return [.boolean(idleClosed), try blocked.readReply(), try postponed.readReply(),
                    try subscriber.send(["PING"])]
        }
    }

    func testClientSocketsGetTCPKeepaliveAsConfigured() {
        assertSameTranscript { server, _ in
            let client = try server.connect()
            _ = try client.send(["PING"])  // accepted and set up by the time it answers
            let withDefault = try Self.keepaliveTimers(serverPort: server.port)
            _ = try client.send(["CONFIG", "SET", "tcp-keepalive", "0"])
            let second = try server.connect()
            _ = try second.send(["PING"])
            let afterSet = try Self.keepaliveTimers(serverPort: server.port)
            _ = try client.send(["CONFIG", "SET", "tcp-keepalive", "300"])  // the next pass starts from the default
            return [.integer(Int64(withDefault)), .integer(Int64(afterSet))]
        }
    }

    /// How many of the server's established sockets on `serverPort` run a keepalive timer (`tr` 02 in
    /// /proc/net/tcp; an idle socket without keepalive shows 00). A socket whose last reply is not acknowledged yet
    /// shows its retransmission timer (01) instead, so the table is read again until none does.
    private static func keepaliveTimers(serverPort: Int) throws -> Int {
        let localSuffix = ":" + String(format: "%04X", serverPort)
        let deadline = Deadline(seconds: 5)
        while true {
            let table = try readWhole("/proc/net/tcp")
            let timers = table.split(separator: "\n").dropFirst().compactMap { line -> Substring? in
                let fields = line.split(separator: " ")
                guard fields.count > 5, fields[1].hasSuffix(localSuffix), fields[3] == "01" else { return nil }
                return fields[5].prefix(2)
            }
            if !timers.contains("01") || deadline.hasPassed { return timers.filter { $0 == "02" }.count }
            usleep(10_000)
        }
    }

    /// A /proc file read to its end (its size reads as 0, and one read returns only the first page of rows).
    private static func readWhole(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw HarnessError.socket(call: "open \(path)", errno: errno, port: 0) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func testEveryBindAddressServes() throws {
        // The whole of 127.0.0.0/8 is loopback on Linux, so a second address needs no setup.
        let server = try ServerProcess.strata(["--bind", "127.0.0.1 127.0.0.2"])
        let second = try RedisConnection(port: server.port, host: "127.0.0.2")
        guard case .bulkString(let info?) = try second.send(["CLIENT", "INFO"]) else {
            return XCTFail("CLIENT INFO did not answer a bulk string")
        }
        XCTAssertTrue(String(decoding: info, as: UTF8.self).contains("laddr=127.0.0.2:\(server.port)"),
                      String(decoding: info, as: UTF8.self))
        XCTAssertEqual(try server.connect().send(["PING"]), .simpleString("PONG"))
    }

    func testAnOptionalAddressThatCannotBeBoundIsSkipped() throws {
        // 192.0.2.1 (TEST-NET-1) is not an address of this machine: binding it fails.
        let server = try ServerProcess.strata(["--bind", "127.0.0.1 -192.0.2.1"])
        XCTAssertEqual(try server.connect().send(["PING"]), .simpleString("PONG"))
        XCTAssertTrue(server.log.contains("Could not create server TCP listening socket 192.0.2.1:\(server.port)"),
                      server.log)
    }

    func testAddressesThatCannotBeBoundStopTheServerAsRedisDoes() throws {
        // Not optional: fatal. Optional, but nothing else to listen on: fatal too, with its own message.
        let cases: [(bind: String, message: String)] = [
            ("127.0.0.1 192.0.2.1", "Failed listening on port"),
            ("-192.0.2.1", "Configured to not listen anywhere, exiting."),
        ]
        for binary in [ServerBinary.strata, .redis] {
            for (bind, message) in cases {
                let run = try FinishedProcess(binary, arguments: ["--port", String(try FreePort.next()), "--bind", bind,
                                                                  "--save", ""] + (binary == .redis ? ["--daemonize", "no"] : []))
                let output = run.standardOutput + run.standardError
                XCTAssertEqual(run.status, 1, "\(binary.name) --bind '\(bind)'")
                XCTAssertTrue(output.contains("Could not create server TCP listening socket 192.0.2.1"), output)
                XCTAssertTrue(output.contains(message), "\(binary.name) --bind '\(bind)': \(output)")
            }
        }
    }

    func testAPortInUseStopsTheServer() throws {
        let holder = try ServerProcess.strata()
        let run = try FinishedProcess(.strata, arguments: ["--port", String(holder.port), "--bind", "127.0.0.1",
                                                           "--save", ""])
        XCTAssertEqual(run.status, 1)
        let output = run.standardOutput + run.standardError
        XCTAssertTrue(output.contains("Could not create server TCP listening socket 127.0.0.1:\(holder.port)"), output)
        XCTAssertTrue(output.contains("Address already in use"), output)
        XCTAssertEqual(try holder.connect().send(["PING"]), .simpleString("PONG"))
    }

    func testShutdownWhileManyConnectionsWaitForTheBusyEventLoopEndsTheServer() throws {
        let server = try ServerProcess.strata(["--enable-debug-command", "yes"])
        let client = try server.connect()
        // The event loop sleeps, then shuts down in the same read: the connections made meanwhile are accepted and
        // handed to it (up to the handoff limit, the accepting thread then waits), so the shutdown finds them
        // waiting and must not wait for them.
        let probe = try server.connect()
        try client.sendRaw(Self.encoded([["DEBUG", "SLEEP", "3"], ["SHUTDOWN", "NOSAVE"]]))
        // Asleep once a PING goes unanswered for a moment.
        let deadline = Deadline(seconds: 10)
        repeat { try probe.write(["PING"]) } while (try? probe.readReply(timeout: 0.2)) != nil && !deadline.hasPassed
        let waiting = try (0..<400).map { _ in try server.connect() }
        withExtendedLifetime(waiting) {
            XCTAssertTrue(server.waitForExit(timeout: 30), "the server did not exit")
        }
    }

    func testTheStoppedServersPortCanBeBoundAgain() throws {
        let first = try ServerProcess.strata()
        // The server closes this connection as it stops, leaving its side in TIME_WAIT on the port: binding the
        // port again then needs SO_REUSEADDR.
        let client = try first.connect()
        _ = try client.send(["PING"])
        XCTAssertEqual(first.stop(), 0)
        XCTAssertTrue(try client.waitUntilClosed())
        let second = try ServerProcess(.strata, port: first.port)
        XCTAssertEqual(try second.connect().send(["PING"]), .simpleString("PONG"))
    }

    /// How often the server has logged closing a client over its output buffer limit.
    private static func outputLimitCloses(_ server: ServerProcess) -> Int {
        server.log.components(separatedBy: "scheduled to be closed ASAP for overcoming of output buffer limits").count - 1
    }

    private static func encoded(_ commands: [[String]]) -> [UInt8] {
        var out = ByteBufferAllocator().buffer(capacity: 1024)
        for command in commands { RESPValue.command(command).encode(into: &out) }
        return Array(out.readableBytesView)
    }
}
