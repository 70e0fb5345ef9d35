import XCTest

/// Sorted-set writes, reads and ranges compared with Redis: options, error texts, score formats (inf, -0,
/// %.17g), exclusive and lex bounds, LIMIT edge cases, REV ordering and encodings.
final class SortedSetDifferentialTests: XCTestCase {
    func testZAddOptionsAndErrors() {
        assertSameReplies([
            DifferentialCase("zadd flags", [
                ["ZADD", "z", "1", "a", "2", "b"], ["ZADD", "z", "NX", "5", "a", "3", "c"], ["ZSCORE", "z", "a"],
                ["ZADD", "z", "XX", "5", "a", "9", "d"], ["ZSCORE", "z", "d"], ["ZADD", "z", "CH", "5", "a", "7", "b"],
                ["ZADD", "z", "GT", "CH", "1", "a", "8", "b"], ["ZADD", "z", "LT", "CH", "1", "a", "9", "b"],
                ["ZADD", "z", "XX", "GT", "0", "a", "100", "new"], ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
                ["ZADD", "z", "GT", "100", "e"], ["ZADD", "z", "ch", "nx", "1", "f"], ["ZCARD", "z"],
                ["ZADD", "missing", "XX", "1", "a"], ["EXISTS", "missing"], ["ZADD", "z", "1", "a", "1", "a"],
            ]),
            DifferentialCase("zadd incr", [
                ["ZADD", "z", "INCR", "2", "a"], ["ZADD", "z", "INCR", "1.5", "a"], ["ZADD", "z", "NX", "INCR", "1", "a"],
                ["ZADD", "z", "XX", "INCR", "1", "nope"], ["ZADD", "z", "GT", "INCR", "-1", "a"],
                ["ZADD", "z", "LT", "INCR", "-1", "a"], ["ZADD", "z", "INCR", "1", "a", "2", "b"],
                ["ZADD", "z", "INCR", "inf", "a"], ["ZADD", "z", "INCR", "-inf", "a"], ["ZSCORE", "z", "a"],
                ["ZINCRBY", "z", "0.1", "b"], ["ZINCRBY", "z", "0.2", "b"], ["ZINCRBY", "z", "x", "b"],
                ["ZINCRBY", "z", "nx", "b"], ["ZINCRBY", "z", "1"], ["ZINCRBY", "fresh", "-3", "m"],
                ["ZINCRBY", "fresh", "+inf", "m"], ["ZINCRBY", "fresh", "-inf", "m"],
            ]),
            DifferentialCase("zadd errors", [
                ["ZADD", "z"], ["ZADD", "z", "1"], ["ZADD", "z", "1", "a", "2"], ["ZADD", "z", "NX", "XX", "1", "a"],
                ["ZADD", "z", "GT", "LT", "1", "a"], ["ZADD", "z", "GT", "NX", "1", "a"], ["ZADD", "z", "NX"],
                ["ZADD", "z", "nan", "a"], ["ZADD", "z", "x", "a"], ["ZADD", "z", "1", "a", "bad", "b"],
                ["EXISTS", "z"], ["ZADD", "z", " 1", "a"], ["ZADD", "z", "1 ", "a"], ["ZADD", "z", "", "a"],
                ["ZADD", "z", "1e400", "a"], ["ZADD", "z", "1e-400", "a"], ["ZADD", "z", "0x10", "a"],
                ["ZADD", "z", "-0", "b"], ["ZADD", "z", "Infinity", "c"], ["ZADD", "z", "1e300", "d"],
                ["ZRANGE", "z", "0", "-1", "WITHSCORES"], ["SET", "s", "v"], ["ZADD", "s", "1", "a"],
                ["ZINCRBY", "s", "1", "a"],
            ]),
            DifferentialCase("score printing", [
                ["ZADD", "z", "1.1", "a", "0.1", "b", "3", "c", "1e17", "d", "-1e-5", "e", "123456789012345678", "f",
                 "2.5e-310", "g", "-inf", "h", "+inf", "i"],
                ["ZRANGE", "z", "0", "-1", "WITHSCORES"], ["ZSCORE", "z", "a"], ["ZMSCORE", "z", "d", "nope", "h"],
                ["ZSCAN", "z", "0"],
            ]),
        ])
    }

    func testReadsAndRemovals() {
        assertSameReplies([
            DifferentialCase("card, score, rank", [
                ["ZADD", "z", "1", "a", "2", "b", "2", "c", "3", "d"], ["ZCARD", "z"], ["ZCARD", "none"],
                ["ZSCORE", "z", "c"], ["ZSCORE", "z", "x"], ["ZSCORE", "none", "x"], ["ZMSCORE", "z", "a", "x", "d"],
                ["ZMSCORE", "none", "a", "b"], ["ZMSCORE", "z"], ["ZRANK", "z", "a"], ["ZRANK", "z", "c"],
                ["ZREVRANK", "z", "a"], ["ZREVRANK", "z", "x"], ["ZRANK", "none", "a"], ["ZRANK", "z"],
                ["SET", "s", "v"], ["ZCARD", "s"], ["ZSCORE", "s", "a"], ["ZMSCORE", "s", "a"], ["ZRANK", "s", "a"],
            ]),
            DifferentialCase("zcount and zlexcount", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"], ["ZCOUNT", "z", "-inf", "+inf"],
                ["ZCOUNT", "z", "(1", "3"], ["ZCOUNT", "z", "(1", "(3"], ["ZCOUNT", "z", "3", "1"],
                ["ZCOUNT", "z", "(2", "(2"], ["ZCOUNT", "z", "2", "2"], ["ZCOUNT", "z", "x", "1"],
                ["ZCOUNT", "z", "(", "5"], ["ZCOUNT", "z", "", "5"], ["ZCOUNT", "z", " 2", "5"],
                ["ZCOUNT", "z", "nan", "5"], ["ZCOUNT", "z", "1e400", "inf"], ["ZCOUNT", "none", "0", "1"],
                ["ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e"], ["ZLEXCOUNT", "l", "-", "+"],
                ["ZLEXCOUNT", "l", "[b", "(d"], ["ZLEXCOUNT", "l", "(a", "[c"], ["ZLEXCOUNT", "l", "+", "-"],
                ["ZLEXCOUNT", "l", "b", "d"], ["ZLEXCOUNT", "l", "[", "+"], ["ZLEXCOUNT", "l", "-x", "+"],
                ["ZLEXCOUNT", "none", "-", "+"], ["SET", "s", "v"], ["ZCOUNT", "s", "0", "1"], ["ZCOUNT", "z", "0"],
            ]),
            DifferentialCase("zrem and zremrange", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f"], ["ZREM", "z", "a", "x"],
                ["ZREM", "z", "x"], ["ZREMRANGEBYRANK", "z", "0", "0"], ["ZREMRANGEBYRANK", "z", "-1", "-1"],
                ["ZREMRANGEBYRANK", "z", "5", "10"], ["ZREMRANGEBYRANK", "z", "2", "1"], ["ZRANGE", "z", "0", "-1"],
                ["ZREMRANGEBYSCORE", "z", "(3", "4"], ["ZREMRANGEBYSCORE", "z", "x", "4"], ["ZRANGE", "z", "0", "-1"],
                ["ZADD", "l", "0", "a", "0", "b", "0", "c"], ["ZREMRANGEBYLEX", "l", "(a", "[b"],
                ["ZREMRANGEBYLEX", "l", "a", "b"], ["ZRANGE", "l", "0", "-1"], ["ZREMRANGEBYLEX", "l", "-", "+"],
                ["EXISTS", "l"], ["ZREM", "z", "c", "e"], ["EXISTS", "z"], ["ZREMRANGEBYRANK", "z", "x", "1"],
                ["ZREM", "none", "a"], ["ZREMRANGEBYSCORE", "none", "0", "1"], ["SET", "s", "v"],
                ["ZREM", "s", "a"], ["ZREMRANGEBYRANK", "s", "0", "1"], ["ZREM", "z"],
            ]),
        ])
    }

    func testRanges() {
        let setup: DifferentialStep = ["ZADD", "z", "1", "a", "2", "b", "2", "c", "3", "d", "4", "e", "5", "f"]
        assertSameReplies([
            DifferentialCase("by rank", [
                setup, ["ZRANGE", "z", "0", "-1"], ["ZRANGE", "z", "1", "3", "WITHSCORES"],
                ["ZRANGE", "z", "-3", "-1", "REV"], ["ZRANGE", "z", "-100", "100"], ["ZRANGE", "z", "4", "2"],
                ["ZRANGE", "z", "6", "10"], ["ZREVRANGE", "z", "0", "2", "WITHSCORES"], ["ZREVRANGE", "z", "-2", "-1"],
                ["ZRANGE", "z", "0", "1", "LIMIT", "0", "1"], ["ZRANGE", "z", "0", "1", "LIMIT", "0", "-1"],
                ["ZRANGE", "z", "x", "1"], ["ZRANGE", "z", "0", "1", "BOGUS"], ["ZREVRANGE", "z", "0", "1", "REV"],
                ["ZRANGE", "none", "0", "-1"], ["ZRANGE", "z", "0", "9223372036854775807"],
                ["ZRANGE", "z", "-9223372036854775808", "0"],
            ]),
            DifferentialCase("by score", [
                setup, ["ZRANGE", "z", "2", "4", "BYSCORE"], ["ZRANGE", "z", "(2", "4", "BYSCORE", "WITHSCORES"],
                ["ZRANGE", "z", "4", "(2", "BYSCORE", "REV"], ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2"],
                ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2"],
                ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "2", "-1"],
                ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "6", "1"],
                ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "0", "0"],
                ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "9223372036854775807", "9223372036854775807"],
                ["ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "1", "3"],
                ["ZREVRANGEBYSCORE", "z", "(4", "2"], ["ZREVRANGEBYSCORE", "z", "2", "4"],
                ["ZRANGEBYSCORE", "z", "2", "2"], ["ZRANGEBYSCORE", "z", "(2", "2"], ["ZRANGEBYSCORE", "z", "a", "2"],
                ["ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "0"], ["ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "x", "1"],
                ["ZRANGEBYSCORE", "z", "1", "2", "BYSCORE"], ["ZRANGE", "z", "1", "2", "BYSCORE", "BYLEX"],
                ["ZRANGE", "none", "1", "2", "BYSCORE"],
            ]),
            DifferentialCase("by lex", [
                ["ZADD", "l", "0", "a", "0", "aa", "0", "b", "0", "c", "0", "d\u{00}x", "0", "e"],
                ["ZRANGE", "l", "-", "+", "BYLEX"], ["ZRANGE", "l", "[aa", "(c", "BYLEX"],
                ["ZRANGE", "l", "+", "-", "BYLEX", "REV"], ["ZRANGE", "l", "(d", "[a", "BYLEX", "REV", "LIMIT", "1", "2"],
                ["ZRANGEBYLEX", "l", "-", "+", "LIMIT", "2", "2"], ["ZRANGEBYLEX", "l", "-", "+", "LIMIT", "-1", "2"],
                ["ZREVRANGEBYLEX", "l", "+", "[b"], ["ZREVRANGEBYLEX", "l", "[b", "+"], ["ZRANGEBYLEX", "l", "a", "+"],
                ["ZRANGEBYLEX", "l", "-", "+", "WITHSCORES"], ["ZRANGE", "l", "-", "+", "BYLEX", "WITHSCORES"],
                ["ZRANGEBYLEX", "l", "[e", "[a"], ["ZRANGEBYLEX", "l", "(a", "(a"], ["ZRANGEBYLEX", "none", "-", "+"],
                ["SET", "s", "v"], ["ZRANGEBYLEX", "s", "-", "+"], ["ZRANGE", "s", "0", "1"],
            ]),
            DifferentialCase("lex ranges over mixed scores walk a listpack as Redis does", [
                ["ZADD", "m", "1", "a", "0", "c", "2", "b", "0", "d", "3", "e", "-1", "f"],
                ["ZRANGEBYLEX", "m", "[b", "+"], ["ZRANGEBYLEX", "m", "[b", "[d"], ["ZRANGEBYLEX", "m", "-", "[c"],
                ["ZREVRANGEBYLEX", "m", "[d", "-"], ["ZREVRANGEBYLEX", "m", "+", "[c"], ["ZREVRANGEBYLEX", "m", "(e", "(a"],
                ["ZRANGE", "m", "[c", "[e", "BYLEX", "LIMIT", "1", "2"], ["ZRANGE", "m", "[e", "[c", "BYLEX", "REV", "LIMIT", "1", "5"],
                ["ZLEXCOUNT", "m", "[b", "+"], ["ZLEXCOUNT", "m", "(a", "[d"], ["ZRANGEBYLEX", "m", "-", "-"],
                ["ZRANGEBYLEX", "m", "+", "+"], ["ZRANGEBYLEX", "m", "[a", "(a"], ["ZRANGESTORE", "d", "m", "[c", "+", "BYLEX"],
                ["ZRANGE", "d", "0", "-1", "WITHSCORES"], ["ZREMRANGEBYLEX", "m", "[d", "+"], ["ZRANGE", "m", "0", "-1"],
            ]),
            DifferentialCase("zrangestore", [
                setup, ["ZRANGESTORE", "d", "z", "0", "2"], ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["OBJECT", "ENCODING", "d"], ["ZRANGESTORE", "d", "z", "(2", "+inf", "BYSCORE", "LIMIT", "1", "2"],
                ["ZRANGE", "d", "0", "-1", "WITHSCORES"], ["ZRANGESTORE", "d", "z", "5", "1", "BYSCORE", "REV"],
                ["ZRANGE", "d", "0", "-1"], ["ZRANGESTORE", "d", "z", "10", "20"], ["EXISTS", "d"],
                ["ZRANGESTORE", "d", "none", "0", "-1"], ["ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES"],
                ["SET", "s", "v"], ["ZRANGESTORE", "s", "z", "0", "0"], ["TYPE", "s"], ["ZRANGESTORE", "d", "s", "0", "1"],
                ["ZRANGESTORE", "d", "z", "0"],
            ]),
        ])
    }

    func testEncodingsFollowThresholds() {
        let many = (0..<130).flatMap { ["\($0)", "m\($0)"] }
        assertSameReplies([
            DifferentialCase("listpack to skiplist", [
                DifferentialStep(["ZADD", "z"] + Array(many.prefix(256))), ["OBJECT", "ENCODING", "z"],
                ["ZADD", "z", "200", "one-more"], ["OBJECT", "ENCODING", "z"], ["ZREMRANGEBYRANK", "z", "0", "-3"],
                ["OBJECT", "ENCODING", "z"], ["ZADD", "long", "1", String(repeating: "x", count: 64)],
                ["OBJECT", "ENCODING", "long"], ["ZADD", "long", "1", String(repeating: "y", count: 65)],
                ["OBJECT", "ENCODING", "long"], ["ZADD", "first", "1", String(repeating: "y", count: 65)],
                ["OBJECT", "ENCODING", "first"], ["ZRANGESTORE", "small", "z", "0", "0"], ["OBJECT", "ENCODING", "small"],
                ["ZUNIONSTORE", "u", "1", "z"], ["OBJECT", "ENCODING", "u"], ["ZUNIONSTORE", "u", "1", "first"],
                ["OBJECT", "ENCODING", "u"],
            ]),
            DifferentialCase("config set thresholds", [
                ["CONFIG", "SET", "zset-max-listpack-entries", "2"], ["ZADD", "z", "1", "a", "2", "b"],
                ["OBJECT", "ENCODING", "z"], ["ZADD", "z", "3", "c"], ["OBJECT", "ENCODING", "z"],
                ["CONFIG", "SET", "zset-max-listpack-entries", "0"], ["ZADD", "zero", "1", "a"],
                ["OBJECT", "ENCODING", "zero"], ["CONFIG", "SET", "zset-max-listpack-entries", "128"],
                ["ZADD", "w", "1", "a", "2", "b", "3", "c"], ["CONFIG", "SET", "zset-max-listpack-entries", "1"],
                ["ZADD", "w", "9", "a"], ["OBJECT", "ENCODING", "w"], ["ZADD", "w", "9", "d"], ["OBJECT", "ENCODING", "w"],
                ["CONFIG", "SET", "zset-max-listpack-value", "3"], ["ZADD", "v", "1", "abcd"], ["OBJECT", "ENCODING", "v"],
                ["CONFIG", "SET", "zset-max-listpack-entries", "128"], ["CONFIG", "SET", "zset-max-listpack-value", "64"],
            ]),
            DifferentialCase("skiplist ranges agree with listpack ones", [
                DifferentialStep(["ZADD", "z"] + many), ["ZRANGE", "z", "10", "20", "WITHSCORES"],
                ["ZRANGE", "z", "(50", "60", "BYSCORE", "REV", "LIMIT", "2", "3"], ["ZRANK", "z", "m77"],
                ["ZREVRANK", "z", "m77"], ["ZCOUNT", "z", "(10", "100"], ["ZREMRANGEBYSCORE", "z", "20", "(30"],
                ["ZCARD", "z"], ["ZPOPMIN", "z", "3"], ["ZPOPMAX", "z"], ["ZRANGESTORE", "d", "z", "0", "-1"],
                ["OBJECT", "ENCODING", "d"], ["ZRANGESTORE", "d", "z", "0", "5"], ["OBJECT", "ENCODING", "d"],
            ]),
        ])
    }

    /// Every command's name, arity, flags and key positions (ZRANK/ZREVRANK left out: they take Redis 7.2's
    /// WITHSCORE, so their arity is 7.2's), wrong arity and WRONGTYPE for each.
    func testCommandTableArityAndWrongType() {
        let names = ["zadd", "zincrby", "zrem", "zcard", "zscore", "zmscore", "zrange", "zrangebyscore",
                     "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zrevrange", "zrangestore", "zcount",
                     "zlexcount", "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zpopmin", "zpopmax",
                     "bzpopmin", "bzpopmax", "zmpop", "bzmpop", "zunion", "zinter", "zdiff", "zunionstore",
                     "zinterstore", "zdiffstore", "zintercard", "zrandmember", "zscan"]
        let infoWithFlags = Comparison.projected("name, arity, flags, first/last key, step") { reply in
            guard case .array(let entries?) = reply else { return reply }
            return .array(entries.map { entry in
                guard case .array(let fields?) = entry, fields.count >= 6 else { return entry }
                return .array(Array(fields[0..<6]))
            })
        }
        let wrongType: [DifferentialStep] = [
            ["ZINCRBY", "s", "1", "m"], ["ZREM", "s", "m"], ["ZRANGEBYSCORE", "s", "0", "1"],
            ["ZREVRANGEBYSCORE", "s", "1", "0"], ["ZREVRANGEBYLEX", "s", "+", "-"], ["ZREVRANGE", "s", "0", "1"],
            ["ZLEXCOUNT", "s", "-", "+"], ["ZREMRANGEBYSCORE", "s", "0", "1"], ["ZREMRANGEBYLEX", "s", "-", "+"],
            ["ZPOPMAX", "s"], ["ZUNIONSTORE", "d", "1", "s"], ["ZDIFF", "1", "s"], ["ZINTERCARD", "1", "s"],
            ["ZRANDMEMBER", "s", "2"], ["ZREVRANK", "s", "m"],
        ]
        assertSameReplies([
            DifferentialCase("command info", [DifferentialStep(["COMMAND", "INFO"] + names, infoWithFlags)]),
            DifferentialCase("wrong arity", names.map { DifferentialStep([$0]) } + [
                ["ZADD", "k", "1"], ["ZINCRBY", "k", "1"], ["ZRANGE", "k", "0"], ["ZRANGESTORE", "d", "k", "0"],
                ["BZPOPMIN", "k"], ["BZMPOP", "0", "1", "k"], ["ZMPOP", "1", "k"], ["ZSCAN", "k"], ["ZCOUNT", "k", "0"],
                ["ZRANK", "k"], ["ZREVRANK"],
            ]),
            DifferentialCase("wrong type", [["SET", "s", "v"]] + wrongType),
        ])
    }
}
