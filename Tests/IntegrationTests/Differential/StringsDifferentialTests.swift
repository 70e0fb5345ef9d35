import XCTest

/// String commands and the OBJECT ENCODING they leave behind, compared with Redis.
final class StringsDifferentialTests: XCTestCase {
    func testSetOptions() {
        assertSameReplies([
            DifferentialCase("set conditions and get", [
                ["SET", "k", "v"], ["GET", "k"], ["SET", "k", "w", "NX"], ["SET", "k", "w", "XX"], ["GET", "k"],
                ["SET", "n", "v", "XX"], ["GET", "n"], ["SET", "k", "x", "GET"], ["SET", "new", "x", "GET"],
                ["SET", "k", "y", "NX", "GET"], ["SET", "k", "z", "XX", "GET"], ["SET", "k", "a", "nx", "xx"],
                ["SET", "k"], ["SET"], ["SET", "k", "v", "BOGUS"], ["GET", "missing"], ["GET"],
            ]),
            DifferentialCase("set expirations", [
                ["SET", "k", "v", "EX", "100"], .approximately(1, "TTL", "k"), ["SET", "k", "v", "PX", "100000"],
                .approximately(1000, "PTTL", "k"), ["SET", "k", "v", "KEEPTTL"], .approximately(1000, "PTTL", "k"),
                ["SET", "k", "v"], ["TTL", "k"], ["SET", "k", "v", "EXAT", ExpireDifferentialTests.future],
                ["EXPIRETIME", "k"], ["SET", "k", "v", "PXAT", ExpireDifferentialTests.future + "000"],
                ["PEXPIRETIME", "k"], ["SET", "k", "v", "EX", "0"], ["SET", "k", "v", "EX", "-1"],
                ["SET", "k", "v", "EX", "x"], ["SET", "k", "v", "EX"], ["SET", "k", "v", "PX", "0"],
                ["SET", "k", "v", "EX", "9223372036854775807"], ["SET", "k", "v", "PXAT", "0"],
                ["SET", "k", "v", "EX", "10", "PX", "100"], ["SET", "k", "v", "EX", "10", "KEEPTTL"],
                ["SET", "k", "v", "EX", "10", "EX", "20"], ["SET", "k", "v", "EXAT", "1", "GET"], ["GET", "k"],
            ]),
            DifferentialCase("setnx, setex, psetex", [
                ["SETNX", "k", "1"], ["SETNX", "k", "2"], ["GET", "k"], ["SETNX", "k"], ["SETEX", "e", "100", "v"],
                .approximately(1, "TTL", "e"), ["SETEX", "e", "0", "v"], ["SETEX", "e", "-5", "v"],
                ["SETEX", "e", "x", "v"], ["PSETEX", "p", "100000", "v"], .approximately(1000, "PTTL", "p"),
                ["PSETEX", "p", "0", "v"], ["SETEX", "e", "10"],
            ]),
        ])
    }

    func testGetVariants() {
        assertSameReplies([
            DifferentialCase("getset, getdel, getex", [
                ["GETSET", "k", "1"], ["GETSET", "k", "2"], ["GET", "k"], ["SET", "t", "v", "EX", "100"],
                ["GETSET", "t", "w"], ["TTL", "t"], ["GETDEL", "k"], ["GETDEL", "k"], ["EXISTS", "k"],
                ["SET", "x", "v"], ["GETEX", "x"], ["GETEX", "x", "EX", "100"], .approximately(1, "TTL", "x"),
                ["GETEX", "x", "PERSIST"], ["TTL", "x"], ["GETEX", "x", "PX", "50000"],
                .approximately(1000, "PTTL", "x"), ["GETEX", "x", "EXAT", ExpireDifferentialTests.future],
                ["EXPIRETIME", "x"], ["GETEX", "x", "EX", "0"], ["GETEX", "x", "EX", "10", "PX", "10"],
                ["GETEX", "x", "PERSIST", "EX", "10"], ["GETEX", "x", "BOGUS"], ["GETEX", "missing", "EX", "10"],
                ["GETEX", "x", "EXAT", "1"], ["GET", "x"], ["GETDEL"],
            ]),
            DifferentialCase("mget, mset, msetnx", [
                ["MSET", "a", "1", "b", "2"], ["MGET", "a", "b", "missing"], ["MSET", "a"], ["MSET", "a", "1", "b"],
                ["MSETNX", "c", "3", "a", "9"], ["MGET", "a", "c"], ["MSETNX", "c", "3", "d", "4"], ["MGET", "c", "d"],
                ["MSET", "a", "x", "a", "y"], ["GET", "a"], ["MGET"], ["MSETNX", "e"],
            ]),
        ])
    }

    func testAppendLengthAndRanges() {
        assertSameReplies([
            DifferentialCase("append and strlen", [
                ["APPEND", "k", "hello"], ["APPEND", "k", " world"], ["GET", "k"], ["STRLEN", "k"],
                ["STRLEN", "missing"], ["SET", "n", "123"], ["APPEND", "n", "4"], ["OBJECT", "ENCODING", "n"],
                ["GET", "n"], ["APPEND", "k"], ["STRLEN"],
            ]),
            DifferentialCase("getrange and substr", [
                ["SET", "k", "This is a string"], ["GETRANGE", "k", "0", "3"], ["GETRANGE", "k", "-3", "-1"],
                ["GETRANGE", "k", "0", "-1"], ["GETRANGE", "k", "10", "100"], ["GETRANGE", "k", "5", "2"],
                ["GETRANGE", "k", "-100", "2"], ["GETRANGE", "k", "100", "200"], ["GETRANGE", "missing", "0", "1"],
                ["SUBSTR", "k", "0", "3"], ["GETRANGE", "k", "x", "1"], ["GETRANGE", "k", "0"],
                ["SET", "i", "12345"], ["GETRANGE", "i", "1", "2"], ["SET", "e", ""], ["GETRANGE", "e", "0", "-1"],
            ]),
            DifferentialCase("setrange", [
                ["SET", "k", "Hello World"], ["SETRANGE", "k", "6", "Redis"], ["GET", "k"],
                ["SETRANGE", "pad", "5", "x"], ["GET", "pad"], ["SETRANGE", "missing", "0", ""], ["EXISTS", "missing"],
                ["SETRANGE", "k", "-1", "x"], ["SETRANGE", "k", "x", "y"], ["SETRANGE", "k", "536870912", "x"],
                ["SETRANGE", "k", "0", ""], ["GET", "k"], ["SET", "n", "1"], ["SETRANGE", "n", "1", "0"],
                ["OBJECT", "ENCODING", "n"], ["SETRANGE", "k", "1"],
            ]),
        ])
    }

    func testCounters() {
        assertSameReplies([
            DifferentialCase("integer increments", [
                ["INCR", "c"], ["INCRBY", "c", "10"], ["DECR", "c"], ["DECRBY", "c", "20"], ["GET", "c"],
                ["OBJECT", "ENCODING", "c"], ["INCRBY", "c", "x"], ["INCRBY", "c", "1.5"], ["SET", "s", "abc"],
                ["INCR", "s"], ["SET", "sp", " 1"], ["INCR", "sp"], ["SET", "z", "01"], ["INCR", "z"],
                ["SET", "max", "9223372036854775807"], ["INCR", "max"], ["SET", "min", "-9223372036854775808"],
                ["DECR", "min"], ["DECRBY", "c", "-9223372036854775808"], ["INCRBY", "c", "9223372036854775808"],
                ["SET", "big", "99999999999999999999"], ["INCR", "big"], ["INCR"], ["INCRBY", "c"],
            ]),
            DifferentialCase("float increments", [
                ["SET", "f", "10.50"], ["INCRBYFLOAT", "f", "0.1"], ["INCRBYFLOAT", "f", "-5"], ["GET", "f"],
                ["INCRBYFLOAT", "f", "5.0e3"], ["INCRBYFLOAT", "g", "3"], ["OBJECT", "ENCODING", "g"],
                ["INCRBYFLOAT", "f", "1e400"], ["INCRBYFLOAT", "f", "inf"], ["INCRBYFLOAT", "f", "nan"],
                ["INCRBYFLOAT", "f", "abc"], ["SET", "s", "x"], ["INCRBYFLOAT", "s", "1"],
                ["SET", "h", "1.7976931348623157e308"], ["INCRBYFLOAT", "h", "1.7976931348623157e308"],
                ["INCRBYFLOAT", "t", "0.1"], ["INCRBYFLOAT", "t", "0.2"], ["INCRBYFLOAT", "u", "-0"],
                ["INCRBYFLOAT", "v", "1.23456789012345678"], ["INCRBYFLOAT", "f"],
            ]),
        ])
    }

    func testLongestCommonSubsequence() {
        assertSameReplies([
            DifferentialCase("lcs", [
                ["MSET", "a", "ohmytext", "b", "mynewtext"], ["LCS", "a", "b"], ["LCS", "a", "b", "LEN"],
                ["LCS", "a", "b", "IDX"], ["LCS", "a", "b", "IDX", "MINMATCHLEN", "4"],
                ["LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"], ["LCS", "a", "missing"],
                ["LCS", "a", "b", "LEN", "IDX"], ["LCS", "a", "b", "BOGUS"], ["LCS", "a", "b", "MINMATCHLEN", "x"],
                ["LCS", "a"], ["LCS", "missing", "missing2", "IDX"],
            ]),
        ])
    }

    func testEncodingsFollowTheValue() {
        assertSameReplies([
            DifferentialCase("object encoding after each write", [
                ["SET", "k", "123"], ["OBJECT", "ENCODING", "k"], ["SET", "k", "-9223372036854775808"],
                ["OBJECT", "ENCODING", "k"], ["SET", "k", "9223372036854775808"], ["OBJECT", "ENCODING", "k"],
                ["SET", "k", "12.5"], ["OBJECT", "ENCODING", "k"], ["SET", "k", String(repeating: "e", count: 44)],
                ["OBJECT", "ENCODING", "k"], ["SET", "k", String(repeating: "r", count: 45)], ["OBJECT", "ENCODING", "k"],
                ["SET", "k", "abc"], ["APPEND", "k", "d"], ["OBJECT", "ENCODING", "k"], ["SET", "k", "1"],
                ["INCR", "k"], ["OBJECT", "ENCODING", "k"], ["INCRBYFLOAT", "k", "1.5"], ["OBJECT", "ENCODING", "k"],
                ["SETRANGE", "k", "0", "9"], ["OBJECT", "ENCODING", "k"], ["SETBIT", "b", "1", "1"],
                ["OBJECT", "ENCODING", "b"], ["GETSET", "k", "77"], ["OBJECT", "ENCODING", "k"],
                ["MSET", "m", "5", "n", "text"], ["OBJECT", "ENCODING", "m"], ["OBJECT", "ENCODING", "n"],
                ["SETEX", "x", "100", "42"], ["OBJECT", "ENCODING", "x"], ["SET", "k", "0012"],
                ["OBJECT", "ENCODING", "k"], ["SET", "k", " 12"], ["OBJECT", "ENCODING", "k"],
            ]),
        ])
    }
}
