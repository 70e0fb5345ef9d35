import XCTest

/// Unknown commands and wrong arity: the error text clients match on, compared with Redis.
final class ErrorsDifferentialTests: XCTestCase {
    func testUnknownCommandsAndArity() {
        assertSameReplies([
            DifferentialCase("unknown commands", [
                ["NOSUCHCOMMAND"], ["nosuch", "a", "b c", "d"], ["FOO", String(repeating: "x", count: 200)],
                ["GET\u{0001}"], [""], ["CONFIG", "NOSUCHSUB"], ["OBJECT", "nosuch", "k"],
            ]),
            DifferentialCase("wrong number of arguments", [
                ["GET"], ["GET", "a", "b"], ["SET", "a"], ["MSET", "a", "1", "b"], ["DEL"], ["EXPIRE", "a"],
                ["INCRBY", "a"], ["GETRANGE", "a", "1"], ["SETBIT", "a", "1"], ["PING", "a", "b"],
                ["CONFIG", "GET"], ["CONFIG", "SET", "a"], ["CLIENT", "SETNAME"], ["OBJECT", "ENCODING"],
                ["SLOWLOG", "LEN", "x"], ["DBSIZE", "x"], ["SWAPDB", "0"], ["ECHO"], ["get"],
            ]),
        ])
    }
}
