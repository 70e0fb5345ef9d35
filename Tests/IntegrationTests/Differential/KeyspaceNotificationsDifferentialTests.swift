import RESP
import XCTest

/// Keyspace notifications compared with Redis: a listener connection subscribed to every keyspace and keyevent
/// channel must receive the same messages, in the same order, for the same commands.
final class KeyspaceNotificationsDifferentialTests: XCTestCase {
    /// The first element of a plain (non-pattern) message: only the closing marker arrives that way.
    private let marker = RESPValue.bulkString(Array("message".utf8))

    func testStringAndGenericCommandEvents() {
        assertSameEvents("KEA", [
            ["SET", "k", "v"], ["SET", "k", "v2", "EX", "100"], ["SET", "k", "v3", "KEEPTTL"], ["SET", "k", "x", "NX"],
            ["EXPIRE", "k", "200"], ["PEXPIRE", "k", "300000", "NX"], ["PERSIST", "k"], ["PERSIST", "k"],
            ["SETEX", "e", "100", "v"], ["PSETEX", "p", "100000", "v"], ["SETNX", "n", "1"], ["SETNX", "n", "2"],
            ["GETSET", "n", "3"], ["SET", "n", "4", "GET"], ["GETDEL", "n"], ["GETDEL", "n"],
            ["GETEX", "e", "EX", "50"], ["GETEX", "e", "PERSIST"], ["GETEX", "e", "PXAT", "1"],
            ["INCR", "c"], ["DECRBY", "c", "5"], ["INCRBY", "c", "0"], ["INCRBYFLOAT", "c", "1.5"],
            ["APPEND", "c", "x"], ["APPEND", "fresh", "y"], ["SETRANGE", "c", "0", "z"], ["SETRANGE", "r", "2", "ab"],
            ["MSET", "a", "1", "b", "2"], ["MSETNX", "a", "1", "z", "2"], ["MSETNX", "y", "1", "w", "2"],
            ["SETBIT", "bits", "3", "1"], ["SETBIT", "bits", "3", "1"], ["BITFIELD", "bits", "SET", "u8", "0", "7"],
            ["BITFIELD", "bits", "GET", "u8", "0"], ["BITOP", "OR", "dest", "bits"], ["BITOP", "OR", "dest", "nokey"],
            ["RENAME", "a", "a2"], ["RENAMENX", "b", "a2"], ["COPY", "a2", "cp"], ["COPY", "a2", "cp", "DB", "4"],
            ["COPY", "a2", "cp", "REPLACE"], ["MOVE", "cp", "5"], ["EXPIRE", "a2", "-1"],
            ["DEL", "p", "missing", "z"], ["UNLINK", "w"], ["EXPIREAT", "y", "1"],
        ])
    }

    /// Every data type's write commands, including the "del" that follows a pop emptying a key.
    func testDataTypeCommandEvents() {
        assertSameEvents("KEA", [
            ["RPUSH", "l", "a", "b", "c"], ["LPUSH", "l", "z"], ["LSET", "l", "0", "y"], ["LINSERT", "l", "BEFORE", "a", "x"],
            ["LREM", "l", "1", "x"], ["LTRIM", "l", "0", "2"], ["LMOVE", "l", "l2", "LEFT", "RIGHT"], ["RPOPLPUSH", "l", "l2"],
            ["LPOP", "l", "5"], ["BLPOP", "l2", "0.01"], ["RPOP", "l2"],
            ["HSET", "h", "a", "1", "b", "2"], ["HSETNX", "h", "a", "9"], ["HINCRBY", "h", "a", "2"],
            ["HINCRBYFLOAT", "h", "b", "0.5"], ["HDEL", "h", "a", "nope"], ["HDEL", "h", "b"],
            ["SADD", "s", "1", "2", "x"], ["SREM", "s", "1"], ["SMOVE", "s", "s2", "x"], ["SPOP", "s"],
            ["SINTERSTORE", "s3", "s2", "s2"], ["SUNIONSTORE", "s4", "s2", "missing"], ["SDIFFSTORE", "s5", "missing"],
            ["ZADD", "z", "1", "a", "2", "b", "3", "c"], ["ZINCRBY", "z", "5", "a"], ["ZREM", "z", "b"],
            ["ZREMRANGEBYSCORE", "z", "0", "3"], ["ZUNIONSTORE", "z2", "1", "z"], ["ZRANGESTORE", "z3", "z2", "0", "-1"],
            ["ZPOPMIN", "z"], ["ZPOPMAX", "z2"], ["BZPOPMIN", "z3", "0.01"],
            ["XADD", "x", "1-1", "f", "v"], ["XADD", "x", "MAXLEN", "1", "1-2", "f", "v"], ["XDEL", "x", "1-2"],
            ["XGROUP", "CREATE", "x", "g", "0"], ["XGROUP", "CREATECONSUMER", "x", "g", "c"],
            ["XGROUP", "SETID", "x", "g", "$"], ["XGROUP", "DELCONSUMER", "x", "g", "c"], ["XGROUP", "DESTROY", "x", "g"],
            ["XSETID", "x", "5-0"], ["XTRIM", "x", "MAXLEN", "0"],
            ["PFADD", "hll", "a", "b"], ["PFADD", "hll", "a"], ["PFMERGE", "hll2", "hll"],
            ["GEOADD", "geo", "13.36", "38.11", "p"], ["GEOSEARCHSTORE", "geo2", "geo", "FROMLONLAT", "13", "38", "BYRADIUS", "100", "km"],
        ])
    }

    func testNewKeyAndKeyMissClasses() {
        assertSameEvents("Enm", [
            ["SET", "k", "v"], ["SET", "k", "w"], ["GET", "nothing"], ["EXISTS", "nothing"], ["TYPE", "nothing"],
            ["TTL", "nothing"], ["OBJECT", "ENCODING", "nothing"], ["INCR", "c"], ["APPEND", "ap", "x"],
            ["RENAME", "k", "k2"], ["COPY", "k2", "k3"], ["MOVE", "k3", "1"], ["SET", "x", "y", "GET"],
            ["MSET", "m", "1", "k2", "2"],
        ])
    }

    func testExpiredEventsFromLazyAndActiveExpiry() {
        // Whether lazy or active expiry removes a key first, "expired" comes once and before the next command.
        assertSameEvents("Egx$", [
            ["SET", "lazy", "v", "PX", "1"], ["SLEEP", "0.02"], ["GET", "lazy"],
            ["SET", "active", "v", "PX", "1"], ["SLEEP", "0.3"],
            ["SET", "gone", "v", "PX", "1"], ["SLEEP", "0.02"], ["SET", "gone", "again"],
        ])
    }

    func testOnlyConfiguredChannelsAndClasses() {
        assertSameEvents("K$", [["SET", "a", "1"], ["DEL", "a"], ["EXPIRE", "nope", "1"], ["INCR", "i"]])
        assertSameEvents("Eg", [["SET", "a", "1"], ["DEL", "a"], ["INCR", "i"], ["PEXPIRE", "i", "100000"]])
    }

    /// Sets `notify-keyspace-events` to `events`, runs `commands` on one connection while another listens to every
    /// keyspace and keyevent channel, and compares every reply and every message received up to a closing marker
    /// published last. `["SLEEP", seconds]` pauses the test itself (the server keeps running its timers).
    private func assertSameEvents(_ events: String, _ commands: [[String]],
                                  file: StaticString = #filePath, line: UInt = #line) {
        assertSameTranscript(file: file, line: line) { server, version in
            let listener = try server.connect(), writer = try server.connect()
            if version == .v3 {
                _ = try listener.send(["HELLO", "3"])
                _ = try writer.send(["HELLO", "3"])
            }
            var replies = [try writer.send(["FLUSHALL"]), try writer.send(["CONFIG", "SET", "notify-keyspace-events", events])]
            replies += [try listener.send(["PSUBSCRIBE", "__key*__:*"]), try listener.send(["SUBSCRIBE", "marker"])]
            for command in commands {
                if command[0] == "SLEEP", let seconds = Double(command[1]) {
                    usleep(UInt32(seconds * 1_000_000))
                } else {
                    replies.append(try writer.send(command))
                }
            }
            replies.append(try writer.send(["PUBLISH", "marker", "end"]))
            while true {
                let message = try listener.readReply()
                replies.append(message)
                if case .array(let parts?) = message, parts.first == marker { break }
                if case .push(let parts) = message, parts.first == marker { break }
            }
            replies.append(try writer.send(["CONFIG", "SET", "notify-keyspace-events", ""]))
            return replies
        }
    }
}
