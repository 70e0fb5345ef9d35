import NIOCore
import RESP
@testable import StrataCore
import XCTest

final class ConnectionCommandTests: XCTestCase {
    func testPingRepliesPongOrEchoesItsArgument() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("PING"), .simpleString("PONG"))
        XCTAssertEqual(h.run("ping", "hi"), .bulk("hi"))
        XCTAssertEqual(h.run("PING", "a", "b"), .error("ERR wrong number of arguments for 'ping' command"))
    }

    func testUnknownCommandNamesTheCommandAndItsFirstArguments() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("FOO", "a", "b"), .error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "))
    }

    func testSelectSwitchesDatabaseAndRejectsBadIndexes() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SELECT", "3"), .ok)
        XCTAssertEqual(h.client.db, 3)
        XCTAssertEqual(h.run("SELECT", "16"), .error("ERR DB index is out of range"))
        XCTAssertEqual(h.run("SELECT", "x"), .error("ERR value is not an integer or out of range"))
    }

    func testHelloSwitchesProtocolAndReportsServerIdentity() {
        let h = EngineHarness()
        guard case .map(let pairs)? = h.run("HELLO", "3") else { return XCTFail("expected a RESP3 map") }
        XCTAssertEqual(h.client.proto, .v3)
        XCTAssertEqual(pairs.first { $0.key == .bulk("proto") }?.value, .integer(3))
        XCTAssertEqual(pairs.first { $0.key == .bulk("server") }?.value, .bulk("redis"))
        XCTAssertEqual(h.run("HELLO", "4"), .error("NOPROTO unsupported protocol version"))
        guard case .array(let flat)? = h.run("HELLO", "2") else { return XCTFail("expected a RESP2 array") }
        XCTAssertEqual(flat?.count, 14)
    }

    func testRequirePassGatesCommandsUntilAuth() {
        let h = EngineHarness([("requirepass", "secret")])
        let c = EngineHarness.newClient(h.engine)
        XCTAssertEqual(h.run("GET", "k", as: c), .error("NOAUTH Authentication required."))
        XCTAssertEqual(h.run("AUTH", "wrong", as: c), .error("WRONGPASS invalid username-password pair or user is disabled."))
        XCTAssertEqual(h.run("AUTH", "default", "secret", as: c), .ok)
        XCTAssertEqual(h.run("PING", as: c), .simpleString("PONG"))
    }

    func testAuthWithoutConfiguredPasswordIsAnError() {
        let h = EngineHarness()
        guard case .error(let e)? = h.run("AUTH", "x") else { return XCTFail() }
        XCTAssertTrue(e.hasPrefix("ERR AUTH <password> called without any password configured"))
    }

    func testClientNameRoundTripAndValidation() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CLIENT", "GETNAME"), .nilBulk)
        XCTAssertEqual(h.run("CLIENT", "SETNAME", "worker-1"), .ok)
        XCTAssertEqual(h.run("CLIENT", "GETNAME"), .bulk("worker-1"))
        XCTAssertEqual(h.run("CLIENT", "SETNAME", "a b"),
                       .error("ERR Client names cannot contain spaces, newlines or special characters."))
        XCTAssertEqual(h.run("CLIENT", "NOPE"), .error("ERR unknown subcommand 'NOPE'. Try CLIENT HELP."))
    }

    func testClientListDescribesEveryClient() {
        let h = EngineHarness()
        _ = EngineHarness.newClient(h.engine)
        guard case .bulkString(let text?)? = h.run("CLIENT", "LIST") else { return XCTFail() }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("id=\(h.client.id) addr=127.0.0.1:40000 laddr=127.0.0.1:6379 "))
        XCTAssertTrue(lines[0].contains(" cmd=client|list "))
    }

    func testClientKillByIDClosesTheOtherClient() {
        let h = EngineHarness()
        let victim = EngineHarness.newClient(h.engine)
        var killed = false
        victim.kill = { killed = true }
        XCTAssertEqual(h.run("CLIENT", "KILL", "ID", String(victim.id)), .integer(1))
        XCTAssertTrue(killed)
        XCTAssertEqual(h.run("CLIENT", "KILL", "ID", "999"), .integer(0))
    }

    func testClientReplyOffSilencesRepliesUntilOn() {
        let h = EngineHarness()
        XCTAssertNil(h.run("CLIENT", "REPLY", "OFF"))
        XCTAssertNil(h.run("PING"))
        XCTAssertEqual(h.run("CLIENT", "REPLY", "ON"), .ok)
        XCTAssertNil(h.run("CLIENT", "REPLY", "SKIP"))
        XCTAssertNil(h.run("PING"))
        XCTAssertEqual(h.run("PING"), .simpleString("PONG"))
    }

    func testClientPauseHoldsWritesButNotReads() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CLIENT", "PAUSE", "100000", "WRITE"), .ok)
        var out = ByteBuffer()
        XCTAssertEqual(h.engine.execute([Bytes("SET"), Bytes("k"), Bytes("v")], client: h.client, out: &out), .paused)
        XCTAssertEqual(h.engine.execute([Bytes("PING")], client: h.client, out: &out), .done)
        XCTAssertEqual(h.run("CLIENT", "UNPAUSE"), .ok)
        XCTAssertEqual(h.engine.execute([Bytes("SET"), Bytes("k"), Bytes("v")], client: h.client, out: &out), .done)
    }

    func testResetRestoresConnectionDefaults() {
        let h = EngineHarness()
        h.run("SELECT", "2")
        h.run("CLIENT", "SETNAME", "x")
        h.run("HELLO", "3")
        XCTAssertEqual(h.run("RESET"), .simpleString("RESET"))
        XCTAssertEqual(h.client.db, 0)
        XCTAssertEqual(h.client.proto, .v2)
        XCTAssertNil(h.client.name)
    }

    func testQuitRepliesOKAndMarksTheClientForClosing() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("QUIT"), .ok)
        XCTAssertTrue(h.client.closeAfterReply)
    }
}
