import RESP
import XCTest

/// COMMAND INFO for every command Strata lists (subcommands included), COMMAND DOCS's key_spec_index of every
/// command, and
/// COMMAND GETKEYS / GETKEYSANDFLAGS, compared with Redis under RESP2 and RESP3.
final class CommandIntrospectionDifferentialTests: XCTestCase {
    /// Strata's deliberate differences: ZRANK and ZREVRANK accept Redis 7.2's WITHSCORE, so their arity is -3
    /// where Redis 7.0 says 3. Everything else in their entries must match.
    private static let arityDiffers: Set<String> = ["zrank", "zrevrank"]

    func testCommandInfoOfEveryCommandMatchesRedis() throws {
        let names = try Self.strataCommandNames()
        XCTAssertGreaterThan(names.count, 250)
        let listed = Set(names)
        let cases = names.map { name in
            DifferentialCase("COMMAND INFO \(name)", [
                DifferentialStep(["COMMAND", "INFO", name], Self.infoComparison(for: name, listed: listed)),
            ])
        }
        assertSameReplies(cases + [
            DifferentialCase("several names, unknown ones and case", [
                ["COMMAND", "INFO", "GET", "zunionstore", "nosuch", "XREAD", "object|encoding", "OBJECT|NOSUCH"],
                ["COMMAND", "INFO", "Set", "BitField", "GeoRadius", "pfcount", "xadd", "getex"],
            ]),
        ])
    }

    func testCommandDocsKeySpecIndexesOfEveryCommandMatchRedis() throws {
        let names = try Self.strataCommandNames()
        let listed = Set(names)
        let indexes = Comparison.projected("key_spec_index of each key argument", Self.keySpecIndexes(listed))
        assertSameReplies(names.filter { !$0.contains("|") }.map { name in
            DifferentialCase("COMMAND DOCS \(name)", [DifferentialStep(["COMMAND", "DOCS", name], indexes)])
        })
    }

    func testGetKeysOfMovableKeyCommandsMatchRedis() {
        let lines: [[String]] = [
            ["ZUNIONSTORE", "dst", "2", "a", "b"], ["ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "1", "2"],
            ["ZINTERSTORE", "dst", "1", "a"], ["ZDIFFSTORE", "dst", "3", "a", "b", "c"],
            ["ZUNION", "2", "a", "b", "WITHSCORES"], ["ZINTER", "1", "a"], ["ZDIFF", "1", "a", "b", "c"],
            ["ZINTERCARD", "2", "a", "b", "LIMIT", "1"], ["SINTERCARD", "2", "a", "b"],
            ["LMPOP", "2", "a", "b", "LEFT"], ["BLMPOP", "0", "2", "a", "b", "LEFT", "COUNT", "2"],
            ["ZMPOP", "1", "a", "MIN"], ["BZMPOP", "1", "2", "a", "b", "MAX"],
            ["XREAD", "STREAMS", "a", "b", "0", "0"], ["XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "a", "0"],
            ["XREAD", "STREAMS", "a", "b", "0"], ["XREAD", "streams", "STREAMS", "0"],
            ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "a", "0"],
            ["XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "NOACK", "STREAMS", "a", "b", ">", ">"],
            ["GEORADIUS", "a", "0", "0", "1", "km", "STORE", "b"], ["GEORADIUS", "a", "0", "0", "1", "km"],
            ["GEORADIUS", "a", "0", "0", "1", "km", "STORE", "b", "STOREDIST", "c"],
            ["GEORADIUS", "a", "0", "0", "1", "km", "WITHDIST", "storedist", "c"],
            ["GEORADIUSBYMEMBER", "a", "m", "1", "km", "STORE", "b"], ["GEORADIUSBYMEMBER", "a", "m", "1", "km", "STORE"],
            ["SET", "a", "b"], ["SET", "a", "b", "GET"], ["SET", "a", "b", "NX", "get"], ["SET", "a", "b", "GETX"],
            ["BITFIELD", "a", "GET", "u8", "0"], ["BITFIELD", "a", "GET", "u8", "0", "SET", "u8", "0", "1"],
            ["BITFIELD", "a", "OVERFLOW", "SAT", "GET", "i8", "0"], ["BITFIELD", "a", "GET", "u8"], ["BITFIELD", "a"],
        ]
        assertSameReplies(getKeysCases("movable keys", lines))
    }

    func testGetKeysOfFixedPositionCommandsMatchRedis() {
        let lines: [[String]] = [
            ["GET", "a"], ["MGET", "a", "b", "c"], ["MSET", "a", "1", "b", "2"], ["MSET", "a", "1", "b"],
            ["DEL", "a", "b"], ["EXISTS", "a"], ["BITOP", "AND", "dst", "a", "b"], ["LMOVE", "a", "b", "LEFT", "RIGHT"],
            ["BLPOP", "a", "b", "0"], ["RENAME", "a", "b"], ["COPY", "a", "b", "REPLACE"], ["PFCOUNT", "a", "b"],
            ["PFMERGE", "dst", "a", "b"], ["SDIFFSTORE", "dst", "a", "b"], ["LCS", "a", "b", "LEN"], ["WATCH", "a", "b"],
            ["OBJECT", "ENCODING", "a"], ["XGROUP", "CREATE", "s", "g", "$"], ["XINFO", "STREAM", "s", "FULL"],
            ["GETEX", "a", "PERSIST"], ["XADD", "s", "*", "f", "v"], ["SPUBLISH", "c", "m"], ["SSUBSCRIBE", "c"],
        ]
        assertSameReplies(getKeysCases("fixed positions", lines))
    }

    func testGetKeysErrorsMatchRedis() {
        assertSameReplies([
            DifferentialCase("errors", [
                ["COMMAND", "GETKEYS", "NOSUCH", "a"], ["COMMAND", "GETKEYS", "OBJECT", "NOSUCH", "a"],
                ["COMMAND", "GETKEYS", "GET", "a", "b"], ["COMMAND", "GETKEYSANDFLAGS", "LMPOP", "2", "a"],
                ["COMMAND", "GETKEYS", "PING", "x"], ["COMMAND", "GETKEYS", "TIME", "x"],
                ["COMMAND", "GETKEYS", "CLIENT", "LIST"], ["COMMAND", "GETKEYS", "COMMAND", "INFO"],
                ["COMMAND", "GETKEYS", "SCAN", "0"], ["COMMAND", "GETKEYS", "GET"], ["COMMAND", "GETKEYS"],
                ["COMMAND", "GETKEYS", "ZUNIONSTORE", "d", "0", "a", "b"],
                ["COMMAND", "GETKEYS", "ZUNIONSTORE", "d", "3", "a", "b"],
                ["COMMAND", "GETKEYS", "ZUNION", "-1", "a"], ["COMMAND", "GETKEYS", "ZINTERCARD", "x", "a"],
                ["COMMAND", "GETKEYS", "XREAD", "COUNT", "1", "STREAMS"], ["COMMAND", "GETKEYS", "XREAD", "STREAMS", "a"],
                ["COMMAND", "GETKEYSANDFLAGS", "ZUNIONSTORE", "d", "2abc", "a", "b"],
                ["COMMAND", "GETKEYSANDFLAGS", "LMPOP", " 2", "a", "b", "LEFT"],
                ["COMMAND", "GETKEYSANDFLAGS", "SINTERCARD", "02", "a", "b"],
                ["COMMAND", "GETKEYSANDFLAGS", "BZMPOP", "0", "1x", "a", "MIN"],
            ]),
        ])
    }

    /// Each line under GETKEYS and under GETKEYSANDFLAGS.
    private func getKeysCases(_ name: String, _ lines: [[String]]) -> [DifferentialCase] {
        [DifferentialCase(name, lines.flatMap { line in
            [DifferentialStep(["COMMAND", "GETKEYS"] + line), DifferentialStep(["COMMAND", "GETKEYSANDFLAGS"] + line)]
        })]
    }

    /// The names COMMAND LIST reports on a fresh Strata.
    private static func strataCommandNames() throws -> [String] {
        let server = try ServerProcess.strata()
        let reply = try server.connect().send(["COMMAND", "LIST"])
        return reply.arrayItems.compactMap(\.text).sorted()
    }

    /// Exact, except that a container's subcommands are compared as a set restricted to those Strata lists
    /// (Redis orders them by its hash table and has a few Strata lacks), and the known arity differences.
    private static func infoComparison(for name: String, listed: Set<String>) -> Comparison {
        .projected("entry; subcommands Strata lists, in any order", { reply in
            .array(reply.arrayItems.map { entry in
                guard case .array(var fields?) = entry, fields.count == 10 else { return entry }
                if arityDiffers.contains(name) { fields[1] = .integer(0) }
                let subcommands = fields[9].arrayItems.filter { listed.contains($0.arrayItems.first?.text ?? "") }
                fields[9] = .array(subcommands.sorted { $0.wire.lexicographicallyPrecedes($1.wire) })
                return .array(fields)
            })
        })
    }

    /// The key_spec_index of every key argument of the documented commands, in order, and of their
    /// subcommands that Strata lists, by name.
    private static func keySpecIndexes(_ listed: Set<String>) -> (RESPValue) -> RESPValue {
        { reply in
            var indexes: [RESPValue] = []
            func visitDoc(_ doc: RESPValue) {
                guard let fields = doc.pairs else { return }
                for (key, value) in fields {
                    if key.text == "arguments" { value.arrayItems.forEach(visitArgument) }
                    guard key.text == "subcommands", let subcommands = value.pairs else { continue }
                    for (name, sub) in subcommands.sorted(by: { ($0.0.text ?? "") < ($1.0.text ?? "") })
                    where listed.contains(name.text ?? "") {
                        indexes.append(name)
                        visitDoc(sub)
                    }
                }
            }
            func visitArgument(_ argument: RESPValue) {
                guard let fields = argument.pairs else { return }
                for (key, value) in fields {
                    if key.text == "key_spec_index" { indexes.append(value) }
                    if key.text == "arguments" { value.arrayItems.forEach(visitArgument) }
                }
            }
            reply.pairs?.forEach { visitDoc($0.1) }
            return .array(indexes)
        }
    }
}
