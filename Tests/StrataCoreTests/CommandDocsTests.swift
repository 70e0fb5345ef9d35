import RESP
import StrataConfig
@testable import StrataCore
import XCTest

final class CommandDocsTests: XCTestCase {
    private typealias Arg = CommandArgument

    private func parse(_ syntax: String, command: String = "", group: String = "") throws -> [Arg] {
        try CommandSyntax.parse(syntax, context: ArgumentContext(command: command, group: group))
    }

    private func token(_ word: String, _ flags: Arg.Flags = []) -> Arg {
        Arg(word.lowercased(), .pureToken, token: word, flags: flags)
    }

    private func oneof(_ members: [Arg], token: String? = nil, _ flags: Arg.Flags = []) -> Arg {
        Arg(members.map(\.name).joined(separator: "_"), .oneof, token: token, flags: flags, arguments: members)
    }

    private func block(_ members: [Arg], token: String? = nil, _ flags: Arg.Flags = []) -> Arg {
        Arg(members.map(\.name).joined(separator: "_"), .block, token: token, flags: flags, arguments: members)
    }

    // MARK: Syntax notation

    func testSetSyntaxHasConditionGetAndExpirationChoices() throws {
        let args = try parse("key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | "
            + "PXAT unix-time-milliseconds | KEEPTTL]", command: "set", group: "string")
        XCTAssertEqual(args, [
            Arg("key", .key), Arg("value", .string),
            oneof([token("NX"), token("XX")], [.optional]),
            token("GET", [.optional]),
            oneof([Arg("seconds", .integer, token: "EX"), Arg("milliseconds", .integer, token: "PX"),
                   Arg("unix-time-seconds", .unixTime, token: "EXAT"),
                   Arg("unix-time-milliseconds", .unixTime, token: "PXAT"), token("KEEPTTL")], [.optional]),
        ])
    }

    func testGetexSyntaxEndsWithOptionalExpirationChoice() throws {
        let args = try parse("key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]")
        XCTAssertEqual(args.count, 2)
        XCTAssertEqual(args[1].kind, .oneof)
        XCTAssertEqual(args[1].flags, [.optional])
        XCTAssertEqual(args[1].arguments.map(\.token), ["EX", "PX", "EXAT", "PXAT", "PERSIST"])
        XCTAssertEqual(args[1].arguments.map(\.kind), [.integer, .integer, .unixTime, .unixTime, .pureToken])
    }

    func testHelloSyntaxNestsTokenBlockInsideOptionalBlock() throws {
        let args = try parse("[protover [AUTH username password] [SETNAME clientname]]", command: "hello", group: "connection")
        XCTAssertEqual(args, [block([
            Arg("protover", .integer),
            block([Arg("username", .string), Arg("password", .string)], token: "AUTH", [.optional]),
            Arg("clientname", .string, token: "SETNAME", flags: [.optional]),
        ], [.optional])])
        XCTAssertEqual(args[0].arguments[1].name, "username_password")
    }

    func testZunionstoreSyntaxFactorsAggregateTokenOverItsChoices() throws {
        let args = try parse("destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]",
                             command: "zunionstore", group: "sorted-set")
        XCTAssertEqual(args, [
            Arg("destination", .key), Arg("numkeys", .integer), Arg("key", .key, flags: [.multiple]),
            Arg("weight", .integer, token: "WEIGHTS", flags: [.optional, .multiple]),
            oneof([token("SUM"), token("MIN"), token("MAX")], token: "AGGREGATE", [.optional]),
        ])
    }

    func testClientKillSyntaxIsOldAddressOrFilterBlock() throws {
        let args = try parse("ip:port | [ID client-id] [TYPE NORMAL | MASTER | SLAVE | REPLICA | PUBSUB] [USER username] "
            + "[ADDR ip:port] [LADDR ip:port] [SKIPME yes | no]", command: "kill", group: "connection")
        let filters = block([
            Arg("client-id", .integer, token: "ID", flags: [.optional]),
            oneof(["NORMAL", "MASTER", "SLAVE", "REPLICA", "PUBSUB"].map { token($0) }, token: "TYPE", [.optional]),
            Arg("username", .string, token: "USER", flags: [.optional]),
            Arg("ip:port", .string, token: "ADDR", flags: [.optional]),
            Arg("ip:port", .string, token: "LADDR", flags: [.optional]),
            oneof([Arg("yes", .string), Arg("no", .string)], token: "SKIPME", [.optional]),
        ])
        XCTAssertEqual(args, [oneof([Arg("ip:port", .string), filters])])
    }

    func testScanSyntaxHangsEachTokenOnItsValue() throws {
        XCTAssertEqual(try parse("cursor [MATCH pattern] [COUNT count] [TYPE type]", command: "scan", group: "generic"), [
            Arg("cursor", .integer),
            Arg("pattern", .pattern, token: "MATCH", flags: [.optional]),
            Arg("count", .integer, token: "COUNT", flags: [.optional]),
            Arg("type", .string, token: "TYPE", flags: [.optional]),
        ])
    }

    func testBitfieldSyntaxRepeatsAChoiceOfOperations() throws {
        let args = try parse("key [<GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] <SET encoding offset value | "
            + "INCRBY encoding offset increment>> ...]", command: "bitfield", group: "bitmap")
        let get = block([Arg("encoding", .string), Arg("offset", .integer)], token: "GET")
        let overflow = oneof([token("WRAP"), token("SAT"), token("FAIL")], token: "OVERFLOW", [.optional])
        let set = block([Arg("encoding", .string), Arg("offset", .integer), Arg("value", .string)], token: "SET")
        let incr = block([Arg("encoding", .string), Arg("offset", .integer), Arg("increment", .integer)], token: "INCRBY")
        XCTAssertEqual(args, [Arg("key", .key), oneof([get, block([overflow, oneof([set, incr])])], [.optional, .multiple])])
    }

    func testSortSyntaxMarksARepeatedTokenAsMultipleToken() throws {
        let args = try parse("key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] "
            + "[STORE destination]", command: "sort", group: "generic")
        XCTAssertEqual(args, [
            Arg("key", .key),
            Arg("pattern", .pattern, token: "BY", flags: [.optional]),
            block([Arg("offset", .integer), Arg("count", .integer)], token: "LIMIT", [.optional]),
            Arg("pattern", .pattern, token: "GET", flags: [.optional, .multiple, .multipleToken]),
            oneof([token("ASC"), token("DESC")], [.optional]),
            token("ALPHA", [.optional]),
            Arg("destination", .key, token: "STORE", flags: [.optional]),
        ])
    }

    func testMsetSyntaxRepeatsKeyValuePairsAsOneBlock() throws {
        let args = try parse("key value [key value ...]", command: "mset", group: "string")
        XCTAssertEqual(args, [block([Arg("key", .key), Arg("value", .string)], [.multiple])])
        XCTAssertEqual(args[0].name, "key_value")
    }

    func testXreadTokenBeforeRepeatedKeysNamesThem() throws {
        XCTAssertEqual(try parse("[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]"), [
            Arg("count", .integer, token: "COUNT", flags: [.optional]),
            Arg("milliseconds", .integer, token: "BLOCK", flags: [.optional]),
            Arg("key", .key, token: "STREAMS", flags: [.multiple]),
            Arg("id", .string, flags: [.multiple]),
        ])
    }

    func testTokenBeforeSeveralNamedWordsHeadsABlock() throws {
        XCTAssertEqual(try parse("key [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value NOW"), [
            Arg("key", .key),
            oneof([token("WRAP"), token("SAT"), token("FAIL")], token: "OVERFLOW", [.optional]),
            block([Arg("encoding", .string), Arg("offset", .integer), Arg("value", .string)], token: "SET"),
            token("NOW"),
        ])
    }

    func testRepetitionFormsMeanOneOrMoreOrZeroOrMore() throws {
        XCTAssertEqual(try parse("key ..."), [Arg("key", .key, flags: [.multiple])])
        XCTAssertEqual(try parse("key [key ...]"), [Arg("key", .key, flags: [.multiple])])
        XCTAssertEqual(try parse("[key ...]"), [Arg("key", .key, flags: [.optional, .multiple])])
        XCTAssertEqual(try parse("[section [section ...]]"), [Arg("section", .string, flags: [.optional, .multiple])])
        XCTAssertEqual(try parse(""), [])
    }

    func testTopLevelAlternativesAreOneChoice() throws {
        XCTAssertEqual(try parse("ON | OFF"), [oneof([token("ON"), token("OFF")])])
        XCTAssertEqual(try parse("[NOSAVE | SAVE] [NOW] [FORCE] [ABORT]"), [
            oneof([token("NOSAVE"), token("SAVE")], [.optional]),
            token("NOW", [.optional]), token("FORCE", [.optional]), token("ABORT", [.optional]),
        ])
    }

    func testArgumentTypesDependOnTheCommand() {
        XCTAssertEqual(ArgumentContext(command: "zcount", group: "sorted-set").kind(of: "min"), .double)
        XCTAssertEqual(ArgumentContext(command: "zlexcount", group: "sorted-set").kind(of: "min"), .string)
        XCTAssertEqual(ArgumentContext(command: "zrange", group: "sorted-set").kind(of: "start"), .string)
        XCTAssertEqual(ArgumentContext(command: "getrange", group: "string").kind(of: "start"), .integer)
        XCTAssertEqual(ArgumentContext(command: "incrbyfloat", group: "string").kind(of: "increment"), .double)
        XCTAssertEqual(ArgumentContext(command: "incrby", group: "string").kind(of: "increment"), .integer)
        XCTAssertEqual(ArgumentContext(command: "blpop", group: "list").kind(of: "timeout"), .double)
        XCTAssertEqual(ArgumentContext(command: "pause", group: "connection").kind(of: "timeout"), .integer)
        XCTAssertEqual(ArgumentContext().kind(of: "newkey"), .key)
        XCTAssertEqual(ArgumentContext().kind(of: "key2"), .key)
        XCTAssertEqual(ArgumentContext().kind(of: "min-match-len"), .integer)
        XCTAssertEqual(ArgumentContext().kind(of: "numkeys"), .integer)
        XCTAssertEqual(ArgumentContext().kind(of: "member"), .string)
    }

    func testMalformedSyntaxIsRejectedWithItsPosition() {
        let cases: [(String, String, Int)] = [
            ("[key", "missing \"]\"", 2), ("key]", "unbalanced \"]\"", 2), ("a | | b", "empty alternative", 3),
            ("[]", "empty group", 2), ("... key", "\"...\" repeats nothing", 1), ("a <b]", "unbalanced \"]\"", 4),
            ("a |", "empty alternative", 2),
        ]
        for (syntax, reason, read) in cases {
            XCTAssertThrowsError(try CommandSyntax.parse(syntax), syntax) { error in
                XCTAssertEqual(error as? CommandSyntaxError, CommandSyntaxError(syntax: syntax, lexemesRead: read, reason: reason))
            }
        }
    }

    func testEveryCommandInTheTableHasASyntaxThatParses() {
        let engine = Engine(config: ConfigStore())
        for spec in engine.commands.all.flatMap({ [$0] + $0.subcommands }) {
            XCTAssertNoThrow(try spec.documentedArguments(), spec.name)
        }
    }

    // MARK: COMMAND

    func testCommandCountIsTheNumberOfTopLevelCommands() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("COMMAND", "COUNT"), .integer(Int64(h.engine.commands.all.count)))
        XCTAssertEqual(h.run("command", "count", "x"), .error("ERR wrong number of arguments for 'command|count' command"))
    }

    func testCommandInfoGetMatchesRedis() {
        let h = EngineHarness()
        let keySpec: [RESPValue] = [
            .bulk("flags"), .array([.simpleString("RO"), .simpleString("access")]),
            .bulk("begin_search"), .array([.bulk("type"), .bulk("index"), .bulk("spec"), .array([.bulk("index"), .integer(1)])]),
            .bulk("find_keys"), .array([.bulk("type"), .bulk("range"), .bulk("spec"),
                                        .array([.bulk("lastkey"), .integer(0), .bulk("keystep"), .integer(1),
                                                .bulk("limit"), .integer(0)])]),
        ]
        XCTAssertEqual(h.run("COMMAND", "INFO", "get"), .array([.array([
            .bulk("get"), .integer(2), .array([.simpleString("readonly"), .simpleString("fast")]),
            .integer(1), .integer(1), .integer(1),
            .array([.simpleString("@read"), .simpleString("@string"), .simpleString("@fast")]),
            .array([]), .array([.array(keySpec)]), .array([]),
        ])]))
    }

    func testCommandInfoReportsNullForUnknownNamesAndResolvesSubcommands() {
        let h = EngineHarness()
        guard case .array(let infos?)? = h.run("COMMAND", "INFO", "nosuch", "CONFIG|GET") else { return XCTFail() }
        XCTAssertEqual(infos.count, 2)
        XCTAssertEqual(infos[0], .nilBulk)
        guard case .array(let config?) = infos[1] else { return XCTFail() }
        XCTAssertEqual(config[0], .bulk("config|get"))
        XCTAssertEqual(config[6], .array(["@admin", "@slow", "@dangerous"].map { .simpleString($0) }))
    }

    func testCommandWithoutSubcommandDescribesEveryCommandWithItsSubcommands() {
        let h = EngineHarness()
        guard case .array(let infos?)? = h.run("COMMAND") else { return XCTFail() }
        XCTAssertEqual(infos.count, h.engine.commands.all.count)
        XCTAssertEqual(h.run("COMMAND", "INFO"), .array(infos))
        let config = infos.first { if case .array(let a?) = $0 { return a[0] == .bulk("config") } else { return false } }
        guard case .array(let fields?)? = config, case .array(let subs?) = fields[9] else { return XCTFail() }
        XCTAssertEqual(fields[6], .array([.simpleString("@slow")]))
        XCTAssertTrue(subs.contains { if case .array(let s?) = $0 { return s[0] == .bulk("config|get") } else { return false } })
    }

    func testCommandDocsSetDescribesItsArguments() {
        let h = EngineHarness()
        guard case .array(let reply?)? = h.run("COMMAND", "DOCS", "set", "nosuch") else { return XCTFail() }
        XCTAssertEqual(reply.count, 2)
        XCTAssertEqual(reply[0], .bulk("set"))
        guard case .array(let doc?) = reply[1] else { return XCTFail() }
        XCTAssertEqual(doc[0...5], [.bulk("summary"), doc[1], .bulk("since"), .bulk("1.0.0"), .bulk("group"), .bulk("string")])
        XCTAssertEqual(doc[6], .bulk("arguments"))
        guard case .array(let args?) = doc[7] else { return XCTFail() }
        XCTAssertEqual(args[0], .array([.bulk("name"), .bulk("key"), .bulk("type"), .bulk("key"),
                                        .bulk("key_spec_index"), .integer(0)]))
        XCTAssertEqual(args[1], .array([.bulk("name"), .bulk("value"), .bulk("type"), .bulk("string")]))
        XCTAssertEqual(args[2], .array([
            .bulk("name"), .bulk("nx_xx"), .bulk("type"), .bulk("oneof"), .bulk("flags"), .array([.simpleString("optional")]),
            .bulk("arguments"), .array([
                .array([.bulk("name"), .bulk("nx"), .bulk("type"), .bulk("pure-token"), .bulk("token"), .bulk("NX")]),
                .array([.bulk("name"), .bulk("xx"), .bulk("type"), .bulk("pure-token"), .bulk("token"), .bulk("XX")]),
            ]),
        ]))
    }

    func testCommandDocsInResp3AreMapsAndSets() {
        let h = EngineHarness()
        h.client.proto = .v3
        guard case .map(let top)? = h.run("COMMAND", "DOCS", "config"), top.count == 1,
              case .map(let doc) = top[0].value else { return XCTFail() }
        XCTAssertEqual(top[0].key, .bulk("config"))
        XCTAssertEqual(doc.map(\.key), ["summary", "since", "group", "subcommands"].map { .bulk($0) })
        guard case .map(let subs) = doc[3].value,
              let get = subs.first(where: { $0.key == .bulk("config|get") }), case .map(let getDoc) = get.value,
              case .array(let args?) = getDoc[3].value, case .map(let parameter) = args[0] else { return XCTFail() }
        XCTAssertEqual(parameter.last?.value, .set([.simpleString("multiple")]))
    }

    func testGetKeysPicksArgumentsAtTheKeyPositions() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2"), .array([.bulk("a"), .bulk("b")]))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10"), .array([.bulk("k")]))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "get", "k"), .array([.bulk("k")]))
        XCTAssertEqual(h.run("COMMAND", "GETKEYSANDFLAGS", "get", "k"),
                       .array([.array([.bulk("k"), .array([.simpleString("RO"), .simpleString("access")])])]))
    }

    func testGetKeysErrorsMatchRedis() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "nosuch", "a"), .error("ERR Invalid command specified"))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "config", "nosuch"), .error("ERR Invalid command specified"))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "get", "a", "b"), .error("ERR Invalid number of arguments specified for command"))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "config", "get", "x"), .error("ERR The command has no key arguments"))
        XCTAssertEqual(h.run("COMMAND", "GETKEYS", "get"), .error("ERR wrong number of arguments for 'command|getkeys' command"))
        XCTAssertEqual(h.run("COMMAND", "NOPE"), .error("ERR unknown subcommand 'NOPE'. Try COMMAND HELP."))
    }

    func testCommandListFiltersByPatternAndCategory() {
        let h = EngineHarness()
        guard case .array(let all?)? = h.run("COMMAND", "LIST") else { return XCTFail() }
        XCTAssertTrue(all.contains(.bulk("config|get")))
        guard case .array(let configs?)? = h.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG*") else { return XCTFail() }
        XCTAssertTrue(configs.contains(.bulk("config")) && configs.contains(.bulk("config|set")))
        XCTAssertTrue(configs.allSatisfy { if case .bulkString(let n?) = $0 { return n.starts(with: Bytes("config")) } else { return false } })
        guard case .array(let connection?)? = h.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "Connection") else { return XCTFail() }
        XCTAssertTrue(connection.contains(.bulk("client|id")))
        XCTAssertFalse(connection.contains(.bulk("client")))
        XCTAssertEqual(h.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"), .array([]))
        XCTAssertEqual(h.run("COMMAND", "LIST", "FILTERBY", "MODULE", "m"), .array([]))
        XCTAssertEqual(h.run("COMMAND", "LIST", "FILTERBY", "OTHER", "x"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("COMMAND", "LIST", "FILTERBY", "PATTERN"), .error("ERR syntax error"))
    }

    func testAclCategoriesFollowFlagsAndGroup() {
        let spec = { (flags: CommandFlags, group: String) in
            CommandSpec("x", arity: 1, flags: flags, group: group, since: "1.0.0", summary: "") { _, _ in }.aclCategories
        }
        XCTAssertEqual(spec([.write, .denyOOM], "generic"), ["keyspace", "write", "slow"])
        XCTAssertEqual(spec([.admin, .noScript], "connection"), ["admin", "slow", "dangerous", "connection"])
        XCTAssertEqual(spec([.readonly, .fast], "string"), ["read", "string", "fast"])
        XCTAssertEqual(spec([.loading, .fast], "server"), ["fast"])
    }
}
