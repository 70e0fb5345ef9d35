import NIOCore
import RESP
@testable import StrataCore
import XCTest

/// Corner cases of connection-level commands found in review.
final class ConnectionEdgeCaseTests: XCTestCase {
    func testClientPauseRejectsATimeoutThatWouldOverflow() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CLIENT", "PAUSE", String(Int64.max)), .error("ERR timeout is out of range"))
        XCTAssertNil(h.engine.pause)
    }

    func testANewPauseNeverShortensOrLoosensTheCurrentOne() {
        let h = EngineHarness()
        h.run("CLIENT", "PAUSE", "100000", "ALL")
        h.run("CLIENT", "PAUSE", "10", "WRITE")
        XCTAssertEqual(h.engine.pause?.writesOnly, false)
        XCTAssertGreaterThan(h.engine.pause?.until ?? 0, Engine.clockMillis() + 50_000)
    }

    func testReplySkipAlsoSkipsARejectedCommand() {
        let h = EngineHarness()
        XCTAssertNil(h.run("CLIENT", "REPLY", "SKIP"))
        XCTAssertNil(h.run("NOSUCHCOMMAND"), "the skipped reply was the error")
        XCTAssertEqual(h.run("PING"), .simpleString("PONG"))
    }

    func testHelloWithASyntaxErrorDoesNotAuthenticate() {
        let h = EngineHarness([("requirepass", "pw")])
        let c = EngineHarness.newClient(h.engine)
        XCTAssertEqual(h.run("HELLO", "3", "AUTH", "default", "pw", "BOGUS", as: c),
                       .error("ERR Syntax error in HELLO option 'BOGUS'"))
        XCTAssertFalse(c.authenticated)
        XCTAssertEqual(c.proto, .v2)
    }

    func testMonitorNeverShowsPasswordsOrAdminCommands() {
        let h = EngineHarness([("requirepass", "secret")])
        let monitor = EngineHarness.newClient(h.engine)
        monitor.authenticated = true
        var lines: [String] = []
        monitor.deliver = { buffer in lines.append(buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) ?? "") }
        XCTAssertEqual(h.run("MONITOR", as: monitor), .ok)
        let c = EngineHarness.newClient(h.engine)
        h.run("AUTH", "secret", as: c)
        h.run("HELLO", "2", "AUTH", "default", "secret", as: c)
        h.run("CONFIG", "GET", "requirepass", as: c)
        h.run("SET", "k", "v", as: c)
        XCTAssertEqual(lines.count, 3, "\(lines)")
        XCTAssertFalse(lines.joined().contains("secret"), "\(lines)")
        XCTAssertTrue(lines[0].hasSuffix("\"AUTH\" \"(redacted)\"\r\n"), lines[0])
        XCTAssertTrue(lines[1].hasSuffix("\"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n"), lines[1])
        XCTAssertTrue(lines[2].hasSuffix("\"SET\" \"k\" \"v\"\r\n"), lines[2])
    }
}
