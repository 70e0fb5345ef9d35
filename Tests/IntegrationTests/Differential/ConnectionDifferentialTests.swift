import RESP
import XCTest

/// PING, ECHO, RESET, HELLO, AUTH, SELECT, SWAPDB and CLIENT, compared with Redis.
final class ConnectionDifferentialTests: XCTestCase {
    func testPingEchoAndReset() {
        assertSameReplies([
            DifferentialCase("ping", [["PING"], ["PING", "hello"], ["PING", "a", "b"], ["ping"]]),
            DifferentialCase("echo", [["ECHO", "x y"], ["ECHO", ""], ["ECHO"], ["ECHO", "a", "b"]]),
            DifferentialCase("reset restores db, name and protocol", [
                ["SELECT", "3"], ["SET", "k", "v"], ["CLIENT", "SETNAME", "n"],
                ["RESET"], ["GET", "k"], ["CLIENT", "GETNAME"], ["RESET", "extra"],
            ]),
        ])
    }

    func testHello() {
        let outline = Comparison.projected("HELLO field names and proto") { reply in
            guard let pairs = reply.pairs else { return reply }
            return .array(Projection.keys(reply).arrayItems
                + pairs.filter { $0.0.text == "proto" }.map(\.1))
        }
        assertSameReplies([
            DifferentialCase("hello versions", [
                DifferentialStep(["HELLO"], outline), DifferentialStep(["HELLO", "3"], outline),
                DifferentialStep(["HELLO", "2"], outline), ["HELLO", "4"], ["HELLO", "1"],
                ["HELLO", "x"], ["HELLO", "3", "BOGUS"],
            ]),
            DifferentialCase("hello auth without a password configured", [
                DifferentialStep(["HELLO", "3", "AUTH", "default", "whatever"], outline), ["HELLO", "3", "AUTH", "default"],
                ["HELLO", "3", "AUTH", "nobody", "pw"],
            ]),
            DifferentialCase("hello setname", [
                DifferentialStep(["HELLO", "3", "SETNAME", "myname"], outline),
                ["CLIENT", "GETNAME"], ["HELLO", "2", "SETNAME", "bad name"], ["CLIENT", "GETNAME"],
            ]),
        ])
    }

    func testAuthSelectAndSwapdb() {
        assertSameReplies([
            DifferentialCase("auth with no password configured", [
                ["AUTH", "pw"], ["AUTH", "default", "pw"], ["AUTH", "someone", "pw"], ["AUTH"],
                ["AUTH", "a", "b", "c"],
            ]),
            DifferentialCase("select", [
                ["SELECT", "1"], ["SET", "k", "one"], ["SELECT", "0"], ["GET", "k"], ["SELECT", "1"],
                ["GET", "k"], ["SELECT", "16"], ["SELECT", "-1"], ["SELECT", "x"], ["SELECT"],
                ["SELECT", "15"], ["DBSIZE"],
            ]),
            DifferentialCase("swapdb", [
                ["SET", "a", "zero"], ["SELECT", "1"], ["SET", "b", "one"], ["SWAPDB", "0", "1"],
                ["GET", "a"], ["GET", "b"], ["SELECT", "0"], ["GET", "b"], ["SWAPDB", "0", "0"],
                ["SWAPDB", "0", "16"], ["SWAPDB", "x", "1"], ["SWAPDB", "0"], ["DBSIZE"],
            ]),
        ])
    }

    func testClientNamesAndIdentity() {
        assertSameReplies([
            DifferentialCase("client id and names", [
                .ignoreValue("CLIENT", "ID"), ["CLIENT", "GETNAME"], ["CLIENT", "SETNAME", "worker-1"],
                ["CLIENT", "GETNAME"], ["CLIENT", "SETNAME", "has space"], ["CLIENT", "SETNAME", "new\nline"],
                ["CLIENT", "SETNAME", ""], ["CLIENT", "GETNAME"], ["CLIENT", "SETNAME"],
                ["CLIENT", "SETNAME", "a", "b"], ["CLIENT", "NOSUCHSUB"], ["CLIENT"],
            ]),
            DifferentialCase("client list and info shape", [
                ["CLIENT", "SETNAME", "shape"],
                DifferentialStep(["CLIENT", "LIST"], .projected("CLIENT LIST field names", Projection.fieldNames)),
                DifferentialStep(["CLIENT", "INFO"], .projected("CLIENT INFO field names", Projection.fieldNames)),
                DifferentialStep(["CLIENT", "LIST", "TYPE", "normal"], .projected("field names", Projection.fieldNames)),
                ["CLIENT", "LIST", "TYPE", "bogus"],
                DifferentialStep(["CLIENT", "LIST", "ID", "999999"], .projected("field names", Projection.fieldNames)),
            ]),
            DifferentialCase("client no-evict and pause", [
                ["CLIENT", "NO-EVICT", "on"], ["CLIENT", "NO-EVICT", "off"], ["CLIENT", "NO-EVICT", "maybe"],
                ["CLIENT", "PAUSE", "10"], ["CLIENT", "PAUSE", "10", "WRITE"], ["CLIENT", "PAUSE", "10", "BOGUS"],
                ["CLIENT", "PAUSE", "-1"], ["CLIENT", "PAUSE", "x"], ["CLIENT", "UNPAUSE"],
                ["SET", "after", "pause"], ["GET", "after"],
            ]),
            DifferentialCase("client kill errors", [
                ["CLIENT", "KILL", "ID", "999999"], ["CLIENT", "KILL", "ID", "x"], ["CLIENT", "KILL", "ID", "0"],
                ["CLIENT", "KILL", "1.2.3.4:5"], ["CLIENT", "KILL", "ID"],
            ]),
        ])
    }

    func testClientKillByIdClosesThatConnection() {
        assertSameTranscript { server, _ in
            let killer = try server.connect()
            let victim = try server.connect()
            let victimId = try victim.send(["CLIENT", "ID"])
            guard case .integer(let id) = victimId else { return [victimId] }
            let killed = try killer.send(["CLIENT", "KILL", "ID", "\(id)"])
            let closed = try victim.waitUntilClosed()
            return [killed, .boolean(closed), try killer.send(["PING"])]
        }
    }

    func testClientUnblockEndsABlockingCommandWithItsTimeoutReplyOrAnError() {
        assertSameTranscript { server, version in
            let admin = try server.connect()
            let waiter = try server.connect(timeout: 30)
            if version == .v3 { _ = try waiter.send(["HELLO", "3"]) }
            guard case .integer(let id) = try waiter.send(["CLIENT", "ID"]) else { return [.error("no CLIENT ID")] }
            var transcript: [RESPValue] = [try admin.send(["CLIENT", "UNBLOCK", "\(id)"])]  // not blocked: 0
            for (command, reason) in [(["BLPOP", "list", "0"], "TIMEOUT"), (["BZPOPMIN", "zset", "0"], "ERROR"),
                                      (["XREAD", "BLOCK", "0", "STREAMS", "stream", "$"], "timeout")] {
                try waiter.write(command)
                let blocked = Deadline(seconds: 10)
                while try admin.send(["INFO", "clients"]).description.contains("blocked_clients:0"), !blocked.hasPassed {}
                transcript.append(try admin.send(["CLIENT", "UNBLOCK", "\(id)", reason]))
                transcript.append(try waiter.readReply())
            }
            transcript.append(try waiter.send(["PING"]))
            for bad in [["CLIENT", "UNBLOCK", "\(id)", "BOGUS"], ["CLIENT", "UNBLOCK", "x"],
                        ["CLIENT", "UNBLOCK", "\(id)", "TIMEOUT", "extra"], ["CLIENT", "UNBLOCK", "999999"],
                        ["CLIENT", "UNBLOCK"]] {
                transcript.append(try admin.send(bad))
            }
            return transcript
        }
    }

    func testClientReplyOffOnSkip() {
        assertSameTranscript { server, version in
            let client = try server.connect()
            if version == .v3 { _ = try client.send(["HELLO", "3"]) }
            for command in [["CLIENT", "REPLY", "OFF"], ["SET", "a", "1"], ["GET", "a"],
                            ["CLIENT", "REPLY", "ON"], ["CLIENT", "REPLY", "SKIP"], ["GET", "a"],
                            ["ECHO", "after skip"], ["CLIENT", "REPLY", "MAYBE"]] {
                try client.write(command)
            }
            return [try client.readReply(), try client.readReply(), try client.readReply(),
                    try client.send(["GET", "a"])]
        }
    }

    func testQuitRepliesOkAndCloses() {
        assertSameTranscript { server, _ in
            let client = try server.connect()
            let reply = try client.send(["QUIT"])
            return [reply, .boolean(try client.waitUntilClosed()), try server.connect().send(["PING"])]
        }
    }
}
