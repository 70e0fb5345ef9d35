import RESP
import XCTest

/// Hash commands compared with Redis: replies, errors, listpack order, encodings across thresholds (including
/// CONFIG SET ones), HSCAN on both encodings and HRANDFIELD by its sizes and membership.
final class HashDifferentialTests: XCTestCase {
    func testFieldsAndValues() {
        assertSameReplies([
            DifferentialCase("hset, hget, hmget, hdel keep listpack order", [
                ["HSET", "h", "a", "1", "b", "2", "c", "3"], ["HSET", "h", "a", "9", "d", "4"], ["HGETALL", "h"],
                ["HKEYS", "h"], ["HVALS", "h"], ["HDEL", "h", "b", "zz"], ["HGETALL", "h"], ["HSET", "h", "b", "5"],
                ["HGETALL", "h"], ["HGET", "h", "a"], ["HGET", "h", "nope"], ["HGET", "missing", "a"],
                ["HMGET", "h", "a", "nope", "b"], ["HMGET", "missing", "a", "b"], ["HLEN", "h"], ["HLEN", "missing"],
                ["HSTRLEN", "h", "a"], ["HSTRLEN", "h", "nope"], ["HEXISTS", "h", "a"], ["HEXISTS", "h", "nope"],
                ["HGETALL", "missing"], ["HKEYS", "missing"], ["HVALS", "missing"], ["HSET", "h", "", ""],
                ["HGET", "h", ""], ["HSTRLEN", "h", ""], ["OBJECT", "ENCODING", "h"], ["TYPE", "h"],
            ]),
            DifferentialCase("hmset, hsetnx, arity", [
                ["HMSET", "h", "x", "1", "y", "2"], ["HMSET", "h", "x"], ["HSET", "h"], ["HSET", "h", "a"],
                ["HSET", "h", "a", "1", "b"], ["HSETNX", "h", "x", "2"], ["HSETNX", "h", "new", "2"],
                ["HSETNX", "h2", "f", "v"], ["HGETALL", "h"], ["HGETALL", "h2"], ["HSETNX", "h", "f"], ["HGET", "h"],
                ["HMGET", "h"], ["HDEL", "h"], ["HLEN"], ["HGETALL"], ["HEXISTS", "h"], ["HSTRLEN", "h"],
                ["HKEYS"], ["HVALS", "h", "x"], ["HRANDFIELD"], ["HSCAN", "h"], ["HINCRBY", "h", "x"],
                ["HINCRBYFLOAT", "h", "x"],
            ]),
            DifferentialCase("emptied hashes are deleted", [
                ["HSET", "h", "f", "v"], ["HDEL", "h", "f"], ["EXISTS", "h"], ["HSET", "h", "a", "1", "b", "2"],
                ["HDEL", "h", "a", "b", "c"], ["EXISTS", "h"], ["HDEL", "missing", "a"],
            ]),
            DifferentialCase("wrong type", [
                ["SET", "s", "v"], ["HGET", "s", "a"], ["HSET", "s", "a", "1"], ["HMSET", "s", "a", "1"],
                ["HSETNX", "s", "a", "1"], ["HDEL", "s", "a"], ["HGETALL", "s"], ["HKEYS", "s"], ["HVALS", "s"],
                ["HLEN", "s"], ["HSTRLEN", "s", "a"], ["HEXISTS", "s", "a"], ["HMGET", "s", "a"],
                ["HINCRBY", "s", "a", "1"], ["HINCRBYFLOAT", "s", "a", "1"], ["HRANDFIELD", "s"],
                ["HRANDFIELD", "s", "2"], ["HSCAN", "s", "0"], ["HINCRBY", "s", "a", "x"], ["GET", "s"],
            ]),
        ])
    }

    func testWritesKeepTheTTLAndReplaceExpiredKeys() {
        assertSameReplies([
            DifferentialCase("ttl and lazy expiry", [
                ["HSET", "t", "a", "1"], ["PEXPIRE", "t", "1"], ["DEBUG", "SLEEP", "0.05"], ["HSET", "t", "b", "2"],
                ["HGETALL", "t"], ["TTL", "t"], ["EXPIRE", "t", "100"], ["HSET", "t", "d", "4"], ["HDEL", "t", "b"],
                ["HINCRBY", "t", "n", "1"], ["HINCRBYFLOAT", "t", "n", "1.5"], .approximately(1, "TTL", "t"),
                ["HSET", "g", "a", "1"], ["PEXPIRE", "g", "1"], ["DEBUG", "SLEEP", "0.05"], ["HGET", "g", "a"],
                ["EXISTS", "g"],
            ]),
        ], serverArguments: ["--enable-debug-command", "yes"])
    }

    func testCommandMetadata() {
        let names = ["hset", "hmset", "hsetnx", "hget", "hmget", "hdel", "hlen", "hstrlen", "hexists", "hkeys", "hvals",
                     "hgetall", "hincrby", "hincrbyfloat", "hrandfield", "hscan"]
        assertSameReplies([
            DifferentialCase("command info", [
                .projected("name, arity, flags, key positions", ["COMMAND", "INFO"] + names, Projection.commandInfoHead),
            ]),
        ])
    }

    func testIncrements() {
        assertSameReplies([
            DifferentialCase("hincrby", [
                ["HINCRBY", "h", "a", "5"], ["HINCRBY", "h", "a", "-7"], ["HINCRBY", "h", "new", "-3"],
                ["HINCRBY", "h", "a", "x"], ["HINCRBY", "h", "a", "1.5"], ["HINCRBY", "h", "a", "9223372036854775807"],
                ["HSET", "h", "big", "9223372036854775807"], ["HINCRBY", "h", "big", "1"],
                ["HSET", "h", "neg", "-9223372036854775808"], ["HINCRBY", "h", "neg", "-1"],
                ["HINCRBY", "h", "neg", "9223372036854775807"], ["HSET", "h", "s", "abc"], ["HINCRBY", "h", "s", "1"],
                ["HSET", "h", "sp", " 1"], ["HINCRBY", "h", "sp", "1"], ["HSET", "h", "z", "01"],
                ["HINCRBY", "h", "z", "1"], ["HINCRBY", "fresh", "f", "10"], ["HGETALL", "h"], ["HGETALL", "fresh"],
            ]),
            DifferentialCase("hincrbyfloat", [
                ["HINCRBYFLOAT", "h", "a", "1.5"], ["HINCRBYFLOAT", "h", "a", "1e308"], ["HINCRBYFLOAT", "h", "a", "-1e308"],
                ["HINCRBYFLOAT", "h", "f", "inf"], ["HINCRBYFLOAT", "h", "f", "-inf"], ["HINCRBYFLOAT", "h", "f", "nan"],
                ["HINCRBYFLOAT", "h", "f", "abc"], ["HINCRBYFLOAT", "h", "f", ""], ["HINCRBYFLOAT", "h", "f", "3.0e3"],
                ["HINCRBYFLOAT", "h", "f", "-5000"], ["HINCRBYFLOAT", "h", "f", "0.1"], ["HINCRBYFLOAT", "h", "f", " 1"],
                ["HSET", "h", "s", "abc"], ["HINCRBYFLOAT", "h", "s", "1"], ["HSET", "h", "i", "10"],
                ["HINCRBYFLOAT", "h", "i", "0.25"], ["HINCRBY", "h", "i", "1"], ["HSET", "h", "huge", "1e4000"],
                ["HINCRBYFLOAT", "h", "huge", "1"], ["HSET", "h", "max", "1.18973149535723176502e+4932"],
                ["HINCRBYFLOAT", "h", "max", "1.18973149535723176502e+4932"], ["HINCRBYFLOAT", "h", "x", "0x10"],
                ["HINCRBYFLOAT", "n", "f", "5.0e-1"], ["HGETALL", "n"], ["HGET", "h", "f"], ["HGET", "h", "a"],
            ]),
        ])
    }

    func testEncodingThresholds() {
        let many = (1...600).flatMap { ["f\($0)", "v\($0)"] }
        assertSameReplies([
            DifferentialCase("default thresholds", [
                DifferentialStep(["HSET", "big"] + many), ["OBJECT", "ENCODING", "big"], ["HLEN", "big"],
                .unordered("HKEYS", "big"), DifferentialStep(["HSET", "lp"] + Array(many.prefix(1024))), ["OBJECT", "ENCODING", "lp"],
                ["HSET", "lp", "one", "more"], ["OBJECT", "ENCODING", "lp"],
                ["HSET", "long", "f", String(repeating: "x", count: 64)], ["OBJECT", "ENCODING", "long"],
                ["HSET", "long", "g", String(repeating: "x", count: 65)], ["OBJECT", "ENCODING", "long"],
                ["HDEL", "long", "g"], ["OBJECT", "ENCODING", "long"], .unordered("HGETALL", "long"),
            ]),
            DifferentialCase("config set thresholds", [
                ["CONFIG", "SET", "hash-max-listpack-entries", "3"], ["HSET", "small", "a", "1", "b", "2", "c", "3"],
                ["OBJECT", "ENCODING", "small"], ["HSET", "small", "d", "4"], ["OBJECT", "ENCODING", "small"],
                ["HDEL", "small", "a", "b"], ["OBJECT", "ENCODING", "small"],
                ["CONFIG", "SET", "hash-max-listpack-entries", "128"], ["CONFIG", "SET", "hash-max-listpack-value", "5"],
                ["HSET", "lv", "a", "123456"], ["OBJECT", "ENCODING", "lv"], ["HSET", "lv2", "abcdef", "1"],
                ["OBJECT", "ENCODING", "lv2"], ["HSET", "lv3", "a", "1"], ["HINCRBYFLOAT", "lv3", "a", "0.1"],
                ["OBJECT", "ENCODING", "lv3"], ["HINCRBY", "lv3", "b", "10000000"], ["OBJECT", "ENCODING", "lv3"],
                ["HSETNX", "lv4", "a", "12345"], ["OBJECT", "ENCODING", "lv4"], ["HSETNX", "lv4", "b", "123456"],
                ["OBJECT", "ENCODING", "lv4"], ["HSET", "lv5", "a", "1", "b", "2"], ["CONFIG", "SET", "hash-max-listpack-value", "64"],
                ["CONFIG", "SET", "hash-max-listpack-entries", "1"], ["OBJECT", "ENCODING", "lv5"],
                ["HSET", "lv5", "a", "2"], ["OBJECT", "ENCODING", "lv5"], ["CONFIG", "SET", "hash-max-listpack-entries", "0"],
                ["HSET", "zero", "a", "1"], ["OBJECT", "ENCODING", "zero"],
                ["CONFIG", "SET", "hash-max-listpack-entries", "128"],
            ]),
        ])
    }

    func testScan() {
        let many = (1...300).flatMap { ["f\($0)", "v\($0)"] }
        assertSameReplies([
            DifferentialCase("hscan of a listpack answers everything with cursor 0", [
                ["HSET", "h", "a", "1", "b", "2", "ab", "3"], ["HSCAN", "h", "0"], ["HSCAN", "h", "0", "MATCH", "a*"],
                ["HSCAN", "h", "7", "COUNT", "1"], ["HSCAN", "h", "0", "match", "*", "count", "1"],
                ["HSCAN", "h", "0", "COUNT", "0"], ["HSCAN", "h", "0", "TYPE", "string"], ["HSCAN", "h", "x"],
                ["HSCAN", "h", "-1"], ["HSCAN", "h", "0", "COUNT"], ["HSCAN", "h", "0", "COUNT", "x"],
                ["HSCAN", "missing", "x"], ["HSCAN", "missing", "0", "COUNT", "0"], ["HSCAN", "h", "0", "BOGUS", "1"],
            ]),
            DifferentialCase("hscan of a hashtable returns every field", [
                DifferentialStep(["HSET", "h"] + many), ["OBJECT", "ENCODING", "h"],
                .projected("all scanned pairs", ["HSCAN", "h", "0", "COUNT", "100000"], Projection.scannedPairs),
                .projected("matching pairs", ["HSCAN", "h", "0", "MATCH", "f1?", "COUNT", "100000"], Projection.scannedPairs),
                .projected("cursor kind", ["HSCAN", "h", "0"], Projection.scanShape),
            ]),
        ])
    }

    func testRandomFields() {
        let many = (1...200).flatMap { ["f\($0)", "v\($0)"] }
        assertSameReplies([
            DifferentialCase("hrandfield shapes and sizes", [
                ["HSET", "h", "a", "1", "b", "2", "c", "3"], ["HRANDFIELD", "h", "0"], ["HRANDFIELD", "h", "3"],
                ["HRANDFIELD", "h", "100"], ["HRANDFIELD", "h", "100", "WITHVALUES"], ["HRANDFIELD", "h", "3", "withvalues"],
                .projected("members", ["HRANDFIELD", "h"], Projection.members(of: ["a", "b", "c"])),
                .projected("size and members", ["HRANDFIELD", "h", "2"], Projection.members(of: ["a", "b", "c"])),
                .projected("size and members", ["HRANDFIELD", "h", "-7"], Projection.members(of: ["a", "b", "c"])),
                .projected("size and members", ["HRANDFIELD", "h", "1", "WITHVALUES"],
                           Projection.members(of: ["a", "b", "c", "1", "2", "3"])),
                .projected("size and members", ["HRANDFIELD", "h", "-5", "WITHVALUES"],
                           Projection.members(of: ["a", "b", "c", "1", "2", "3"])),
                .projected("size and members", ["HRANDFIELD", "h", "2", "WITHVALUES"],
                           Projection.members(of: ["a", "b", "c", "1", "2", "3"])),
                ["HRANDFIELD", "missing"], ["HRANDFIELD", "missing", "5"], ["HRANDFIELD", "missing", "5", "WITHVALUES"],
                ["HRANDFIELD", "h", "1", "bogus"], ["HRANDFIELD", "h", "x", "bogus"], ["HRANDFIELD", "h", "x"],
                ["HRANDFIELD", "h", "-9223372036854775808"], ["HRANDFIELD", "h", "5000000000000000000", "WITHVALUES"],
                ["HRANDFIELD", "h", "-5000000000000000000", "WITHVALUES"], ["HRANDFIELD", "h", "1", "WITHVALUES", "x"],
                ["HRANDFIELD", "missing", "0", "bogus"],
            ]),
            DifferentialCase("hrandfield on a hashtable", [
                DifferentialStep(["HSET", "h"] + many), ["OBJECT", "ENCODING", "h"],
                .projected("distinct count", ["HRANDFIELD", "h", "150"], Projection.distinctCount),
                .projected("distinct count", ["HRANDFIELD", "h", "10"], Projection.distinctCount),
                .projected("size", ["HRANDFIELD", "h", "-300"], Projection.count),
                .projected("pair count", ["HRANDFIELD", "h", "500", "WITHVALUES"], Projection.count),
                .unordered("HRANDFIELD", "h", "500"),
            ]),
        ])
    }
}

/// Reductions for replies whose order or content is random or encoding-dependent (hashtable scans, random
/// picks): only what Redis guarantees is compared.
extension Projection {
    /// A complete scan (`[cursor, items]`, expected to end at cursor 0) as its cursor and its items grouped by
    /// `group` (2 for HSCAN field/value pairs) and sorted.
    static func scanned(group: Int) -> (RESPValue) -> RESPValue {
        { reply in
            guard case .array(let parts?) = reply, parts.count == 2, case .array(let items?) = parts[1] else { return reply }
            let groups = stride(from: 0, to: items.count, by: group).map { RESPValue.array(Array(items[$0..<min($0 + group, items.count)])) }
            return .array([parts[0], .array(groups.sorted { $0.wire.lexicographicallyPrecedes($1.wire) })])
        }
    }

    static let scannedPairs = scanned(group: 2)
    static let scannedMembers = scanned(group: 1)

    /// COMMAND INFO entries reduced to name, arity, flags, first key, last key and key step.
    static func commandInfoHead(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply else { return reply }
        return .array(entries.map { entry in
            guard case .array(let fields?) = entry, fields.count >= 6 else { return entry }
            return .array(Array(fields[0..<6]))
        })
    }

    /// One scan step of a big collection: whether it returned items and whether the iteration goes on.
    static func scanShape(_ reply: RESPValue) -> RESPValue {
        guard case .array(let parts?) = reply, parts.count == 2, case .array(let items?) = parts[1] else { return reply }
        return .array([.boolean(!items.isEmpty), .boolean(parts[0].text != "0")])
    }

    /// Every string in a reply, nested arrays (RESP3 pairs) and sets flattened.
    static func strings(_ reply: RESPValue) -> [String] {
        switch reply {
        case .array(let items?), .set(let items): return items.flatMap(strings)
        default: return reply.text.map { [$0] } ?? []
        }
    }

    /// How many strings a reply holds and whether all of them are among `members`.
    static func members(of members: Set<String>) -> (RESPValue) -> RESPValue {
        { reply in
            let found = strings(reply)
            return .array([.integer(Int64(found.count)), .boolean(found.allSatisfy(members.contains))])
        }
    }

    /// The number of top-level elements of an aggregate reply, and its kind.
    static func count(_ reply: RESPValue) -> RESPValue {
        switch reply {
        case .array(let items?): return .array([.simpleString("array"), .integer(Int64(items.count))])
        case .set(let items): return .array([.simpleString("set"), .integer(Int64(items.count))])
        default: return reply
        }
    }

    /// How many strings a reply holds and how many of them are distinct.
    static func distinctCount(_ reply: RESPValue) -> RESPValue {
        let found = strings(reply)
        return .array([.integer(Int64(found.count)), .integer(Int64(Set(found).count))])
    }
}
