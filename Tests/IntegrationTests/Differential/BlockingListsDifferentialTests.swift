import RESP
import XCTest

/// The blocking list commands compared with Redis over several connections: service by later pushes, FIFO among
/// waiters, timeouts, BLMOVE chains, MULTI, type changes, disconnects.
final class BlockingListsDifferentialTests: XCTestCase {
    /// A connection speaking `version`.
    private func connect(_ server: ServerProcess, _ version: RESPVersion) throws -> RedisConnection {
        let c = try server.connect()
        if version == .v3 { _ = try c.send(["HELLO", "3"]) }
        return c
    }

    /// Waits until `count` clients are blocked (INFO blocked_clients), so a later push finds them queued in order.
    private func waitForBlocked(_ observer: RedisConnection, _ count: Int) throws {
        let deadline = Deadline(seconds: 5)
        while !deadline.hasPassed {
            if try observer.send(["INFO", "clients"]).text?.contains("blocked_clients:\(count)\r\n") == true { return }
            usleep(2000)
        }
        throw HarnessError.timeout(port: observer.port, seconds: 5, partialBytes: 0)
    }

    func testBlpopServedByLaterPush() {
        assertSameTranscript { server, version in
            let waiter = try connect(server, version), pusher = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            try waiter.write(["BLPOP", "a", "b", "0"])
            try waitForBlocked(pusher, 1)
            return [try pusher.send(["RPUSH", "b", "x", "y"]), try waiter.readReply(), try pusher.send(["LRANGE", "b", "0", "-1"]),
                    try pusher.send(["INFO", "clients"]).text.map { .boolean($0.contains("blocked_clients:0")) } ?? .null]
        }
    }

    func testBlmpopAndBrpopServedWithTheirShapes() {
        assertSameTranscript { server, version in
            let multi = try connect(server, version), single = try connect(server, version), pusher = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            try multi.write(["BLMPOP", "0", "2", "a", "b", "RIGHT", "COUNT", "2"])
            try waitForBlocked(pusher, 1)
            try single.write(["BRPOP", "b", "5"])
            try waitForBlocked(pusher, 2)
            let pushed = try pusher.send(["RPUSH", "b", "1", "2", "3"])
            return [pushed, try multi.readReply(), try single.readReply(), try pusher.send(["EXISTS", "b"])]
        }
    }

    func testTimeoutsAnswerNil() {
        assertSameTranscript { server, version in
            let c = try connect(server, version)
            _ = try c.send(["FLUSHALL"])
            return [try c.send(["BLPOP", "a", "0.05"]), try c.send(["BRPOP", "a", "b", "0.01"]),
                    try c.send(["BLMOVE", "a", "b", "LEFT", "RIGHT", "0.01"]), try c.send(["BRPOPLPUSH", "a", "b", "0.01"]),
                    try c.send(["BLMPOP", "0.01", "2", "a", "b", "LEFT", "COUNT", "3"]), try c.send(["BLPOP", "a", "0.0001"])]
        }
    }

    func testArgumentErrors() {
        assertSameReplies([
            DifferentialCase("blocking argument errors", [
                ["BLPOP", "a", "-1"], ["BLPOP", "a", "x"], ["BLPOP", "a", "inf"], ["BLPOP", "a", "nan"], ["BLPOP", "a", " 1"],
                ["BLPOP", "a", "1e16"], ["BLPOP", "a", ""], ["BRPOP", "a"], ["BLPOP"], ["BLMOVE", "a", "b", "UP", "LEFT", "x"],
                ["BLMOVE", "a", "b", "LEFT", "LEFT", "x"], ["BLMOVE", "a", "b", "LEFT", "LEFT", "-1"],
                ["BRPOPLPUSH", "a", "b", "x"], ["BRPOPLPUSH", "a", "b"], ["BLMPOP", "x", "1", "a", "LEFT"],
                ["BLMPOP", "x", "0", "a", "LEFT"], ["BLMPOP", "-1", "1", "a", "MIDDLE"], ["BLMPOP", "0", "1", "a", "LEFT", "COUNT", "0"],
                ["BLMPOP", "0", "1", "a"], ["SET", "s", "v"], ["BLPOP", "missing", "s", "0"], ["BLMOVE", "s", "d", "LEFT", "LEFT", "0"],
                ["BLMPOP", "0", "2", "missing", "s", "LEFT"], ["RPUSH", "l", "1", "2", "3"], ["BLPOP", "l", "s", "0"],
                ["BRPOP", "s", "l", "0"], ["BLMPOP", "0", "1", "l", "RIGHT", "COUNT", "5"], ["RPUSH", "m", "x"],
                ["BLMOVE", "m", "s", "LEFT", "LEFT", "0"], ["BRPOPLPUSH", "m", "n", "0"], ["LRANGE", "n", "0", "-1"],
            ]),
        ])
    }

    func testWaitersAreServedInArrivalOrder() {
        assertSameTranscript { server, version in
            let first = try connect(server, version), second = try connect(server, version), pusher = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            try first.write(["BRPOP", "l", "0"])
            try waitForBlocked(pusher, 1)
            try second.write(["BLPOP", "other", "l", "0"])
            try waitForBlocked(pusher, 2)
            let pushed = try pusher.send(["RPUSH", "l", "1", "2", "3"])
            return [pushed, try first.readReply(), try second.readReply(), try pusher.send(["LRANGE", "l", "0", "-1"])]
        }
    }

    func testBlmoveChain() {
        assertSameTranscript { server, version in
            let a = try connect(server, version), b = try connect(server, version), pusher = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            try a.write(["BLMOVE", "one", "two", "RIGHT", "LEFT", "0"])
            try waitForBlocked(pusher, 1)
            try b.write(["BRPOPLPUSH", "two", "three", "0"])
            try waitForBlocked(pusher, 2)
            let pushed = try pusher.send(["LPUSH", "one", "x"])
            return [pushed, try a.readReply(), try b.readReply(), try pusher.send(["LRANGE", "three", "0", "-1"]),
                    try pusher.send(["EXISTS", "one", "two"])]
        }
    }

    func testPushInsideMultiWakesAfterExec() {
        assertSameTranscript { server, version in
            let waiter = try connect(server, version), pusher = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            try waiter.write(["BLPOP", "a", "b", "0"])
            try waitForBlocked(pusher, 1)
            let replies = try pusher.pipeline([["MULTI"], ["RPUSH", "a", "1"], ["RPUSH", "b", "2"], ["LPUSH", "a", "0"], ["EXEC"]])
            return replies + [try waiter.readReply(), try pusher.send(["LRANGE", "a", "0", "-1"]),
                              try pusher.send(["LRANGE", "b", "0", "-1"])]
        }
    }

    func testBlockingCommandsInsideMultiAnswerAtOnce() {
        assertSameTranscript { server, version in
            let c = try connect(server, version)
            _ = try c.send(["FLUSHALL"])
            return try c.pipeline([["MULTI"], ["BLPOP", "a", "0"], ["BLMOVE", "a", "b", "LEFT", "LEFT", "0"],
                                   ["BRPOPLPUSH", "a", "b", "0"], ["BLMPOP", "0", "1", "a", "LEFT"], ["RPUSH", "a", "x"],
                                   ["BRPOP", "a", "0"], ["EXEC"]])
        }
    }

    func testTypeChangeKeepsWaitingAndWrongTypeDestinationFails() {
        assertSameTranscript { server, version in
            let waiter = try connect(server, version), mover = try connect(server, version), other = try connect(server, version)
            _ = try other.send(["FLUSHALL"])
            try waiter.write(["BLPOP", "k", "0"])
            try waitForBlocked(other, 1)
            var replies = [try other.send(["SET", "k", "string"]), try other.send(["DEL", "k"])]
            _ = try other.send(["SET", "dst", "string"])
            try mover.write(["BLMOVE", "src", "dst", "LEFT", "LEFT", "0"])
            try waitForBlocked(other, 2)
            replies.append(try other.send(["RPUSH", "src", "v"]))
            replies.append(try mover.readReply())
            replies.append(try other.send(["RPUSH", "k", "w"]))
            replies.append(try waiter.readReply())
            replies.append(try other.send(["LRANGE", "src", "0", "-1"]))
            return replies
        }
    }

    func testDisconnectedWaiterIsSkipped() {
        assertSameTranscript { server, version in
            let pusher = try connect(server, version), survivor = try connect(server, version)
            _ = try pusher.send(["FLUSHALL"])
            do {
                let leaving = try connect(server, version)
                try leaving.write(["BLPOP", "l", "0"])
                try waitForBlocked(pusher, 1)
            }
            try waitForBlocked(pusher, 0)
            try survivor.write(["BLPOP", "l", "0"])
            try waitForBlocked(pusher, 1)
            return [try pusher.send(["RPUSH", "l", "v"]), try survivor.readReply(), try pusher.send(["EXISTS", "l"])]
        }
    }
}
