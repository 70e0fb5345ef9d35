import RESP
import XCTest

/// Generic key commands (DEL … OBJECT), compared with Redis. Expiry lives in
/// `ExpireDifferentialTests`.
final class KeysDifferentialTests: XCTestCase {
    func testDeleteExistsTypeTouch() {
        assertSameReplies([
            DifferentialCase("del and unlink", [
                ["MSET", "a", "1", "b", "2", "c", "3"], ["DEL", "a", "b", "missing", "a"], ["DEL", "missing"],
                ["UNLINK", "c", "missing"], ["DBSIZE"], ["DEL"], ["UNLINK"],
            ]),
            DifferentialCase("exists counts repeats", [
                ["SET", "a", "1"], ["EXISTS", "a", "a", "b"], ["EXISTS", "b"], ["EXISTS"],
            ]),
            DifferentialCase("type and touch", [
                ["SET", "s", "v"], ["TYPE", "s"], ["TYPE", "missing"], ["TYPE"], ["TYPE", "a", "b"],
                ["TOUCH", "s", "missing", "s"], ["TOUCH"],
            ]),
        ])
    }

    func testRenameCopyMove() {
        assertSameReplies([
            DifferentialCase("rename", [
                ["SET", "a", "1"], ["RENAME", "a", "b"], ["GET", "a"], ["GET", "b"], ["RENAME", "missing", "x"],
                ["RENAME", "b", "b"], ["GET", "b"], ["SET", "c", "3"], ["RENAME", "b", "c"], ["GET", "c"],
                ["RENAME", "c"], ["SET", "t", "v", "EX", "100"], ["RENAME", "t", "u"],
                .approximately(1, "TTL", "u"),
            ]),
            DifferentialCase("renamenx", [
                ["MSET", "a", "1", "b", "2"], ["RENAMENX", "a", "b"], ["RENAMENX", "a", "c"], ["GET", "c"],
                ["RENAMENX", "missing", "d"], ["RENAMENX", "c", "c"], ["RENAMENX", "c"],
            ]),
            DifferentialCase("copy", [
                ["SET", "a", "1"], ["COPY", "a", "b"], ["GET", "b"], ["COPY", "a", "b"], ["COPY", "a", "b", "REPLACE"],
                ["COPY", "missing", "x"], ["COPY", "a", "z", "DB", "2"], ["SELECT", "2"], ["GET", "z"], ["SELECT", "0"],
                ["COPY", "a", "z", "DB", "16"], ["COPY", "a", "z", "DB", "x"], ["COPY", "a", "z", "BOGUS"],
                ["COPY", "a", "a"], ["COPY", "a"], ["SET", "e", "v", "PX", "100000"], ["COPY", "e", "f"],
                .approximately(1000, "PTTL", "f"),
            ]),
            DifferentialCase("move", [
                ["SET", "a", "1"], ["MOVE", "a", "1"], ["EXISTS", "a"], ["SELECT", "1"], ["GET", "a"],
                ["SET", "b", "x"], ["SELECT", "0"], ["SET", "b", "y"], ["MOVE", "b", "1"], ["GET", "b"],
                ["MOVE", "missing", "1"], ["MOVE", "b", "0"], ["MOVE", "b", "16"], ["MOVE", "b", "x"], ["MOVE", "b"],
            ]),
        ])
    }

    func testKeysAndRandomkey() {
        assertSameReplies([
            DifferentialCase("keys patterns", [
                ["MSET", "hello", "1", "hallo", "2", "hxllo", "3", "hllo", "4", "heeeello", "5", "a*b", "6", "h[a]"],
                .unordered("KEYS", "*"), .unordered("KEYS", "h?llo"), .unordered("KEYS", "h*llo"),
                .unordered("KEYS", "h[ae]llo"), .unordered("KEYS", "h[^e]llo"), .unordered("KEYS", "h[a-b]llo"),
                .unordered("KEYS", "a\\*b"), .unordered("KEYS", "h\\[a\\]"), .unordered("KEYS", "nomatch*"),
                ["KEYS"], ["KEYS", "a", "b"],
            ]),
            DifferentialCase("randomkey", [
                ["RANDOMKEY"], ["SET", "only", "1"], ["RANDOMKEY"], ["RANDOMKEY", "x"],
            ]),
        ])
    }

    func testScanVisitsTheSameKeys() {
        assertSameTranscript { server, _ in
            let client = try server.connect()
            _ = try client.send(["FLUSHALL"])
            _ = try client.pipeline((0..<300).map { ["SET", "key:\($0)", "\($0)"] }
                + (0..<20).map { ["SET", "other:\($0)", "x"] })
            var results: [RESPValue] = []
            for options in [[], ["COUNT", "7"], ["MATCH", "other:*"], ["MATCH", "key:1?"],
                            ["TYPE", "string", "MATCH", "other:1*"], ["TYPE", "list"], ["COUNT", "1000"]] {
                results.append(.array(try Self.scanAll(client, options).map { .bulkString(Array($0.utf8)) }))
            }
            for bad in [["SCAN", "x"], ["SCAN", "0", "COUNT", "0"], ["SCAN", "0", "COUNT", "x"],
                        ["SCAN", "0", "MATCH"], ["SCAN", "0", "BOGUS", "1"], ["SCAN"]] {
                results.append(try client.send(bad))
            }
            return results
        }
    }

    func testObjectSubcommands() {
        assertSameReplies([
            DifferentialCase("object on strings", [
                ["SET", "n", "12345"], ["OBJECT", "ENCODING", "n"], ["SET", "e", "short"], ["OBJECT", "ENCODING", "e"],
                ["SET", "r", String(repeating: "r", count: 45)], ["OBJECT", "ENCODING", "r"],
                ["OBJECT", "ENCODING", "missing"], ["OBJECT", "REFCOUNT", "e"], ["OBJECT", "REFCOUNT", "n"],
                ["OBJECT", "REFCOUNT", "missing"], .approximately(2, "OBJECT", "IDLETIME", "e"),
                ["OBJECT", "IDLETIME", "missing"], ["OBJECT", "FREQ", "e"], ["OBJECT", "BOGUS", "e"],
                ["OBJECT", "ENCODING"], ["OBJECT"], .ignoreValue("OBJECT", "HELP"),
            ]),
            DifferentialCase("object freq under an LFU policy", [
                // A string value: Redis shares small integer objects, whose FREQ is meaningless.
                ["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"], ["SET", "f", "hello"], ["GET", "f"],
                .approximately(3, "OBJECT", "FREQ", "f"), ["OBJECT", "IDLETIME", "f"],
                ["CONFIG", "SET", "maxmemory-policy", "noeviction"],
            ]),
        ])
    }

    func testWrongTypeErrors() {
        assertSameReplies([
            DifferentialCase("string commands on a list", [
                ["LPUSH", "l", "x"], ["GET", "l"], ["SET", "l", "v", "GET"], ["GETSET", "l", "v"], ["GETDEL", "l"],
                ["GETEX", "l"], ["APPEND", "l", "x"], ["STRLEN", "l"], ["INCR", "l"], ["INCRBYFLOAT", "l", "1"],
                ["GETRANGE", "l", "0", "1"], ["SETRANGE", "l", "0", "x"], ["MGET", "l", "missing"],
                ["SETBIT", "l", "0", "1"], ["GETBIT", "l", "0"], ["BITCOUNT", "l"], ["BITPOS", "l", "1"],
                ["BITOP", "AND", "d", "l"], ["BITFIELD", "l", "GET", "u8", "0"], ["LCS", "l", "l"],
                ["TYPE", "l"], ["OBJECT", "ENCODING", "l"], ["LRANGE", "l", "0", "-1"], ["SET", "l", "now a string"],
                ["TYPE", "l"], ["GET", "l"],
            ]),
        ])
    }

    /// Every key a full SCAN iteration with `options` returns, sorted (duplicates allowed by
    /// SCAN's contract are removed).
    static func scanAll(_ client: RedisConnection, _ options: [String]) throws -> [String] {
        var cursor = "0"
        var keys = Set<String>()
        repeat {
            let reply = try client.send(["SCAN", cursor] + options)
            guard case .array(let parts?) = reply, parts.count == 2, let next = parts[0].text,
                  case .array(let batch?) = parts[1] else {
                throw HarnessError.unexpectedReply(command: "SCAN", port: client.port, reply: reply.description)
            }
            keys.formUnion(batch.compactMap(\.text))
            cursor = next
        } while cursor != "0"
        return keys.sorted()
    }
}
