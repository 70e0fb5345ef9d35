import RESP
import XCTest

/// COMMAND, CONFIG, DBSIZE, FLUSHDB/FLUSHALL, TIME, DEBUG, LATENCY and SLOWLOG, compared
/// with Redis.
final class ServerDifferentialTests: XCTestCase {
    func testCommandIntrospection() {
        let core = Comparison.projected("name, arity, first/last key, step", Projection.commandInfoCore)
        let docs = Comparison.projected("documented names with summary/arguments", Projection.docsOutline)
        assertSameReplies([
            DifferentialCase("command count and info", [
                .ignoreValue("COMMAND", "COUNT"),
                DifferentialStep(["COMMAND", "INFO", "get", "set", "mget", "del", "ping", "nosuch"], core),
                DifferentialStep(["COMMAND", "INFO", "GET"], core),
                DifferentialStep(["COMMAND", "INFO", "config", "client", "object", "bitfield"], core),
                ["COMMAND", "BOGUS"], ["COMMAND", "COUNT", "extra"],
            ]),
            DifferentialCase("command docs", [
                DifferentialStep(["COMMAND", "DOCS", "get"], docs),
                DifferentialStep(["COMMAND", "DOCS", "set", "nosuch"], docs),
            ]),
        ])
    }

    func testConfigGetAndSet() {
        let pairs = Comparison.projected("pairs by key", Projection.sortedPairs)
        assertSameReplies([
            DifferentialCase("maxmemory units", [
                ["CONFIG", "GET", "maxmemory"], ["CONFIG", "SET", "maxmemory", "1kb"], ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "2mb"], ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "1GB"], ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "3k"], ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "100"], ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "1x"], ["CONFIG", "SET", "maxmemory", "-1"],
                ["CONFIG", "SET", "maxmemory", ""], ["CONFIG", "SET", "maxmemory", "0"],
            ]),
            DifferentialCase("bad values and unknown options", [
                ["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"], ["CONFIG", "GET", "maxmemory-policy"],
                ["CONFIG", "SET", "maxmemory-policy", "sometimes"], ["CONFIG", "SET", "no-such-option", "1"],
                ["CONFIG", "GET", "no-such-option"], ["CONFIG", "SET", "maxmemory"], ["CONFIG", "GET"],
                ["CONFIG", "SET", "maxmemory-policy", "noeviction"], ["CONFIG", "BOGUS"],
                ["CONFIG", "SET", "slowlog-log-slower-than", "abc"], ["CONFIG", "SET", "timeout", "-5"],
                ["CONFIG", "SET", "databases", "20"],
            ]),
            DifferentialCase("multiple parameters and globbing", [
                DifferentialStep(["CONFIG", "GET", "maxmemory", "maxmemory-policy"], pairs),
                DifferentialStep(["CONFIG", "GET", "maxmemory*"], pairs),
                DifferentialStep(["CONFIG", "GET", "*policy", "timeout"], pairs),
                DifferentialStep(["CONFIG", "GET", "slowlog-*"], pairs),
                ["CONFIG", "SET", "maxmemory", "10mb", "maxmemory-policy", "allkeys-lfu"],
                DifferentialStep(["CONFIG", "GET", "maxmemory", "maxmemory-policy"], pairs),
                ["CONFIG", "SET", "maxmemory", "1mb", "maxmemory", "2mb"],
                ["CONFIG", "SET", "maxmemory", "5mb", "maxmemory-policy", "bogus"],
                DifferentialStep(["CONFIG", "GET", "maxmemory", "maxmemory-policy"], pairs),
                ["CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction"],
            ]),
        ])
    }

    func testDbsizeAndFlushing() {
        assertSameReplies([
            DifferentialCase("dbsize and flushes", [
                ["DBSIZE"], ["MSET", "a", "1", "b", "2", "c", "3"], ["DBSIZE"], ["DBSIZE", "x"],
                ["SELECT", "1"], ["SET", "d", "4"], ["FLUSHDB"], ["DBSIZE"], ["SELECT", "0"], ["DBSIZE"],
                ["FLUSHDB", "ASYNC"], ["DBSIZE"], ["SET", "e", "5"], ["FLUSHDB", "SYNC"], ["DBSIZE"],
                ["FLUSHDB", "BOGUS"], ["FLUSHDB", "SYNC", "ASYNC"], ["SET", "f", "6"], ["SELECT", "2"],
                ["SET", "g", "7"], ["FLUSHALL", "ASYNC"], ["DBSIZE"], ["SELECT", "0"], ["DBSIZE"],
                ["SET", "h", "8"], ["FLUSHALL", "SYNC"], ["DBSIZE"], ["FLUSHALL", "BOGUS"], ["flushall"],
            ]),
        ])
    }

    func testTimeDebugLatencyAndSlowlog() {
        let slowlog = Comparison.projected("slowlog ids, arguments, client names", Projection.slowlogCore)
        assertSameReplies([
            DifferentialCase("time", [.ignoreValue("TIME"), ["TIME", "extra"]]),
            DifferentialCase("debug is disabled", [["DEBUG", "OBJECT", "k"], ["DEBUG", "SLEEP", "0"], ["DEBUG"]]),
            DifferentialCase("latency", [
                ["LATENCY", "LATEST"], ["LATENCY", "RESET"], ["LATENCY", "BOGUS"], ["LATENCY"],
            ]),
            DifferentialCase("slowlog", [
                ["SLOWLOG", "RESET"], ["SLOWLOG", "LEN"], ["CONFIG", "SET", "slowlog-log-slower-than", "0"],
                ["CLIENT", "SETNAME", "slow"], ["SET", "a", "b"], ["GET", "a"], ["SLOWLOG", "LEN"],
                DifferentialStep(["SLOWLOG", "GET"], slowlog), DifferentialStep(["SLOWLOG", "GET", "1"], slowlog),
                DifferentialStep(["SLOWLOG", "GET", "-1"], slowlog), ["SLOWLOG", "GET", "x"],
                ["SLOWLOG", "RESET"], ["SLOWLOG", "LEN"], ["SLOWLOG", "BOGUS"],
                ["CONFIG", "SET", "slowlog-log-slower-than", "10000"],
                ["SLOWLOG", "RESET"], ["SLOWLOG", "LEN"],
            ]),
        ])
    }
}
