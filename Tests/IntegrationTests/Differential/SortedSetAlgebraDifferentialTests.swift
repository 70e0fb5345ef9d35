import RESP
import XCTest

/// Sorted-set algebra, pops (blocking too), random members and ZSCAN compared with Redis.
final class SortedSetAlgebraDifferentialTests: XCTestCase {
    private let setup: [DifferentialStep] = [
        ["ZADD", "a", "1", "x", "2", "y", "3", "z"], ["ZADD", "b", "10", "y", "20", "z", "30", "w"],
        ["ZADD", "inf", "inf", "x", "-inf", "y"], ["ZADD", "ninf", "-inf", "x", "inf", "y"],
    ]

    func testUnionInterDiff() {
        assertSameReplies([
            DifferentialCase("union", setup + [
                ["ZUNION", "2", "a", "b"], ["ZUNION", "2", "a", "b", "WITHSCORES"],
                ["ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES"],
                ["ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"],
                ["ZUNION", "2", "a", "b", "AGGREGATE", "max", "WITHSCORES"],
                ["ZUNION", "2", "inf", "ninf", "WITHSCORES"], ["ZUNION", "2", "inf", "a", "WEIGHTS", "0", "1", "WITHSCORES"],
                ["ZUNION", "3", "a", "none", "b", "WITHSCORES"], ["ZUNION", "1", "none"],
                ["ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "-1"], ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["ZUNIONSTORE", "d", "1", "none"], ["EXISTS", "d"], ["ZUNIONSTORE", "a", "2", "a", "a"],
                ["ZRANGE", "a", "0", "-1", "WITHSCORES"],
            ]),
            DifferentialCase("inter and intercard", setup + [
                ["ZINTER", "2", "a", "b", "WITHSCORES"], ["ZINTER", "2", "a", "b", "AGGREGATE", "MAX"],
                ["ZINTER", "2", "inf", "ninf", "WITHSCORES"], ["ZINTER", "2", "inf", "ninf", "AGGREGATE", "MIN", "WITHSCORES"],
                ["ZINTER", "2", "inf", "a", "WEIGHTS", "0", "1", "WITHSCORES"], ["ZINTER", "2", "a", "none"],
                ["ZINTERSTORE", "d", "2", "a", "b"], ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["ZINTERSTORE", "d", "2", "a", "none"], ["EXISTS", "d"], ["ZINTERCARD", "2", "a", "b"],
                ["ZINTERCARD", "2", "a", "b", "LIMIT", "1"], ["ZINTERCARD", "2", "a", "b", "LIMIT", "0"],
                ["ZINTERCARD", "1", "a", "LIMIT", "-1"], ["ZINTERCARD", "0", "a"], ["ZINTERCARD", "2", "a"],
                ["ZINTERCARD", "1", "a", "WITHSCORES"], ["ZINTERCARD", "1", "a", "LIMIT"],
            ]),
            DifferentialCase("diff", setup + [
                ["ZDIFF", "2", "a", "b"], ["ZDIFF", "2", "b", "a", "WITHSCORES"], ["ZDIFF", "2", "a", "a"],
                ["ZDIFF", "1", "none"], ["ZDIFF", "2", "a", "b", "WEIGHTS", "1", "1"],
                ["ZDIFFSTORE", "d", "2", "b", "a"], ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["ZDIFFSTORE", "d", "2", "a", "a"], ["EXISTS", "d"], ["ZDIFFSTORE", "d", "2", "a", "b", "WITHSCORES"],
            ]),
            DifferentialCase("algebra errors", setup + [
                ["ZUNION", "0", "a"], ["ZUNION", "x", "a"], ["ZUNION", "3", "a", "b"], ["ZUNIONSTORE", "d", "0", "a"],
                ["ZUNION", "2", "a", "b", "WEIGHTS", "1"], ["ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"],
                ["ZUNION", "2", "a", "b", "AGGREGATE", "AVG"], ["ZUNION", "2", "a", "b", "AGGREGATE"],
                ["ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES"], ["ZUNION", "2", "a", "b", "BOGUS"],
                ["SET", "s", "v"], ["ZUNION", "2", "a", "s"], ["ZINTER", "2", "s", "a", "BOGUS"],
                ["ZINTERSTORE", "d", "1", "s"], ["ZUNION", "-1", "a"], ["ZINTER"], ["ZDIFFSTORE", "d", "1"],
            ]),
        ])
    }

    func testPops() {
        assertSameReplies([
            DifferentialCase("zpopmin and zpopmax", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"], ["ZPOPMIN", "z"], ["ZPOPMAX", "z"],
                ["ZPOPMIN", "z", "0"], ["ZPOPMIN", "z", "1"], ["ZPOPMAX", "z", "10"], ["EXISTS", "z"],
                ["ZPOPMIN", "z"], ["ZPOPMIN", "z", "3"], ["ZPOPMIN", "z", "-1"], ["ZPOPMIN", "z", "x"],
                ["ZPOPMIN", "z", "1", "2"], ["SET", "s", "v"], ["ZPOPMIN", "s"], ["ZPOPMAX", "s", "0"],
            ]),
            DifferentialCase("zmpop", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c"], ["ZMPOP", "2", "none", "z", "MIN"],
                ["ZMPOP", "1", "z", "MAX", "COUNT", "5"], ["ZMPOP", "1", "z", "MIN"], ["ZMPOP", "2", "z", "none", "MAX"],
                ["ZMPOP", "0", "z", "MIN"], ["ZMPOP", "x", "z", "MIN"], ["ZMPOP", "1", "z", "MIDDLE"],
                ["ZMPOP", "1", "z", "MIN", "COUNT", "0"], ["ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"],
                ["ZMPOP", "1", "z", "MIN", "COUNT"], ["ZMPOP", "5", "z", "MIN"], ["SET", "s", "v"],
                ["ZADD", "y", "1", "a"], ["ZMPOP", "2", "s", "y", "MIN"], ["ZMPOP", "2", "y", "s", "MIN"],
            ]),
            DifferentialCase("blocking pops answer at once when data is there", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c"], ["BZPOPMIN", "none", "z", "0"], ["BZPOPMAX", "z", "0.5"],
                ["BZMPOP", "0", "2", "none", "z", "MAX", "COUNT", "2"], ["BZPOPMIN", "z", "0.01"],
                ["BZMPOP", "0.01", "1", "z", "MIN"], ["BZPOPMIN", "z", "-1"], ["BZPOPMIN", "z", "x"],
                ["BZMPOP", "x", "1", "z", "MIN"], ["BZMPOP", "0", "0", "z", "MIN"], ["SET", "s", "v"],
                ["BZPOPMIN", "s", "0"], ["BZMPOP", "0", "1", "s", "MIN"],
            ]),
        ])
    }

    func testBlockingPopServedByLaterAdd() {
        assertSameTranscript { server, version in
            let waiter = try server.connect(), writer = try server.connect()
            if version == .v3 { _ = try waiter.send(["HELLO", "3"]) }
            try waiter.write(["BZPOPMIN", "k1", "k2", "0"])
            _ = try writer.send(["PING"])
            let added = try writer.send(["ZADD", "k2", "5", "m", "6", "n"])
            let served = try waiter.readReply(timeout: 5)
            try waiter.write(["BZMPOP", "0", "2", "k3", "k4", "MAX", "COUNT", "3"])
            _ = try writer.send(["PING"])
            let set = try writer.send(["SET", "k3", "string"])
            let added2 = try writer.send(["ZADD", "k4", "1", "p", "2", "q"])
            let served2 = try waiter.readReply(timeout: 5)
            return [added, served, set, added2, served2, try writer.send(["ZCARD", "k2"]), try writer.send(["EXISTS", "k4"])]
        }
    }

    func testBlockingPopTimesOut() {
        assertSameTranscript { server, version in
            let waiter = try server.connect()
            if version == .v3 { _ = try waiter.send(["HELLO", "3"]) }
            return [try waiter.send(["BZPOPMAX", "k", "0.1"]), try waiter.send(["BZMPOP", "0.1", "1", "k", "MIN"])]
        }
    }

    func testRandomMembersAndScan() {
        let sizes: (RESPValue) -> RESPValue = { reply in
            guard case .array(let items?) = reply else { return reply }
            return .integer(Int64(items.count))
        }
        let many = (0..<200).flatMap { ["\($0)", "m\($0)"] }
        assertSameReplies([
            DifferentialCase("zrandmember", [
                ["ZADD", "z", "1", "a", "2", "b", "3", "c"], .ignoreValue("ZRANDMEMBER", "z"), ["ZRANDMEMBER", "none"],
                ["ZRANDMEMBER", "z", "5"], ["ZRANDMEMBER", "z", "5", "WITHSCORES"], ["ZRANDMEMBER", "z", "0"],
                .projected("size", ["ZRANDMEMBER", "z", "-7"], sizes),
                .projected("size", ["ZRANDMEMBER", "z", "-7", "WITHSCORES"], sizes),
                .projected("size", ["ZRANDMEMBER", "z", "2"], sizes), .unordered("ZRANDMEMBER", "z", "3"),
                ["ZRANDMEMBER", "z", "x"], ["ZRANDMEMBER", "z", "1", "x"], ["ZRANDMEMBER", "z", "1", "WITHSCORES", "x"],
                ["ZRANDMEMBER", "none", "-9223372036854775808"], ["ZRANDMEMBER", "none", "4611686018427387904", "WITHSCORES"],
                ["ZRANDMEMBER", "none", "-4611686018427387904", "WITHSCORES"], ["ZRANDMEMBER", "none", "5"],
                DifferentialStep(["ZADD", "big"] + many), .projected("size", ["ZRANDMEMBER", "big", "150"], sizes),
                .projected("size", ["ZRANDMEMBER", "big", "10", "WITHSCORES"], sizes),
                .projected("size", ["ZRANDMEMBER", "big", "-300"], sizes), ["SET", "s", "v"], ["ZRANDMEMBER", "s"],
            ]),
            DifferentialCase("zscan", [
                ["ZADD", "z", "1", "a", "2.5", "b", "-0", "c", "inf", "d"], ["ZSCAN", "z", "0"],
                ["ZSCAN", "z", "0", "MATCH", "[ab]"], ["ZSCAN", "z", "0", "COUNT", "1"], ["ZSCAN", "z", "0", "COUNT", "0"],
                ["ZSCAN", "z", "0", "TYPE", "zset"], ["ZSCAN", "z", "x"], ["ZSCAN", "none", "0"],
                ["ZSCAN", "none", "0", "BOGUS"], ["ZSCAN", "z", "0", "MATCH"], ["SET", "s", "v"], ["ZSCAN", "s", "0"],
                DifferentialStep(["ZADD", "big"] + many),
                .projected("members of a full scan", ["ZSCAN", "big", "0", "COUNT", "1000"], { reply in
                    guard case .array(let parts?) = reply, parts.count == 2 else { return reply }
                    return parts[1].sortedElements
                }),
            ]),
        ])
    }
}
