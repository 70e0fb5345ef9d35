import RESP
import XCTest

/// Set commands compared with Redis: replies, errors, intset order, encodings across thresholds (including
/// CONFIG SET ones), set algebra with missing keys and wrong types, SSCAN on both encodings, and the random
/// commands by their sizes and membership.
final class SetsDifferentialTests: XCTestCase {
    func testMembers() {
        assertSameReplies([
            DifferentialCase("sadd, srem, membership", [
                ["SADD", "s", "3", "1", "2", "2"], ["SMEMBERS", "s"], ["OBJECT", "ENCODING", "s"], ["SADD", "s", "1"],
                ["SADD", "s", "-5", "9223372036854775807", "-9223372036854775808"], ["SMEMBERS", "s"],
                ["SISMEMBER", "s", "1"], ["SISMEMBER", "s", "01"], ["SISMEMBER", "s", "4"], ["SISMEMBER", "missing", "1"],
                ["SMISMEMBER", "s", "1", "4", "-5", "x"], ["SMISMEMBER", "missing", "1", "2"], ["SCARD", "s"],
                ["SCARD", "missing"], ["SMEMBERS", "missing"], ["SADD", "s", "01"], ["OBJECT", "ENCODING", "s"],
                ["SREM", "s", "01"], ["OBJECT", "ENCODING", "s"], .unordered("SMEMBERS", "s"), ["TYPE", "s"],
            ]),
            DifferentialCase("emptied sets are deleted", [
                ["SADD", "i", "10", "20", "30"], ["SREM", "i", "20", "99"], ["SMEMBERS", "i"], ["SREM", "i", "10", "30"],
                ["EXISTS", "i"], ["SREM", "missing", "a"], ["SADD", "w", "a"], ["SREM", "w", "a", "b"], ["EXISTS", "w"],
            ]),
            DifferentialCase("arity and wrong type", [
                ["SADD"], ["SADD", "s"], ["SREM", "s"], ["SMEMBERS"], ["SISMEMBER", "s"], ["SMISMEMBER", "s"],
                ["SCARD"], ["SMOVE", "a", "b"], ["SPOP"], ["SRANDMEMBER"], ["SINTER"], ["SUNION"], ["SDIFF"],
                ["SINTERSTORE", "d"], ["SUNIONSTORE", "d"], ["SDIFFSTORE", "d"], ["SINTERCARD", "1"], ["SSCAN", "s"],
                ["SET", "str", "v"], ["SADD", "str", "a"], ["SREM", "str", "a"], ["SMEMBERS", "str"],
                ["SISMEMBER", "str", "a"], ["SMISMEMBER", "str", "a"], ["SCARD", "str"], ["SPOP", "str"],
                ["SPOP", "str", "2"], ["SRANDMEMBER", "str"], ["SRANDMEMBER", "str", "2"], ["SSCAN", "str", "0"],
                ["GET", "str"],
            ]),
            DifferentialCase("smove", [
                ["SADD", "n1", "1", "2", "3", "4", "5"], ["SADD", "n2", "4", "5", "6"], ["SMOVE", "n1", "n2", "1"],
                ["SMEMBERS", "n1"], ["SMEMBERS", "n2"], ["SMOVE", "n1", "n2", "4"], ["SMEMBERS", "n1"],
                ["SMOVE", "n1", "newdst", "2"], ["SMEMBERS", "newdst"], ["SMOVE", "n1", "n1", "3"],
                ["SMOVE", "n1", "n1", "99"], ["SET", "str", "v"], ["SMOVE", "missing", "str", "a"],
                ["SMOVE", "str", "n1", "a"], ["SMOVE", "n1", "str", "3"], ["SMOVE", "n1", "str", "nope"],
                ["SMOVE", "n1", "n2", "nope"], ["SADD", "one", "x"], ["SMOVE", "one", "other", "x"],
                ["EXISTS", "one"], ["SMEMBERS", "other"], ["OBJECT", "ENCODING", "other"],
                ["SMOVE", "other", "n2", "x"], ["OBJECT", "ENCODING", "n2"], .unordered("SMEMBERS", "n2"),
            ]),
        ])
    }

    func testWritesKeepTheTTLAndReplaceExpiredKeys() {
        assertSameReplies([
            DifferentialCase("ttl and lazy expiry", [
                ["SADD", "t", "1"], ["PEXPIRE", "t", "1"], ["DEBUG", "SLEEP", "0.05"], ["SADD", "t", "2"],
                ["SMEMBERS", "t"], ["TTL", "t"], ["EXPIRE", "t", "100"], ["SADD", "t", "3"], ["SREM", "t", "2"],
                ["SPOP", "t"], .approximately(1, "TTL", "t"), ["SADD", "g", "a"], ["PEXPIRE", "g", "1"],
                ["DEBUG", "SLEEP", "0.05"], ["SISMEMBER", "g", "a"], ["SMOVE", "g", "x", "a"], ["EXISTS", "g", "x"],
            ]),
        ], serverArguments: ["--enable-debug-command", "yes"])
    }

    func testCommandMetadata() {
        let names = ["sadd", "srem", "smove", "sismember", "smismember", "scard", "smembers", "spop", "srandmember",
                     "sinter", "sintercard", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sscan"]
        assertSameReplies([
            DifferentialCase("command info", [
                .projected("name, arity, flags, key positions", ["COMMAND", "INFO"] + names, Projection.commandInfoHead),
            ]),
        ])
    }

    func testAlgebra() {
        let evens = (0..<700).map { String($0 * 2) }, threes = (0..<700).map { String($0 * 3) }
        let words = (0..<300).map { "w\($0)" }
        assertSameReplies([
            DifferentialCase("big hashtable sets", [
                DifferentialStep(["SADD", "e"] + evens), DifferentialStep(["SADD", "t"] + threes),
                DifferentialStep(["SADD", "w"] + words + ["0", "6"]), ["OBJECT", "ENCODING", "e"],
                .unordered("SINTER", "e", "t"), ["SINTERCARD", "2", "e", "t"], ["SINTERCARD", "3", "e", "t", "w"],
                ["SINTERCARD", "2", "e", "t", "LIMIT", "10"], ["SINTERSTORE", "d", "e", "t"], ["OBJECT", "ENCODING", "d"],
                ["SCARD", "d"], ["SINTERSTORE", "d", "e", "t", "w"], ["OBJECT", "ENCODING", "d"], ["SMEMBERS", "d"],
                ["SUNIONSTORE", "d", "e", "t"], ["OBJECT", "ENCODING", "d"], .unordered("SUNION", "w", "d"),
                ["SDIFFSTORE", "d", "e", "t", "w"], ["SCARD", "d"], .unordered("SDIFF", "w", "e", "t"),
                ["SDIFFSTORE", "d", "w", "e", "t"], ["OBJECT", "ENCODING", "d"], ["SMISMEMBER", "d", "w1", "0", "6", "x"],
            ]),
        ])
        assertSameReplies([
            DifferentialCase("sinter, sunion, sdiff", [
                ["SADD", "t", "a", "b", "c"], ["SADD", "u", "1", "2", "3", "b"], ["SADD", "n1", "1", "2", "3", "4", "5"],
                ["SADD", "n2", "4", "5", "6"], ["SET", "str", "v"], .unordered("SINTER", "t", "u"),
                .unordered("SINTER", "u", "t"), ["SINTER", "t", "missing"], ["SINTER", "missing", "str"],
                ["SINTER", "str", "missing"], .unordered("SINTER", "u"), ["SINTER", "n1", "n2"], ["SINTER", "n1"],
                ["SUNION", "missing"], .unordered("SUNION", "t", "missing"), ["SUNION", "n1", "n2"],
                ["SUNION", "n1", "missing", "n2"], ["SUNION", "n1", "str"], .unordered("SUNION", "n1", "u"),
                .unordered("SDIFF", "t", "u"), ["SDIFF", "u", "t"], ["SDIFF", "missing", "t"], ["SDIFF", "t", "str"],
                ["SDIFF", "missing", "str"], ["SDIFF", "t", "t"], ["SDIFF", "n1", "n2"], ["SDIFF", "n1", "missing"],
                ["SDIFF", "n2", "n1", "u"],
            ]),
            DifferentialCase("store forms", [
                ["SADD", "t", "a", "b", "c"], ["SADD", "n1", "1", "2", "3", "4", "5"], ["SADD", "n2", "4", "5", "6"],
                ["SINTERSTORE", "d", "n1", "n2"], ["OBJECT", "ENCODING", "d"], ["SMEMBERS", "d"],
                ["SUNIONSTORE", "d", "n1", "n2"], ["SMEMBERS", "d"], ["SDIFFSTORE", "d", "n1", "n2"], ["SMEMBERS", "d"],
                ["SINTERSTORE", "d", "n1", "missing"], ["EXISTS", "d"], ["SET", "d", "x"], ["EXPIRE", "d", "100"],
                ["SUNIONSTORE", "d", "n1", "t"], ["TTL", "d"], ["OBJECT", "ENCODING", "d"], ["SCARD", "d"],
                ["SDIFFSTORE", "d", "missing"], ["EXISTS", "d"], ["SET", "str", "v"], ["SINTERSTORE", "str", "t"],
                ["TYPE", "str"], ["SET", "str", "v"], ["SINTERSTORE", "d", "t", "str"], ["SUNIONSTORE", "d", "str"],
                ["SDIFFSTORE", "d", "t", "str"], ["SUNIONSTORE", "n1", "n1", "n2"], ["SMEMBERS", "n1"],
                ["SDIFFSTORE", "n1", "n1", "n1"], ["EXISTS", "n1"], ["SINTERSTORE", "x", "missing"], ["EXISTS", "x"],
            ]),
            DifferentialCase("sintercard", [
                ["SADD", "n1", "1", "2", "3", "4", "5"], ["SADD", "n2", "4", "5", "6"], ["SET", "str", "v"],
                ["SINTERCARD", "2", "n1", "n2"], ["SINTERCARD", "2", "n1", "n2", "LIMIT", "1"],
                ["SINTERCARD", "2", "n1", "n2", "limit", "0"], ["SINTERCARD", "1", "n1", "LIMIT", "3"],
                ["SINTERCARD", "0", "n1"], ["SINTERCARD", "abc", "n1"], ["SINTERCARD", "3", "n1"],
                ["SINTERCARD", "1", "n1", "LIMIT", "-1"], ["SINTERCARD", "1", "n1", "LIMIT", "abc"],
                ["SINTERCARD", "1", "n1", "bogus"], ["SINTERCARD", "1", "n1", "LIMIT"], ["SINTERCARD", "-1", "n1"],
                ["SINTERCARD", "1", "str"], ["SINTERCARD", "2", "missing", "str"], ["SINTERCARD", "1", "missing"],
                ["SINTERCARD", "1", "n1", "LIMIT", "1", "LIMIT", "2"], ["SINTERCARD", "1"],
                ["SINTERCARD", "1", "n1", "LIMIT", "9223372036854775808"],
            ]),
        ])
    }

    func testEncodingThresholds() {
        let ints = (1...600).map { String($0) }
        assertSameReplies([
            DifferentialCase("default thresholds", [
                DifferentialStep(["SADD", "big"] + ints), ["OBJECT", "ENCODING", "big"], ["SCARD", "big"],
                DifferentialStep(["SADD", "lim"] + Array(ints.prefix(512))), ["OBJECT", "ENCODING", "lim"], ["SADD", "lim", "1"],
                ["OBJECT", "ENCODING", "lim"], ["SADD", "lim", "513"], ["OBJECT", "ENCODING", "lim"],
                ["SADD", "strs", "a"], ["OBJECT", "ENCODING", "strs"], ["SADD", "plus", "+1"],
                ["OBJECT", "ENCODING", "plus"], ["SADD", "huge", "9223372036854775808"], ["OBJECT", "ENCODING", "huge"],
                ["SADD", "space", " 1"], ["OBJECT", "ENCODING", "space"], ["SADD", "negzero", "-0"],
                ["OBJECT", "ENCODING", "negzero"],
            ]),
            DifferentialCase("config set thresholds and rebuilt results", [
                ["CONFIG", "SET", "set-max-intset-entries", "3"], ["SADD", "c", "1", "2", "3"],
                ["OBJECT", "ENCODING", "c"], ["SADD", "c", "4"], ["OBJECT", "ENCODING", "c"],
                ["SREM", "c", "4", "3", "2"], ["OBJECT", "ENCODING", "c"], ["SADD", "c2", "1", "2", "3"],
                ["SADD", "c2", "3"], ["OBJECT", "ENCODING", "c2"], ["SUNIONSTORE", "c3", "c2", "c"],
                ["OBJECT", "ENCODING", "c3"], ["SMEMBERS", "c3"], ["SADD", "c4", "1", "2", "3", "4", "5", "6"],
                ["SREM", "c4", "4", "5", "6"], ["SUNION", "c4"], ["SDIFF", "c4", "missing"],
                ["SINTERSTORE", "c5", "c4", "c4"], ["OBJECT", "ENCODING", "c5"], ["SMEMBERS", "c5"],
                ["SPOP", "c4", "10"], ["CONFIG", "SET", "set-max-intset-entries", "0"], ["SADD", "z", "1"],
                ["OBJECT", "ENCODING", "z"], ["CONFIG", "SET", "set-max-intset-entries", "512"],
            ]),
        ])
    }

    func testScan() {
        let many = (1...300).map { "m\($0)" }
        assertSameReplies([
            DifferentialCase("sscan of an intset answers everything with cursor 0", [
                ["SADD", "s", "5", "1", "12", "3"], ["SSCAN", "s", "0"], ["SSCAN", "s", "0", "MATCH", "1*"],
                ["SSCAN", "s", "9", "COUNT", "1"], ["SSCAN", "s", "0", "COUNT", "0"], ["SSCAN", "s", "0", "TYPE", "set"],
                ["SSCAN", "s", "x"], ["SSCAN", "missing", "x"], ["SSCAN", "missing", "0", "bogus"],
                ["SSCAN", "s", "0", "MATCH"], ["SSCAN", "s", "0", "COUNT", "-1"],
            ]),
            DifferentialCase("sscan of a hashtable returns every member", [
                DifferentialStep(["SADD", "h"] + many), ["OBJECT", "ENCODING", "h"],
                .projected("all scanned members", ["SSCAN", "h", "0", "COUNT", "100000"], Projection.scannedMembers),
                .projected("matching members", ["SSCAN", "h", "0", "MATCH", "m2?", "COUNT", "100000"],
                           Projection.scannedMembers),
                .projected("cursor kind", ["SSCAN", "h", "0"], Projection.scanShape),
            ]),
        ])
    }

    func testRandomMembers() {
        let many = (1...300).map { "m\($0)" }
        let small: Set<String> = ["1", "2", "3", "4", "5"]
        assertSameReplies([
            DifferentialCase("srandmember", [
                ["SADD", "s", "1", "2", "3", "4", "5"], ["SRANDMEMBER", "s", "5"], ["SRANDMEMBER", "s", "100"],
                ["SRANDMEMBER", "s", "0"], ["SRANDMEMBER", "missing"], ["SRANDMEMBER", "missing", "5"],
                ["SRANDMEMBER", "missing", "-5"], ["SRANDMEMBER", "s", "1", "2"], ["SRANDMEMBER", "s", "abc"],
                ["SRANDMEMBER", "s", "-9223372036854775808"],
                .projected("size and members", ["SRANDMEMBER", "s"], Projection.members(of: small)),
                .projected("size and members", ["SRANDMEMBER", "s", "3"], Projection.members(of: small)),
                .projected("distinct count", ["SRANDMEMBER", "s", "4"], Projection.distinctCount),
                .projected("size and members", ["SRANDMEMBER", "s", "-20"], Projection.members(of: small)),
                .projected("size and members", ["SRANDMEMBER", "s", "1"], Projection.members(of: small)),
                DifferentialStep(["SADD", "h"] + many),
                .projected("distinct count", ["SRANDMEMBER", "h", "200"], Projection.distinctCount),
                .projected("distinct count", ["SRANDMEMBER", "h", "20"], Projection.distinctCount),
                .projected("size", ["SRANDMEMBER", "h", "-500"], Projection.count), .unordered("SRANDMEMBER", "h", "300"),
            ]),
            DifferentialCase("spop", [
                ["SADD", "s", "1", "2", "3", "4", "5"], ["SPOP", "missing"], ["SPOP", "missing", "2"],
                ["SPOP", "s", "-1"], ["SPOP", "s", "x"], ["SPOP", "s", "1", "2"], ["SPOP", "s", "0"],
                .projected("size and members", ["SPOP", "s"], Projection.members(of: small)), ["SCARD", "s"],
                .projected("size and members", ["SPOP", "s", "2"], Projection.members(of: small)), ["SCARD", "s"],
                .projected("kind and size", ["SPOP", "s", "1"], Projection.count), ["SCARD", "s"],
                .projected("size and members", ["SPOP", "s", "5"], Projection.members(of: small)), ["EXISTS", "s"],
                ["SADD", "p", "3", "1", "2"], ["SPOP", "p", "3"], ["EXISTS", "p"], ["SADD", "q", "7"], ["SPOP", "q"],
                ["EXISTS", "q"], DifferentialStep(["SADD", "h"] + many),
                .projected("distinct count", ["SPOP", "h", "100"], Projection.distinctCount), ["SCARD", "h"],
                .projected("distinct count", ["SPOP", "h", "150"], Projection.distinctCount), ["SCARD", "h"],
                .projected("kind and size", ["SPOP", "h", "100"], Projection.count), ["EXISTS", "h"],
            ]),
        ])
    }
}
