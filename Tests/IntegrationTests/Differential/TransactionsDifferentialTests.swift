import RESP
import XCTest

/// MULTI/EXEC/DISCARD/WATCH/UNWATCH compared with Redis: queueing, queue-time and run-time errors, and WATCH
/// broken (or not) by other connections, expiry, flushes and SWAPDB.
final class TransactionsDifferentialTests: XCTestCase {
    /// Commands that fail or change nothing do not count as modifying a watched key; real changes do.
    func testWatchIgnoresWritesThatChangeNothing() {
        assertSameReplies([
            DifferentialCase("no-op writes keep the watch", [
                ["SET", "k", "abc"], ["WATCH", "k"], ["INCR", "k"], ["INCRBY", "k", "2"], ["MULTI"], ["PING"], ["EXEC"],
                ["XADD", "s", "1-1", "a", "b"], ["WATCH", "s"], ["XTRIM", "s", "MAXLEN", "4"], ["MULTI"], ["PING"], ["EXEC"],
                ["SETBIT", "b", "1", "1"], ["WATCH", "b"], ["SETBIT", "b", "1", "1"], ["MULTI"], ["PING"], ["EXEC"],
                ["ZADD", "z", "1", "a"], ["WATCH", "z"], ["ZADD", "z", "1", "a"], ["SADD", "z2", "x"], ["MULTI"], ["PING"], ["EXEC"],
            ]),
            DifferentialCase("real writes break it", [
                ["SET", "b", "x"], ["WATCH", "b"], ["SETBIT", "b", "1", "0"], ["MULTI"], ["PING"], ["EXEC"],
                ["XADD", "s", "1-1", "a", "b"], ["XADD", "s", "1-2", "a", "b"], ["WATCH", "s"],
                ["XTRIM", "s", "MAXLEN", "1"], ["MULTI"], ["PING"], ["EXEC"],
            ]),
        ])
    }

    func testQueueingAndErrors() {
        assertSameReplies([
            DifferentialCase("exec runs the queue", [
                ["MULTI"], ["SET", "k", "v"], ["INCR", "k"], ["GET", "k"], ["SELECT", "1"], ["SET", "k", "one"],
                ["EXEC"], ["GET", "k"], ["SELECT", "0"], ["GET", "k"],
            ]),
            DifferentialCase("queue-time errors abort", [
                ["MULTI"], ["NOSUCH", "x"], ["SET", "k"], ["SET", "k", "v"], ["CLIENT", "FOO"], ["EXEC"], ["GET", "k"],
                ["EXEC"], ["DISCARD"],
            ]),
            DifferentialCase("control errors do not abort", [
                ["MULTI"], ["MULTI"], ["WATCH", "k"], ["DISCARD", "x"], ["SET", "k", "v"], ["EXEC"], ["GET", "k"],
            ]),
            DifferentialCase("refused exec", [
                ["EXEC", "x"], ["MULTI"], ["SET", "k", "v"], ["EXEC", "x"], ["EXEC"], ["GET", "k"],
            ]),
            DifferentialCase("discard", [
                ["MULTI"], ["SET", "k", "v"], ["DISCARD"], ["GET", "k"], ["DISCARD"], ["UNWATCH"],
            ]),
            DifferentialCase("empty and introspection", [
                ["MULTI"], ["EXEC"], ["MULTI"], ["PING"], ["ECHO", "x"], ["EXEC"], ["WATCH"], ["UNWATCH", "x"],
            ]),
            DifferentialCase("subscribe inside exec", [
                ["MULTI"], ["SUBSCRIBE", "c"], ["PING"], ["UNSUBSCRIBE"], ["EXEC"], ["PING"],
            ]),
            DifferentialCase("command table", [["COMMAND", "INFO", "multi", "exec", "discard", "watch", "unwatch"]]),
            DifferentialCase("own write breaks own watch", [
                ["SET", "k", "1"], ["WATCH", "k"], ["SET", "k", "2"], ["MULTI"], ["GET", "k"], ["EXEC"],
                ["WATCH", "k"], ["GET", "k"], ["MULTI"], ["GET", "k"], ["EXEC"],
            ]),
        ])
    }

    func testOutOfMemoryInsideMulti() {
        assertSameReplies([
            DifferentialCase("queueing refused over maxmemory", [
                ["MULTI"], ["GET", "k"], ["EXEC"], ["MULTI"], ["DISCARD"],
            ]),
        ], serverArguments: ["--maxmemory", "1", "--maxmemory-policy", "noeviction"])
    }

    /// EXEC itself is refused (and the transaction discarded) when memory went over while a denyoom command sat
    /// in the queue; a queue of reads still runs.
    func testExecRefusedWhenMemoryRanOutAfterQueueing() {
        assertSameTranscript { server, version in
            let a = try connect(server, version), admin = try connect(server, version)
            var replies = [try a.send(["FLUSHALL"]), try a.send(["MULTI"]), try a.send(["SET", "k", "v"])]
            replies += [try admin.send(["CONFIG", "SET", "maxmemory", "1"]), try a.send(["EXEC"]), try a.send(["EXEC"])]
            replies += [try admin.send(["CONFIG", "SET", "maxmemory", "0"]), try a.send(["MULTI"]), try a.send(["GET", "k"])]
            replies += [try admin.send(["CONFIG", "SET", "maxmemory", "1"]), try a.send(["EXEC"])]
            replies += [try admin.send(["CONFIG", "SET", "maxmemory", "0"])]
            return replies
        }
    }

    func testWatchBrokenByAnotherClientsWriteButNotByItsRead() {
        assertSameTranscript { server, version in
            let a = try connect(server, version), b = try connect(server, version)
            var replies = [try a.send(["FLUSHALL"]), try a.send(["SET", "k", "1"]), try a.send(["WATCH", "k", "other"])]
            replies += [try b.send(["GET", "k"]), try b.send(["EXISTS", "k"]), try b.send(["TTL", "k"])]
            replies += [try a.send(["MULTI"]), try a.send(["INCR", "k"]), try a.send(["EXEC"])]
            replies += [try a.send(["WATCH", "k"]), try b.send(["SET", "k", "x"])]
            replies += [try a.send(["MULTI"]), try a.send(["INCR", "k"]), try a.send(["EXEC"]), try a.send(["GET", "k"])]
            replies += [try a.send(["WATCH", "k"]), try b.send(["SET", "k", "y"]), try a.send(["UNWATCH"])]
            replies += [try a.send(["MULTI"]), try a.send(["GET", "k"]), try a.send(["EXEC"])]
            replies += [try a.send(["WATCH", "k"]), try b.send(["SELECT", "3"]), try b.send(["SET", "k", "z"])]
            replies += [try a.send(["MULTI"]), try a.send(["GET", "k"]), try a.send(["EXEC"])]
            return replies
        }
    }

    func testWatchAndFlushesAndSwapdb() {
        assertSameTranscript { server, version in
            let a = try connect(server, version), b = try connect(server, version)
            var replies = [try a.send(["FLUSHALL"]), try a.send(["WATCH", "absent"]), try b.send(["FLUSHALL"])]
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            replies += [try a.send(["SET", "k", "v"]), try a.send(["WATCH", "k"]), try b.send(["FLUSHDB"])]
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            replies += [try a.send(["SET", "k", "v"]), try a.send(["WATCH", "k"]), try b.send(["SWAPDB", "0", "1"])]
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            // Nothing of this name in either database: SWAPDB changes nothing for it.
            replies += [try a.send(["WATCH", "nowhere"]), try b.send(["SWAPDB", "0", "1"])]
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            return replies
        }
    }

    func testWatchedKeyExpiringBeforeExec() {
        assertSameTranscript(serverArguments: ["--enable-debug-command", "yes"]) { server, version in
            let a = try connect(server, version)
            var replies = [try a.send(["FLUSHALL"]), try a.send(["DEBUG", "SET-ACTIVE-EXPIRE", "0"])]
            // Live at WATCH, expired by EXEC: the transaction fails even though nothing deleted the key yet.
            replies += [try a.send(["SET", "k", "v", "PX", "30"]), try a.send(["WATCH", "k"])]
            usleep(80_000)
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            // Already expired at WATCH: its lazy deletion is no change.
            replies += [try a.send(["SET", "j", "v", "PX", "1"])]
            usleep(20_000)
            replies += [try a.send(["WATCH", "j"]), try a.send(["GET", "j"])]
            replies += [try a.send(["MULTI"]), try a.send(["PING"]), try a.send(["EXEC"])]
            replies += [try a.send(["DEBUG", "SET-ACTIVE-EXPIRE", "1"])]
            return replies
        }
    }

    private func connect(_ server: ServerProcess, _ version: RESPVersion) throws -> RedisConnection {
        let c = try server.connect()
        if version == .v3 { _ = try c.send(["HELLO", "3"]) }
        return c
    }
}
