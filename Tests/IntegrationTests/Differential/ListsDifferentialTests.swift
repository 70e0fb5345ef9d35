import RESP
import XCTest

/// The non-blocking list commands compared with Redis: replies, errors, wrong arity, WRONGTYPE and edge indexes.
final class ListsDifferentialTests: XCTestCase {
    static let commands = ["lpush", "rpush", "lpushx", "rpushx", "linsert", "lpop", "rpop", "lmpop", "llen", "lrange",
                           "lindex", "lpos", "lset", "lrem", "ltrim", "lmove", "rpoplpush", "blpop", "brpop", "blmpop",
                           "blmove", "brpoplpush"]

    /// COMMAND INFO entries reduced to name, arity, flags (as a sorted list) and key positions.
    static func infoWithFlags(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply else { return reply }
        return .array(entries.map { entry in
            guard case .array(let fields?) = entry, fields.count >= 6 else { return entry }
            var flags: [RESPValue] = []
            switch fields[2] {
            case .array(let items?): flags = items
            case .set(let items): flags = items
            default: break
            }
            let names = flags.map { $0.description }.sorted().map { RESPValue.bulkString(Array($0.utf8)) }
            return .array([fields[0], fields[1], .array(names), fields[3], fields[4], fields[5]])
        })
    }

    func testCommandIntrospection() {
        assertSameReplies([
            DifferentialCase("list command info and docs", [
                DifferentialStep(["COMMAND", "INFO"] + Self.commands, .projected("name, arity, flags, keys", Self.infoWithFlags)),
                DifferentialStep(["COMMAND", "DOCS"] + Self.commands,
                                 .projected("documented names with summary/arguments", Projection.docsOutline)),
                .unordered("COMMAND", "GETKEYS", "LMOVE", "a", "b", "LEFT", "RIGHT"),
                .unordered("COMMAND", "GETKEYS", "BLPOP", "a", "b", "0"),
            ]),
        ])
    }

    func testPushAndPop() {
        assertSameReplies([
            DifferentialCase("push variants", [
                ["LPUSH", "l", "a", "b", "c"], ["RPUSH", "l", "d"], ["LRANGE", "l", "0", "-1"], ["LPUSHX", "l", "x"],
                ["RPUSHX", "l", "y", "z"], ["LPUSHX", "none", "x"], ["RPUSHX", "none", "x"], ["EXISTS", "none"],
                ["LRANGE", "l", "0", "-1"], ["LPUSH", "l"], ["RPUSH"], ["LPUSHX", "l"], ["TYPE", "l"],
                ["OBJECT", "ENCODING", "l"], ["LPUSH", "e", ""], ["LINDEX", "e", "0"],
            ]),
            DifferentialCase("pop forms", [
                ["RPUSH", "l", "a", "b", "c", "d", "e"], ["LPOP", "l"], ["RPOP", "l"], ["LPOP", "l", "2"],
                ["RPOP", "l", "0"], ["LPOP", "l", "0"], ["RPOP", "l", "100"], ["EXISTS", "l"], ["LPOP", "l"],
                ["RPOP", "l", "2"], ["LPOP", "l", "0"], ["LPOP", "l", "-1"], ["LPOP", "l", "x"], ["RPOP", "l", "1.5"],
                ["LPOP", "l", "1", "2"], ["RPOP"], ["RPUSH", "n", "1", "2", "3"],
                ["RPOP", "n", "9223372036854775807"], ["LPOP", "n", "9223372036854775808"],
            ]),
            DifferentialCase("llen and wrong types", [
                ["SET", "s", "v"], ["LLEN", "s"], ["LPUSH", "s", "a"], ["RPUSHX", "s", "a"], ["LPOP", "s"],
                ["RPOP", "s", "2"], ["LRANGE", "s", "0", "1"], ["LINDEX", "s", "0"], ["LSET", "s", "0", "x"],
                ["LINSERT", "s", "BEFORE", "a", "b"], ["LREM", "s", "0", "a"], ["LTRIM", "s", "0", "1"],
                ["LPOS", "s", "a"], ["LMOVE", "s", "d", "LEFT", "LEFT"], ["RPOPLPUSH", "s", "d"],
                ["LMPOP", "1", "s", "LEFT"], ["LLEN", "missing"], ["LLEN"], ["LLEN", "a", "b"],
            ]),
        ])
    }

    func testRangeIndexSet() {
        assertSameReplies([
            DifferentialCase("lrange bounds", [
                ["RPUSH", "l", "a", "b", "c", "d", "e"], ["LRANGE", "l", "0", "-1"], ["LRANGE", "l", "-3", "-2"],
                ["LRANGE", "l", "-100", "1"], ["LRANGE", "l", "2", "100"], ["LRANGE", "l", "3", "1"],
                ["LRANGE", "l", "5", "6"], ["LRANGE", "l", "-1", "-3"], ["LRANGE", "l", "0", "0"],
                ["LRANGE", "l", "-9223372036854775808", "9223372036854775807"], ["LRANGE", "l", "x", "1"],
                ["LRANGE", "l", "1", "9223372036854775808"], ["LRANGE", "missing", "0", "-1"],
                ["LRANGE", "missing", "x", "1"], ["LRANGE", "l", "0"],
            ]),
            DifferentialCase("lindex and lset", [
                ["RPUSH", "l", "a", "b", "c"], ["LINDEX", "l", "0"], ["LINDEX", "l", "-1"], ["LINDEX", "l", "3"],
                ["LINDEX", "l", "-4"], ["LINDEX", "l", "x"], ["LINDEX", "missing", "x"], ["LINDEX", "missing", "0"],
                ["LSET", "l", "1", "B"], ["LSET", "l", "-1", "C"], ["LSET", "l", "3", "x"], ["LSET", "l", "-4", "x"],
                ["LSET", "l", "x", "v"], ["LSET", "missing", "0", "v"], ["LSET", "missing", "x", "v"],
                ["LRANGE", "l", "0", "-1"], ["LSET", "l", "0"], ["LINDEX", "l"],
            ]),
        ])
    }

    func testInsertRemoveTrim() {
        assertSameReplies([
            DifferentialCase("linsert", [
                ["RPUSH", "l", "a", "b", "a"], ["LINSERT", "l", "BEFORE", "a", "x"], ["LINSERT", "l", "after", "a", "y"],
                ["LINSERT", "l", "AFTER", "nope", "z"], ["LINSERT", "l", "SIDEWAYS", "a", "z"],
                ["LINSERT", "missing", "BEFORE", "a", "z"], ["LINSERT", "missing", "SIDEWAYS", "a", "z"],
                ["LRANGE", "l", "0", "-1"], ["LINSERT", "l", "BEFORE", "a"],
            ]),
            DifferentialCase("lrem", [
                ["RPUSH", "l", "a", "b", "a", "c", "a", "b", "a"], ["LREM", "l", "2", "a"], ["LRANGE", "l", "0", "-1"],
                ["LREM", "l", "-1", "a"], ["LRANGE", "l", "0", "-1"], ["LREM", "l", "0", "b"], ["LREM", "l", "0", "nope"],
                ["LREM", "l", "x", "a"], ["LREM", "missing", "0", "a"], ["LREM", "missing", "x", "a"],
                ["LRANGE", "l", "0", "-1"], ["LREM", "l", "0", "a"], ["LREM", "l", "0", "c"], ["EXISTS", "l"],
                ["RPUSH", "m", "q", "r", "q"], ["LREM", "m", "-9223372036854775808", "q"], ["LRANGE", "m", "0", "-1"],
                ["LREM", "m", "0"],
            ]),
            DifferentialCase("ltrim", [
                ["RPUSH", "l", "a", "b", "c", "d", "e"], ["LTRIM", "l", "1", "-2"], ["LRANGE", "l", "0", "-1"],
                ["LTRIM", "l", "-100", "100"], ["LRANGE", "l", "0", "-1"], ["LTRIM", "l", "1", "1"],
                ["LRANGE", "l", "0", "-1"], ["LTRIM", "l", "1", "0"], ["EXISTS", "l"], ["LTRIM", "missing", "0", "1"],
                ["LTRIM", "missing", "x", "1"], ["RPUSH", "m", "1", "2"], ["LTRIM", "m", "5", "10"], ["EXISTS", "m"],
                ["LTRIM", "m", "0"],
            ]),
        ])
    }

    func testLpos() {
        assertSameReplies([
            DifferentialCase("lpos options", [
                ["RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"], ["LPOS", "l", "c"], ["LPOS", "l", "c", "RANK", "2"],
                ["LPOS", "l", "c", "RANK", "-1"], ["LPOS", "l", "c", "RANK", "-3"], ["LPOS", "l", "c", "RANK", "4"],
                ["LPOS", "l", "c", "COUNT", "0"], ["LPOS", "l", "c", "COUNT", "2"], ["LPOS", "l", "c", "COUNT", "2", "RANK", "-1"],
                ["LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"], ["LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"],
                ["LPOS", "l", "c", "MAXLEN", "0"], ["LPOS", "l", "x"], ["LPOS", "l", "x", "COUNT", "5"],
                ["LPOS", "l", "1"], ["LPOS", "l", "c", "RANK", "-9223372036854775808"],
                ["LPOS", "l", "c", "RANK", "9223372036854775807"],
                ["LPOS", "missing", "c"], ["LPOS", "missing", "c", "COUNT", "0"],
            ]),
            DifferentialCase("lpos errors", [
                ["RPUSH", "l", "a"], ["LPOS", "l", "a", "RANK", "0"], ["LPOS", "l", "a", "RANK", "x"],
                ["LPOS", "l", "a", "COUNT", "-1"], ["LPOS", "l", "a", "COUNT", "x"], ["LPOS", "l", "a", "MAXLEN", "-1"],
                ["LPOS", "l", "a", "MAXLEN", "x"], ["LPOS", "l", "a", "RANK"], ["LPOS", "l", "a", "BOGUS", "1"],
                ["LPOS", "missing", "a", "RANK", "0"], ["LPOS", "l"],
            ]),
        ])
    }

    func testMoves() {
        assertSameReplies([
            DifferentialCase("lmove and rpoplpush", [
                ["RPUSH", "src", "a", "b", "c"], ["LMOVE", "src", "dst", "LEFT", "RIGHT"],
                ["LMOVE", "src", "dst", "right", "left"], ["RPOPLPUSH", "src", "dst"], ["EXISTS", "src"],
                ["LRANGE", "dst", "0", "-1"], ["LMOVE", "dst", "dst", "LEFT", "RIGHT"], ["LRANGE", "dst", "0", "-1"],
                ["RPOPLPUSH", "dst", "dst"], ["LRANGE", "dst", "0", "-1"], ["LMOVE", "src", "dst", "LEFT", "LEFT"],
                ["RPOPLPUSH", "src", "dst"], ["LMOVE", "dst", "x", "UP", "LEFT"], ["LMOVE", "dst", "x", "LEFT", "DOWN"],
                ["LMOVE", "missing", "x", "UP", "LEFT"], ["SET", "s", "v"], ["LMOVE", "dst", "s", "LEFT", "LEFT"],
                ["RPOPLPUSH", "dst", "s"], ["LRANGE", "dst", "0", "-1"], ["LMOVE", "missing", "s", "LEFT", "LEFT"],
                ["RPUSH", "one", "x"], ["LMOVE", "one", "one", "LEFT", "LEFT"], ["LRANGE", "one", "0", "-1"],
                ["LMOVE", "a", "b", "LEFT"], ["RPOPLPUSH", "a"],
            ]),
            DifferentialCase("lmpop", [
                ["RPUSH", "b", "1", "2", "3", "4"], ["LMPOP", "2", "a", "b", "LEFT"], ["LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"],
                ["LMPOP", "1", "b", "LEFT", "COUNT", "10"], ["LMPOP", "1", "b", "LEFT"], ["EXISTS", "b"],
                ["LMPOP", "0", "a", "LEFT"], ["LMPOP", "-1", "a", "LEFT"], ["LMPOP", "x", "a", "LEFT"],
                ["LMPOP", "2", "a", "LEFT"], ["LMPOP", "1", "a", "MIDDLE"], ["LMPOP", "1", "a", "LEFT", "COUNT", "0"],
                ["LMPOP", "1", "a", "LEFT", "COUNT", "-1"], ["LMPOP", "1", "a", "LEFT", "COUNT", "x"],
                ["LMPOP", "1", "a", "LEFT", "COUNT"], ["LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"],
                ["LMPOP", "1", "a", "LEFT", "BOGUS"], ["LMPOP", "9223372036854775807", "a", "LEFT"], ["LMPOP", "1", "a"],
                ["SET", "s", "v"], ["RPUSH", "l", "x", "y"], ["LMPOP", "2", "s", "l", "LEFT"],
                ["LMPOP", "2", "l", "s", "RIGHT"], ["LMPOP", "2", "missing", "s", "LEFT"],
            ]),
        ])
    }

    func testKeyCommandsOnLists() {
        let many = (0..<300).map { "e\($0)" }
        assertSameReplies([
            DifferentialCase("copies are independent", [
                DifferentialStep(["RPUSH", "l"] + many), ["COPY", "l", "c"], ["RPUSH", "c", "tail"], ["LSET", "c", "150", "changed"],
                ["LPOP", "l", "2"], ["LLEN", "l"], ["LLEN", "c"], ["LINDEX", "l", "148"], ["LINDEX", "c", "150"],
                ["LINDEX", "c", "-1"], ["RENAME", "c", "r"], ["TYPE", "r"], ["MOVE", "r", "1"], ["SELECT", "1"],
                ["LRANGE", "r", "298", "-1"], ["SELECT", "0"], .unordered("SCAN", "0", "TYPE", "list"),
            ]),
            DifferentialCase("expiry and deletion", [
                ["RPUSH", "t", "a", "b"], ["EXPIRE", "t", "100"], ["RPUSH", "t", "c"], ["TTL", "t"], ["LPOP", "t", "3"],
                ["TTL", "t"], ["RPUSH", "t", "x"], ["TTL", "t"], ["PEXPIREAT", "t", "1"], ["LLEN", "t"],
                ["LPUSHX", "t", "y"], ["RPUSH", "t", "z"], ["DEL", "t"], ["EXISTS", "t"],
            ]),
        ])
    }

    func testBigListsAcrossChunks() {
        let elements = (0..<700).map { $0 % 3 == 0 ? String(repeating: "long-\($0)-", count: 4) : "\($0)" }
        assertSameReplies([
            DifferentialCase("big list", [
                DifferentialStep(["RPUSH", "l"] + elements), DifferentialStep(["LPUSH", "l"] + elements.prefix(300)),
                ["LLEN", "l"], ["LINDEX", "l", "400"], ["LINDEX", "l", "-129"], ["LRANGE", "l", "120", "140"],
                ["LRANGE", "l", "-200", "-150"], ["LINSERT", "l", "BEFORE", "\(500)", "inserted"],
                ["LPOS", "l", "inserted"], ["LSET", "l", "777", "set"], ["LRANGE", "l", "770", "780"],
                ["LREM", "l", "-5", "7"], ["LREM", "l", "0", elements[3]], ["LLEN", "l"], ["LTRIM", "l", "100", "-100"],
                ["LLEN", "l"], ["LPOP", "l", "150"], ["RPOP", "l", "150"], ["LRANGE", "l", "0", "-1"],
                ["OBJECT", "ENCODING", "l"], ["CONFIG", "SET", "list-max-listpack-size", "4"], ["RPUSH", "q", "a"],
                ["OBJECT", "ENCODING", "q"],
            ]),
        ])
    }
}
