import RESP
import XCTest

/// Stream commands compared with Redis: entries, IDs and ranges, trimming (exact and by whole nodes), consumer
/// groups, pending entries, claims, XINFO and XSETID, with their errors. Explicit IDs everywhere except where the
/// generated ID is projected away; delivery times and idle times are masked.
final class StreamDifferentialTests: XCTestCase {
    func testAddRangeLengthAndDelete() {
        assertSameReplies([
            DifferentialCase("xadd ids", [
                ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "0-0", "a", "1"],
                ["XADD", "s2", "0-0", "a", "1"], ["XADD", "s2", "0", "a", "1"], ["EXISTS", "s2"],
                ["XADD", "s", "5-*", "a", "1"], ["XADD", "s", "5-*", "a", "1"], ["XADD", "s", "4-*", "a", "1"],
                ["XADD", "s", "6", "f", "v", "g", "w"], ["XADD", "s", "abc", "a", "1"], ["XADD", "s", "1-", "a", "1"],
                ["XADD", "s", "+5", "a", "1"], ["XADD", "s", "-", "a", "1"], ["XADD", "s", "*", "a"],
                ["XADD", "s", "7-1", "a", "1", "b"], ["XADD", "s"], ["XADD", "s", "abc", "a"],
                ["XADD", "s", "18446744073709551616", "a", "1"],
                ["XADD", "s", "18446744073709551615-18446744073709551615", "a", "1"],
                ["XADD", "s", "18446744073709551615-*", "a", "1"], ["XADD", "s", "*", "a", "1"],
                ["XADD", "m", "18446744073709551615-18446744073709551614", "a", "1"],
                ["XADD", "m", "18446744073709551615-*", "a", "1"], ["XADD", "m", "18446744073709551615-*", "a", "1"],
                ["XADD", "n", "NOMKSTREAM", "1-1", "a", "1"], ["EXISTS", "n"], ["XADD", "n", "NOMKSTREAM"],
                .ignoreValue("XADD", "auto", "*", "a", "1"), ["XLEN", "auto"], ["TYPE", "s"],
                ["OBJECT", "ENCODING", "s"], ["XRANGE", "s", "-", "+"],
            ]),
            DifferentialCase("xrange and xrevrange", [
                ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "1-2", "b", "2"], ["XADD", "s", "2-0", "c", "3"],
                ["XADD", "s", "3-5", "d", "4", "e", "5"],
                ["XRANGE", "s", "-", "+"], ["XRANGE", "s", "-", "+", "COUNT", "2"], ["XRANGE", "s", "-", "+", "COUNT", "0"],
                ["XRANGE", "s", "-", "+", "COUNT", "-1"], ["XRANGE", "s", "(1-1", "+"], ["XRANGE", "s", "1", "1"],
                ["XRANGE", "s", "(1", "(3"], ["XRANGE", "s", "+", "-"], ["XRANGE", "s", "2", "2-0"],
                ["XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"], ["XRANGE", "s", "-", "(0-0"],
                ["XRANGE", "s", "(-", "+"], ["XRANGE", "s", "-", "(+"], ["XRANGE", "s", "-", "+", "COUNT"],
                ["XRANGE", "s", "-", "+", "FOO", "1"], ["XRANGE", "s", "-", "+", "COUNT", "x"], ["XRANGE", "s", "x", "+"],
                ["XRANGE", "s", "-", "1-2-3"], ["XRANGE", "s", "-1", "+"], ["XRANGE", "s", " 1", "+"],
                ["XRANGE", "s", "-", "+", "COUNT", "1", "COUNT", "3"], ["XRANGE", "missing", "-", "+"],
                ["XRANGE", "missing", "-", "+", "COUNT", "0"], ["XRANGE", "s", "-"],
                ["XREVRANGE", "s", "+", "-"], ["XREVRANGE", "s", "+", "-", "COUNT", "1"], ["XREVRANGE", "s", "2", "-"],
                ["XREVRANGE", "s", "(3-5", "(1-1"], ["XREVRANGE", "s", "-", "+"], ["XREVRANGE", "s", "+", "-", "COUNT", "0"],
            ]),
            DifferentialCase("xlen, xdel and wrong types", [
                ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "2-1", "a", "1"], ["XADD", "s", "3-1", "a", "1"],
                ["XLEN", "s"], ["XLEN", "missing"], ["XDEL", "s", "2-1", "9-9"], ["XDEL", "s", "2-1"], ["XDEL", "s", "bad"],
                ["XDEL", "s", "1-1", "bad"], ["XLEN", "s"], ["XDEL", "missing", "1-1"], ["XDEL", "s", "1", "3-1"],
                ["XLEN", "s"], ["EXISTS", "s"], ["XRANGE", "s", "-", "+"], ["XADD", "s", "2-5", "a", "1"],
                ["XADD", "s", "3-2", "a", "1"], ["SET", "str", "x"], ["XLEN", "str"], ["XADD", "str", "1-1", "a", "1"],
                ["XRANGE", "str", "-", "+"], ["XREVRANGE", "str", "+", "-"], ["XDEL", "str", "1-1"],
                ["XTRIM", "str", "MAXLEN", "1"], ["XLEN"], ["XDEL", "s"], ["XLEN", "s", "x"],
            ]),
        ])
    }

    func testTrimming() {
        var steps: [DifferentialStep] = []
        for i in 1...350 { steps.append(["XADD", "s", "\(i)-1", "field", "value\(i)"]) }
        steps += [
            Self.info("s"), ["XTRIM", "s", "MAXLEN", "~", "120"], ["XLEN", "s"],
            ["XTRIM", "s", "MAXLEN", "~", "10", "LIMIT", "50"], ["XLEN", "s"], ["XDEL", "s", "250-1", "251-1"],
            ["XTRIM", "s", "MINID", "~", "290"], ["XLEN", "s"], ["XTRIM", "s", "MINID", "295"], ["XLEN", "s"],
            ["XTRIM", "s", "MINID", "=", "296"], ["XTRIM", "s", "MAXLEN", "=", "40"], Self.info("s"),
            ["XADD", "s", "MAXLEN", "3", "400-1", "a", "b"], ["XLEN", "s"], ["XRANGE", "s", "-", "+"],
            ["XADD", "s", "MINID", "400", "401-1", "a", "b"], ["XRANGE", "s", "-", "+"],
            ["XTRIM", "s", "MAXLEN", "0"], ["XLEN", "s"], ["EXISTS", "s"], Self.info("s"),
            ["XTRIM", "s"], ["XTRIM", "s", "FOO", "1"], ["XTRIM", "s", "MAXLEN", "1", "LIMIT", "1"],
            ["XTRIM", "s", "LIMIT", "1"], ["XTRIM", "s", "MAXLEN", "-1"], ["XTRIM", "s", "MAXLEN", "x"],
            ["XTRIM", "s", "MAXLEN", "~", "1", "LIMIT", "-1"], ["XTRIM", "s", "MINID", "bad"],
            ["XTRIM", "s", "MAXLEN", "1", "MINID", "1"], ["XTRIM", "missing", "MAXLEN", "1"],
            ["XADD", "s", "MAXLEN", "1", "LIMIT", "5", "*", "a", "1"], ["XADD", "s", "MAXLEN", "-1", "*", "a", "1"],
            ["XADD", "s", "MINID", "1", "MAXLEN", "1", "*", "a", "1"], ["XADD", "s", "LIMIT", "5", "*", "a", "1"],
            ["XADD", "s", "MAXLEN", "~", "x", "*", "a", "1"],
        ]
        var nodes: [DifferentialStep] = []
        for i in 1...149 { nodes.append(["XADD", "big", "\(i)-1", "f\(i)", String(repeating: "x", count: i * 3)]) }
        nodes += [Self.info("big"), ["XTRIM", "big", "MAXLEN", "~", "100"], ["XLEN", "big"]]
        for i in 1...49 { nodes.append(["XADD", "ints", "\(i)-1", "1", "\(i * 1000)", "2", "-5"]) }
        nodes += [Self.info("ints"), ["CONFIG", "SET", "stream-node-max-entries", "7"]]
        for i in 1...49 { nodes.append(["XADD", "small", "\(i)-1", "a", "b"]) }
        nodes += [Self.info("small"), ["XTRIM", "small", "MAXLEN", "~", "20"], ["XLEN", "small"],
                  ["XADD", "small", "MAXLEN", "~", "5", "50-1", "a", "b"], ["XLEN", "small"],
                  ["CONFIG", "SET", "stream-node-max-entries", "0"], ["CONFIG", "SET", "stream-node-max-bytes", "200"]]
        for i in 1...30 { nodes.append(["XADD", "bytes", "\(i)-1", "k", "value-\(i)"]) }
        nodes += [Self.info("bytes"), ["XTRIM", "bytes", "MAXLEN", "~", "12"], ["XLEN", "bytes"],
                  ["CONFIG", "SET", "stream-node-max-entries", "100"], ["CONFIG", "SET", "stream-node-max-bytes", "4096"]]
        assertSameReplies([
            DifferentialCase("exact and approximate trimming", steps),
            DifferentialCase("node boundaries by size and count", nodes),
        ])
    }

    func testConsumerGroups() {
        let setup: [DifferentialStep] = [
            ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "2-1", "b", "2"], ["XADD", "s", "3-1", "c", "3"],
        ]
        assertSameReplies([
            DifferentialCase("xgroup", setup + [
                ["XGROUP", "CREATE", "s", "g", "0"], ["XGROUP", "CREATE", "s", "g", "0"],
                ["XGROUP", "CREATE", "s", "g2", "$", "ENTRIESREAD", "1"], ["XGROUP", "CREATE", "s", "g3", "$", "foo"],
                ["XGROUP", "CREATE", "s", "g3", "$", "MKSTREAM", "MKSTREAM", "ENTRIESREAD", "5"],
                ["XGROUP", "CREATE", "s", "g3", "$", "ENTRIESREAD", "-2"], ["XGROUP", "CREATE", "s", "g3", "$", "ENTRIESREAD"],
                ["XGROUP", "CREATE", "missing", "g", "$"], ["XGROUP", "CREATE", "made", "g", "$", "MKSTREAM"],
                ["XLEN", "made"], ["XGROUP", "CREATE", "s", "g4", "bad"], ["XGROUP", "CREATE", "s", "g4", "-"],
                ["XGROUP", "SETID", "s", "nog", "0"], ["XGROUP", "SETID", "s", "g2", "-", "ENTRIESREAD", "-5"],
                ["XGROUP", "SETID", "s", "g2", "+", "ENTRIESREAD", "5", "x"], ["XGROUP", "SETID", "s", "g2", "bad"],
                ["XGROUP", "SETID", "s", "g2", "$", "MKSTREAM"], ["XGROUP", "SETID", "missing", "g", "0"],
                ["XGROUP", "CREATECONSUMER", "s", "nog", "c"], ["XGROUP", "CREATECONSUMER", "s", "g", "c0"],
                ["XGROUP", "CREATECONSUMER", "s", "g", "c0"], ["XGROUP", "DELCONSUMER", "s", "g", "nobody"],
                ["XGROUP", "DELCONSUMER", "s", "nog", "c0"], ["XGROUP", "DESTROY", "missing", "g"],
                ["XGROUP", "DESTROY", "s", "g2"], ["XGROUP", "DESTROY", "s", "g2"], ["XGROUP", "BOGUS", "s", "g"],
                ["XGROUP", "CREATE", "s"], ["XGROUP", "DESTROY", "s", "g", "x"], ["XGROUP", "HELP"], ["XGROUP"],
                ["XGROUP", "HELP", "x"], ["SET", "str", "x"], ["XGROUP", "CREATE", "str", "g", "$"],
                ["XGROUP", "CREATE", "str", "g", "$", "MKSTREAM"], ["XGROUP", "CREATE", "str", "g", "$", "BAD"],
                Self.groups("s"), ["XGROUP", "SETID", "s", "g", "2-1", "ENTRIESREAD", "2"], Self.groups("s"),
                ["XGROUP", "SETID", "s", "g", "$"], Self.groups("s"),
            ]),
            DifferentialCase("xreadgroup, pending and ack", setup + [
                ["XGROUP", "CREATE", "s", "g", "0"], ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"],
                ["XPENDING", "s", "g"], Self.pending(["XPENDING", "s", "g", "-", "+", "10"]),
                Self.pending(["XPENDING", "s", "g", "-", "+", "10", "c1"]), ["XPENDING", "s", "g", "-", "+", "10", "nobody"],
                Self.pending(["XPENDING", "s", "g", "(1-1", "+", "10"]), ["XPENDING", "s", "g", "-", "+", "0"],
                ["XPENDING", "s", "g", "-", "+", "x"], Self.pending(["XPENDING", "s", "g", "IDLE", "0", "-", "+", "10"]),
                ["XPENDING", "s", "g", "IDLE", "100000", "-", "+", "10"], ["XPENDING", "s", "g", "IDLE", "0", "-", "+"],
                ["XPENDING", "s", "g", "IDLE", "x", "-", "+", "1"], ["XPENDING", "s", "g", "-"],
                ["XPENDING", "s", "g", "bad", "+", "1"], ["XPENDING", "s", "g", "(+", "+", "1"],
                ["XPENDING", "s", "nog"], ["XPENDING", "missing", "g"], ["XPENDING", "s"],
                ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"], ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"],
                ["XPENDING", "s", "g"], ["XDEL", "s", "2-1"], ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"],
                ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", "0"],
                ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "1-1"], ["XREADGROUP", "GROUP", "g", "new", "STREAMS", "s", "0"],
                Self.pending(["XPENDING", "s", "g", "-", "+", "10"]),
                ["XACK", "s", "g", "1-1", "3-1", "9-9"], ["XACK", "s", "g", "bad"], ["XACK", "s", "g", "1-1", "bad"],
                ["XACK", "s", "nog", "1-1"], ["XACK", "missing", "g", "1-1"], ["XACK", "s", "g"], ["XPENDING", "s", "g"],
                ["XADD", "s", "4-1", "d", "4"], ["XREADGROUP", "GROUP", "g", "c1", "NOACK", "STREAMS", "s", ">"],
                ["XPENDING", "s", "g"], Self.groups("s"), Self.consumers("s", "g"), ["XINFO", "CONSUMERS", "s", "nog"],
                ["XGROUP", "DELCONSUMER", "s", "g", "c1"], ["XPENDING", "s", "g"],
            ]),
            DifferentialCase("xread and xreadgroup errors", setup + [
                ["XGROUP", "CREATE", "s", "g", "0"], ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "$"],
                ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s"], ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "missing", ">"],
                ["XREADGROUP", "GROUP", "nog", "c1", "STREAMS", "s", ">"], ["XREADGROUP", "STREAMS", "s", "0", "x", "y"],
                ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "s", ">", "bad"],
                ["XREAD", "STREAMS", "s", ">"], ["XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"],
                ["XREAD", "NOACK", "STREAMS", "s", "0"], ["XREAD", "STREAMS", "s", "0"], ["XREAD", "COUNT", "1", "STREAMS", "s", "0"],
                ["XREAD", "COUNT", "-1", "STREAMS", "s", "0"], ["XREAD", "STREAMS", "s", "missing", "0", "0"],
                ["XREAD", "STREAMS", "s", "missing", "1-1", "0"], ["XREAD", "STREAMS", "s", "$"], ["XREAD", "STREAMS", "s", "3-1"],
                ["XREAD", "BLOCK", "-1", "STREAMS", "s", "0"], ["XREAD", "BLOCK", "x", "STREAMS", "s", "0"],
                ["XREAD", "FOO", "STREAMS", "s", "0"], ["XREAD", "COUNT", "x", "STREAMS", "s", "0"], ["XREAD", "STREAMS", "s"],
                ["XREAD", "STREAMS", "s", "bad"], ["XREAD", "COUNT", "1", "s", "0"], ["XREAD", "BLOCK", "10", "STREAMS", "s", "$"],
                ["SET", "str", "x"], ["XREAD", "STREAMS", "str", "0"], ["XREAD", "STREAMS", "s", "str", "0", "0"],
                ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "str", ">"], ["XREAD", "STREAMS"], ["XREADGROUP", "GROUP", "g"],
            ]),
        ])
    }

    func testClaimsInfoAndSetID() {
        let setup: [DifferentialStep] = [
            ["XADD", "s", "1-1", "a", "1"], ["XADD", "s", "2-1", "b", "2"], ["XADD", "s", "3-1", "c", "3"],
            ["XGROUP", "CREATE", "s", "g", "0"], ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"],
        ]
        assertSameReplies([
            DifferentialCase("xclaim and xautoclaim", setup + [
                ["XCLAIM", "s", "g", "c2", "0", "3-1", "FORCE", "JUSTID"], Self.pending(["XPENDING", "s", "g", "-", "+", "10"]),
                ["XCLAIM", "s", "g", "c2", "0", "3-1"], Self.pending(["XPENDING", "s", "g", "-", "+", "10"]),
                ["XCLAIM", "s", "g", "c2", "100000", "1-1"], ["XCLAIM", "s", "g", "c3", "0", "9-9"],
                ["XCLAIM", "s", "g", "c3", "0", "9-9", "FORCE"], ["XDEL", "s", "1-1"],
                ["XCLAIM", "s", "g", "c2", "0", "1-1", "2-1", "JUSTID"], Self.pending(["XPENDING", "s", "g", "-", "+", "10"]),
                ["XCLAIM", "s", "g", "c2", "x", "1-1"], ["XCLAIM", "s", "g", "c2", "0", "1-1", "BOGUS"],
                ["XCLAIM", "s", "g", "c2", "0", "1-1", "IDLE", "x"], ["XCLAIM", "s", "g", "c2", "0", "1-1", "TIME", "x"],
                ["XCLAIM", "s", "g", "c2", "0", "1-1", "RETRYCOUNT", "x"], ["XCLAIM", "s", "g", "c2", "0", "1-1", "LASTID", "x"],
                ["XCLAIM", "s", "g", "c2", "0", "2-1", "IDLE", "0", "RETRYCOUNT", "7", "LASTID", "9-9", "JUSTID"],
                Self.pending(["XPENDING", "s", "g", "-", "+", "10"]), Self.groups("s"),
                ["XCLAIM", "s", "g", "c2", "0", "2-1", "TIME", "1", "JUSTID"], Self.pending(["XPENDING", "s", "g", "IDLE", "1000000", "-", "+", "10"]),
                ["XCLAIM", "s", "nog", "c2", "0", "2-1"], ["XCLAIM", "missing", "g", "c2", "0", "2-1"],
                ["XADD", "s", "4-1", "d", "4"], ["XADD", "s", "5-1", "e", "5"],
                ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"], ["XDEL", "s", "4-1"],
                ["XAUTOCLAIM", "s", "g", "c3", "0", "0", "COUNT", "1"], ["XAUTOCLAIM", "s", "g", "c3", "0", "0", "COUNT", "1"],
                ["XAUTOCLAIM", "s", "g", "c3", "0", "(3-1", "JUSTID"], ["XAUTOCLAIM", "s", "g", "c4", "0", "-"],
                ["XAUTOCLAIM", "s", "g", "c4", "100000", "-"], ["XAUTOCLAIM", "s", "g", "c3", "0", "0", "COUNT", "0"],
                ["XAUTOCLAIM", "s", "g", "c3", "0", "0", "BOGUS"], ["XAUTOCLAIM", "s", "nog", "c3", "0", "0"],
                ["XAUTOCLAIM", "s", "g", "c3", "x", "0"], ["XAUTOCLAIM", "s", "g", "c3", "0", "bad"],
                ["XAUTOCLAIM", "s", "g", "c3", "0", "(18446744073709551615-18446744073709551615"],
                ["XAUTOCLAIM", "missing", "g", "c3", "0", "0"], Self.consumers("s", "g"),
            ]),
            DifferentialCase("xinfo", setup + [
                Self.info("s"), Self.info("s", full: ["FULL"]), Self.info("s", full: ["FULL", "COUNT", "1"]),
                Self.info("s", full: ["FULL", "COUNT", "0"]), Self.info("s", full: ["FULL", "COUNT", "-3"]),
                ["XINFO", "STREAM", "s", "FULL", "COUNT"], ["XINFO", "STREAM", "s", "FULL", "COUNT", "x"],
                ["XINFO", "STREAM", "s", "BOGUS"], ["XINFO", "STREAM", "s", "FULL", "BOGUS", "1"], ["XINFO", "STREAM", "missing"],
                ["XINFO", "GROUPS", "missing"], ["XINFO", "BOGUS", "s"], ["XINFO", "HELP"], ["XINFO"], ["XINFO", "GROUPS"],
                ["SET", "str", "x"], ["XINFO", "STREAM", "str"], ["XINFO", "GROUPS", "str"],
                ["XDEL", "s", "2-1"], Self.info("s"), Self.groups("s"), ["XADD", "s", "4-1", "d", "4"], Self.groups("s"),
                ["XGROUP", "CREATE", "s", "g5", "0"], ["XREADGROUP", "GROUP", "g5", "c", "COUNT", "1", "STREAMS", "s", ">"],
                Self.groups("s"), ["XGROUP", "SETID", "s", "g5", "0", "ENTRIESREAD", "0"],
                ["XREADGROUP", "GROUP", "g5", "c", "COUNT", "1", "STREAMS", "s", ">"], Self.groups("s"),
                ["XTRIM", "s", "MAXLEN", "1"], Self.groups("s"), ["XGROUP", "CREATE", "s", "g6", "0-1"], Self.groups("s"),
                ["XDEL", "s", "4-1"], Self.groups("s"), Self.info("s"), Self.info("s", full: ["FULL"]),
                ["XADD", "e", "1-1", "a", "1"], ["XDEL", "e", "1-1"], Self.info("e"), ["XGROUP", "CREATE", "e", "g", "$"],
                Self.groups("e"), ["XREAD", "STREAMS", "e", "0"], ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "e", ">"],
                ["XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "e", ">"],
            ]),
            DifferentialCase("xsetid", [
                ["XADD", "q", "5-1", "a", "1"], ["XADD", "q", "6-1", "a", "1"], ["XDEL", "q", "6-1"], ["XSETID", "q", "5-2"],
                Self.info("q"), ["XSETID", "q", "5-0"], ["XSETID", "q", "5-1", "ENTRIESADDED", "0"], ["XDEL", "q", "5-1"],
                ["XSETID", "q", "5-2"], ["XSETID", "q", "7", "MAXDELETEDID", "8"], ["XSETID", "q", "9", "ENTRIESADDED", "-1"],
                ["XSETID", "q", "9", "ENTRIESADDED", "0", "MAXDELETEDID", "3"], Self.info("q"), ["XSETID", "q", "bad"],
                ["XSETID", "q", "9", "BOGUS", "1"], ["XSETID", "q", "9", "ENTRIESADDED"], ["XSETID", "q", "9", "MAXDELETEDID", "x"],
                ["XSETID", "missing", "1-1"], ["SET", "str", "x"], ["XSETID", "str", "1-1"], ["XSETID", "q"],
                ["XADD", "q", "9-0", "a", "1"], ["XADD", "q", "*", "a", "1", "MAXLEN"],
                ["XSETID", "q", "18446744073709551615-18446744073709551615"], ["XADD", "q", "*", "a", "1"],
            ]),
        ])
    }

    /// Blocking reads woken by XADD, timing out, and XREADGROUP woken by the group or the key going away.
    func testBlockingReads() {
        assertSameTranscript { server, version in
            let a = try server.connect(), b = try server.connect()
            for c in [a, b] where version == .v3 { _ = try c.send(["HELLO", "3"]) }
            _ = try a.send(["FLUSHALL"])
            var t: [RESPValue] = []
            // The blocking command goes out first; the pause lets the server read it before the other client's.
            func block(_ command: [String]) throws {
                try b.sendRaw(Self.encode(command))
                usleep(50_000)
            }
            t.append(try a.send(["XADD", "s", "1-1", "f", "v"]))
            try block(["XREAD", "BLOCK", "0", "STREAMS", "s", "$"])
            t.append(try a.send(["XADD", "s", "2-1", "g", "w"]))
            t.append(try b.readReply(timeout: 5))
            try block(["XREAD", "BLOCK", "100", "STREAMS", "s", "$"])
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$"]))
            try block(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"])
            t.append(try a.send(["XADD", "s", "3-1", "h", "x"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XPENDING", "s", "g"]))
            try block(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"])
            t.append(try a.send(["XGROUP", "DESTROY", "s", "g"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$"]))
            try block(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"])
            t.append(try a.send(["DEL", "s"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]))
            try block(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"])
            t.append(try a.send(["SET", "s", "x"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["DEL", "s"]))
            try block(["XREAD", "BLOCK", "0", "STREAMS", "s", "s2", "$", "$"])
            t.append(try a.send(["XADD", "s2", "5-5", "k", "v"]))
            t.append(try b.readReply(timeout: 5))
            // A re-created stream must pass the ID resolved for "$" before the reader is served.
            t.append(try a.send(["XADD", "s", "1-1", "a", "b"]))
            try block(["XREAD", "BLOCK", "0", "STREAMS", "s", "$"])
            t.append(try a.send(["DEL", "s"]))
            t.append(try a.send(["XADD", "s", "1-1", "z", "z"]))
            t.append(try a.send(["XADD", "s", "1-2", "z", "z"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XGROUP", "CREATE", "s", "g2", "0"]))
            t.append(try b.send(["XREADGROUP", "GROUP", "g2", "c", "COUNT", "1", "BLOCK", "0", "STREAMS", "s", ">"]))
            try block(["XREADGROUP", "GROUP", "g2", "c", "BLOCK", "0", "STREAMS", "s", ">"])
            t.append(try b.readReply(timeout: 5))
            try block(["XREADGROUP", "GROUP", "g2", "c", "BLOCK", "200", "STREAMS", "s", ">"])
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XPENDING", "s", "g2"]))
            return t
        }
    }

    /// Blocked group readers when their stream disappears by FLUSHALL, SWAPDB, RENAME or expiry, and when the
    /// group is moved back by XGROUP SETID (no wake-up until new entries arrive).
    func testBlockedGroupReadersWhenTheStreamGoesAway() {
        assertSameTranscript { server, version in
            let a = try server.connect(), b = try server.connect()
            for c in [a, b] where version == .v3 { _ = try c.send(["HELLO", "3"]) }
            _ = try a.send(["FLUSHALL"])
            var t: [RESPValue] = []
            func blockedRead(_ key: String, then commands: [[String]]) throws {
                try b.sendRaw(Self.encode(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", key, ">"]))
                usleep(50_000)
                for command in commands { t.append(try a.send(command)) }
                t.append(try b.readReply(timeout: 5))
            }
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]))
            try blockedRead("s", then: [["FLUSHALL"]])
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]))
            try blockedRead("s", then: [["SELECT", "1"], ["SET", "s", "1"], ["SWAPDB", "0", "1"], ["SELECT", "0"]])
            t.append(try a.send(["FLUSHALL"]))
            t.append(try a.send(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]))
            try blockedRead("s", then: [["RENAME", "s", "t"]])
            t.append(try a.send(["XGROUP", "CREATE", "u", "g", "$", "MKSTREAM"]))
            try b.sendRaw(Self.encode(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "u", ">"]))
            usleep(50_000)
            t.append(try a.send(["PEXPIRE", "u", "1"]))
            usleep(20_000)
            t.append(try a.send(["EXISTS", "u"]))
            t.append(try b.readReply(timeout: 5))
            t.append(try a.send(["XGROUP", "CREATE", "u", "g", "$", "MKSTREAM"]))
            try blockedRead("u", then: [["XGROUP", "SETID", "u", "g", "0"], ["XADD", "u", "1-1", "a", "b"]])
            return t
        }
    }

    // MARK: Helpers

    static func encode(_ command: [String]) -> [UInt8] {
        var bytes = Array("*\(command.count)\r\n".utf8)
        for arg in command { bytes += Array("$\(arg.utf8.count)\r\n\(arg)\r\n".utf8) }
        return bytes
    }

    /// XINFO STREAM with delivery and seen times (absolute Unix ms) masked.
    static func info(_ key: String, full: [String] = []) -> DifferentialStep {
        .projected("times masked", ["XINFO", "STREAM", key] + full, maskTimes)
    }

    static func groups(_ key: String) -> DifferentialStep {
        .projected("times masked", ["XINFO", "GROUPS", key], maskTimes)
    }

    static func consumers(_ key: String, _ group: String) -> DifferentialStep {
        .projected("idle masked", ["XINFO", "CONSUMERS", key, group], maskTimes)
    }

    /// XPENDING's extended rows with the idle time (third field) masked.
    static func pending(_ command: [String]) -> DifferentialStep {
        .projected("idle masked", command) { reply in
            guard case .array(let rows?) = reply else { return reply }
            return .array(rows.map { row in
                guard case .array(var fields?) = row, fields.count == 4 else { return row }
                fields[2] = .integer(0)
                return .array(fields)
            })
        }
    }

    /// Zeroes Unix-ms timestamps and the value after an "idle" key, at any depth, maps included.
    static func maskTimes(_ reply: RESPValue) -> RESPValue {
        switch reply {
        case .integer(let n) where n > 1_000_000_000_000: return .integer(0)
        case .array(let items?):
            var out: [RESPValue] = []
            for (i, item) in items.enumerated() {
                out.append(i > 0 && items[i - 1].text == "idle" ? .integer(0) : maskTimes(item))
            }
            return .array(out)
        case .map(let pairs):
            return .map(pairs.map { RESPPair(key: $0.key, value: $0.key.text == "idle" ? .integer(0) : maskTimes($0.value)) })
        default: return reply
        }
    }
}
