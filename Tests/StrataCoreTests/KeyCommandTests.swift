import RESP
@testable import StrataCore
import XCTest

/// DEL, UNLINK, EXISTS, TOUCH, TYPE, KEYS, RANDOMKEY, RENAME, RENAMENX, COPY, MOVE, OBJECT, DBSIZE, FLUSHDB,
/// FLUSHALL, SWAPDB. Expected replies were checked against redis-server 7.0.15.
final class KeyCommandTests: XCTestCase {
    func testDelAndUnlinkCountEachRemovedKeyOnce() {
        let h = EngineHarness()
        h.put("a")
        h.put("b")
        h.put("c")
        XCTAssertEqual(h.run("DEL", "a", "a", "nokey"), .integer(1))
        XCTAssertEqual(h.run("UNLINK", "b", "c", "b"), .integer(2))
        XCTAssertEqual(h.engine.databases[0].count, 0)
        XCTAssertEqual(h.engine.dirty, 3)
        XCTAssertEqual(h.run("DEL"), .error("ERR wrong number of arguments for 'del' command"))
    }

    func testExistsCountsRepeatedKeysAndTouchCountsExistingOnes() {
        let h = EngineHarness()
        h.put("a")
        h.put("b")
        XCTAssertEqual(h.run("EXISTS", "a", "a", "b", "c"), .integer(3))
        XCTAssertEqual(h.run("TOUCH", "a", "nokey", "a"), .integer(2))
        // EXISTS and TOUCH look keys up as reads: 5 hits, 2 misses.
        XCTAssertEqual(h.engine.stats.keyspaceHits, 5)
        XCTAssertEqual(h.engine.stats.keyspaceMisses, 2)
    }

    func testTouchRefreshesIdleTimeButExistsDoesNot() {
        let h = EngineHarness()
        h.put("k")
        h.age("k", seconds: 100)
        h.run("EXISTS", "k")
        XCTAssertGreaterThanOrEqual(h.idleTime("k"), 100)
        h.run("TOUCH", "k")
        XCTAssertLessThan(h.idleTime("k"), 100)
    }

    func testTypeNamesTheValueTypeOrNone() {
        let h = EngineHarness()
        h.put("s", "hello")
        XCTAssertEqual(h.run("TYPE", "s"), .simpleString("string"))
        XCTAssertEqual(h.run("TYPE", "nokey"), .simpleString("none"))
    }

    func testExpiredKeysAreGoneForReadsAndDeletes() {
        let h = EngineHarness()
        h.put("old", expireAt: 1)
        h.put("old2", expireAt: 1)
        XCTAssertEqual(h.run("EXISTS", "old"), .integer(0))
        XCTAssertEqual(h.run("TYPE", "old"), .simpleString("none"))
        XCTAssertEqual(h.run("DEL", "old2"), .integer(0))
        XCTAssertEqual(h.engine.databases[0].count, 0)
        XCTAssertEqual(h.engine.stats.expiredKeys, 2)
    }

    func testKeysMatchesTheGlobAndSkipsExpiredKeys() {
        let h = EngineHarness()
        for k in ["hello", "hallo", "hxllo", "h*", "other"] { h.put(k) }
        h.put("hillo", expireAt: 1)
        XCTAssertEqual(h.keys("h[ae]llo"), ["hallo", "hello"])
        XCTAssertEqual(h.keys("h?llo"), ["hallo", "hello", "hxllo"])
        XCTAssertEqual(h.keys("h\\*"), ["h*"])
        XCTAssertEqual(h.keys("*"), ["h*", "hallo", "hello", "hxllo", "other"])
        XCTAssertEqual(h.keys("nothing*"), [])
    }

    func testRandomKeyIsNilOnAnEmptyDatabaseAndNeverAnExpiredKey() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("RANDOMKEY"), .nilBulk)
        for i in 0..<20 { h.put("gone:\(i)", expireAt: 1) }
        h.put("live")
        XCTAssertEqual(h.run("RANDOMKEY"), .bulk("live"))
        for i in 0..<20 { h.put("gone:\(i)", expireAt: 1) }
        for _ in 0..<5 { XCTAssertEqual(h.run("RANDOMKEY"), .bulk("live")) }
        XCTAssertEqual(h.run("DEL", "live"), .integer(1))
        for i in 0..<3 { h.put("gone:\(i)", expireAt: 1) }
        XCTAssertEqual(h.run("RANDOMKEY"), .nilBulk)
        XCTAssertEqual(h.engine.databases[0].count, 0)
    }

    // MARK: RENAME, RENAMENX

    func testRenameMovesTheValueAndItsExpiryReplacingTheTarget() {
        let h = EngineHarness()
        h.put("src", "v1", expireAt: 4_000_000_000_000)
        h.put("dst", "v2")
        XCTAssertEqual(h.run("RENAME", "src", "dst"), .ok)
        XCTAssertNil(h.entry("src"))
        XCTAssertEqual(h.entry("dst")?.value.stringBytes, Bytes("v1"))
        XCTAssertEqual(h.entry("dst")?.expireAt, 4_000_000_000_000)
        XCTAssertEqual(h.engine.dirty, 1)
    }

    func testRenameOfAMissingKeyIsAnErrorEvenOntoItself() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("RENAME", "nokey", "x"), .error("ERR no such key"))
        XCTAssertEqual(h.run("RENAME", "nokey", "nokey"), .error("ERR no such key"))
        XCTAssertEqual(h.run("RENAMENX", "nokey", "nokey"), .error("ERR no such key"))
        h.put("expired", expireAt: 1)
        XCTAssertEqual(h.run("RENAME", "expired", "x"), .error("ERR no such key"))
    }

    func testRenameOntoItselfSucceedsWithoutChange() {
        let h = EngineHarness()
        h.put("k", "v", expireAt: 4_000_000_000_000)
        XCTAssertEqual(h.run("RENAME", "k", "k"), .ok)
        XCTAssertEqual(h.run("RENAMENX", "k", "k"), .integer(0))
        XCTAssertEqual(h.entry("k")?.expireAt, 4_000_000_000_000)
        XCTAssertEqual(h.engine.dirty, 0)
    }

    func testRenameNXRefusesALiveTargetButNotAnExpiredOne() {
        let h = EngineHarness()
        h.put("a", "1")
        h.put("b", "2")
        XCTAssertEqual(h.run("RENAMENX", "a", "b"), .integer(0))
        XCTAssertEqual(h.entry("b")?.value.stringBytes, Bytes("2"))
        h.put("c", "3", expireAt: 1)
        XCTAssertEqual(h.run("RENAMENX", "a", "c"), .integer(1))
        XCTAssertEqual(h.entry("c")?.value.stringBytes, Bytes("1"))
        XCTAssertNil(h.entry("a"))
    }

    // MARK: COPY

    func testCopyRefusesAnExistingTargetUnlessReplace() {
        let h = EngineHarness()
        h.put("u", "one")
        XCTAssertEqual(h.run("COPY", "u", "v"), .integer(1))
        h.put("u", "two")
        XCTAssertEqual(h.run("COPY", "u", "v"), .integer(0))
        XCTAssertEqual(h.entry("v")?.value.stringBytes, Bytes("one"))
        XCTAssertEqual(h.run("COPY", "u", "v", "REPLACE"), .integer(1))
        XCTAssertEqual(h.entry("v")?.value.stringBytes, Bytes("two"))
        XCTAssertEqual(h.entry("u")?.value.stringBytes, Bytes("two"))
        XCTAssertEqual(h.run("COPY", "nokey", "v"), .integer(0))
    }

    func testCopyToAnotherDatabaseKeepsExpiryAndEncoding() {
        let h = EngineHarness()
        h.put("u", "hello", expireAt: 4_000_000_000_000)
        XCTAssertEqual(h.run("COPY", "u", "u", "DB", "1"), .integer(1))
        XCTAssertEqual(h.entry("u", db: 1)?.expireAt, 4_000_000_000_000)
        XCTAssertEqual(h.entry("u", db: 1)?.value.encodingName, "embstr")
        // The last DB option wins; REPLACE may come anywhere.
        XCTAssertEqual(h.run("COPY", "u", "u", "db", "1", "replace", "db", "2"), .integer(1))
        XCTAssertNotNil(h.entry("u", db: 2))
    }

    func testCopyErrors() {
        let h = EngineHarness()
        h.put("u")
        XCTAssertEqual(h.run("COPY", "u", "u"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(h.run("COPY", "nokey", "nokey", "DB", "0"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(h.run("COPY", "u", "v", "DB", "16"), .error("ERR DB index is out of range"))
        XCTAssertEqual(h.run("COPY", "u", "v", "DB", "-1"), .error("ERR DB index is out of range"))
        XCTAssertEqual(h.run("COPY", "u", "v", "DB", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("COPY", "u", "v", "DB", "99999999999"),
                       .error("ERR value is out of range, value must between -2147483648 and 2147483647"))
        XCTAssertEqual(h.run("COPY", "u", "v", "DB"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("COPY", "u", "v", "foo"), .error("ERR syntax error"))
        XCTAssertNil(h.entry("v"))
    }

    // MARK: MOVE

    func testMoveTransfersTheKeyWithItsExpiryUnlessTheTargetHasIt() {
        let h = EngineHarness()
        h.put("k", "v", expireAt: 4_000_000_000_000)
        XCTAssertEqual(h.run("MOVE", "k", "1"), .integer(1))
        XCTAssertNil(h.entry("k"))
        XCTAssertEqual(h.entry("k", db: 1)?.expireAt, 4_000_000_000_000)
        XCTAssertEqual(h.run("MOVE", "k", "1"), .integer(0))
        h.put("k", "mine")
        XCTAssertEqual(h.run("MOVE", "k", "1"), .integer(0))
        XCTAssertEqual(h.entry("k")?.value.stringBytes, Bytes("mine"))
        XCTAssertEqual(h.engine.dirty, 1)
    }

    func testMoveErrorsCheckIndexBeforeSameDatabaseBeforeTheKey() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("MOVE", "nokey", "0"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(h.run("MOVE", "nokey", "99"), .error("ERR DB index is out of range"))
        XCTAssertEqual(h.run("MOVE", "nokey", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("MOVE", "nokey", "99999999999"),
                       .error("ERR value is out of range, value must between -2147483648 and 2147483647"))
        XCTAssertEqual(h.run("MOVE", "nokey", "1"), .integer(0))
    }

    // MARK: OBJECT

    func testObjectEncodingFollowsTheStringRules() {
        let h = EngineHarness()
        h.put("int", "123")
        h.put("short", "hello")
        h.put("long", String(repeating: "x", count: 45))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "int"), .bulk("int"))
        XCTAssertEqual(h.run("OBJECT", "encoding", "short"), .bulk("embstr"))
        XCTAssertEqual(h.run("object", "Encoding", "long"), .bulk("raw"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "nokey"), .nilBulk)
    }

    func testObjectRefcountReportsSharedSmallIntegersUnlessAnLRUOrLFULimitIsSet() {
        let h = EngineHarness()
        for (k, v) in [("zero", "0"), ("max", "9999"), ("big", "10000"), ("neg", "-1"), ("text", "hello")] { h.put(k, v) }
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "zero"), .integer(2147483647))
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "max"), .integer(2147483647))
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "big"), .integer(1))
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "neg"), .integer(1))
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "text"), .integer(1))
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "nokey"), .nilBulk)
        h.run("CONFIG", "SET", "maxmemory", "1gb")
        h.run("CONFIG", "SET", "maxmemory-policy", "volatile-ttl")
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "zero"), .integer(2147483647))
        h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
        XCTAssertEqual(h.run("OBJECT", "REFCOUNT", "zero"), .integer(1))
    }

    func testObjectFreqNeedsAnLFUPolicyAndIdleTimeRefusesOne() {
        let h = EngineHarness()
        h.put("k")
        XCTAssertEqual(h.run("OBJECT", "FREQ", "k"), .error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."))
        XCTAssertEqual(h.run("OBJECT", "FREQ", "nokey"), .nilBulk)
        XCTAssertEqual(h.run("OBJECT", "IDLETIME", "k"), .integer(0))

        let lfu = EngineHarness([("maxmemory-policy", "allkeys-lfu")])
        lfu.put("k")
        XCTAssertEqual(lfu.run("OBJECT", "FREQ", "k"), .integer(5))
        XCTAssertEqual(lfu.run("OBJECT", "IDLETIME", "k"), .error("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."))
        XCTAssertEqual(lfu.run("OBJECT", "IDLETIME", "nokey"), .nilBulk)
    }

    func testObjectInspectionDoesNotTouchTheKey() {
        let h = EngineHarness()
        h.put("k")
        h.age("k", seconds: 100)
        for _ in 0..<3 {
            h.run("OBJECT", "ENCODING", "k")
            h.run("TYPE", "k")
            h.run("TTL", "k")
            XCTAssertGreaterThanOrEqual(h.idleTime("k"), 100)
        }
        let lfu = EngineHarness([("maxmemory-policy", "allkeys-lfu")])
        lfu.put("k")
        for _ in 0..<300 { lfu.run("OBJECT", "FREQ", "k") }
        XCTAssertEqual(lfu.run("OBJECT", "FREQ", "k"), .integer(5))
    }

    func testObjectHelpAndSubcommandErrors() {
        let h = EngineHarness()
        guard case .array(let lines?)? = h.run("OBJECT", "HELP") else { return XCTFail("expected an array") }
        XCTAssertEqual(lines.count, 15)
        XCTAssertEqual(lines.first, .simpleString("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"))
        XCTAssertEqual(lines[1], .simpleString("ENCODING <key>"))
        XCTAssertEqual(lines[12], .simpleString("    <key>."))
        XCTAssertEqual(lines.suffix(2), [.simpleString("HELP"), .simpleString("    Prints this help.")])
        XCTAssertEqual(h.run("OBJECT", "foo"), .error("ERR unknown subcommand 'foo'. Try OBJECT HELP."))
        XCTAssertEqual(h.run("OBJECT"), .error("ERR wrong number of arguments for 'object' command"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING"), .error("ERR wrong number of arguments for 'object|encoding' command"))
        XCTAssertEqual(h.run("OBJECT", "HELP", "x"), .error("ERR wrong number of arguments for 'object|help' command"))
    }

    // MARK: DBSIZE, FLUSHDB, FLUSHALL, SWAPDB

    func testDbsizeCountsKeysIncludingUnreapedExpiredOnes() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("DBSIZE"), .integer(0))
        h.put("a")
        h.put("b", expireAt: 1)
        XCTAssertEqual(h.run("DBSIZE"), .integer(2))
    }

    func testFlushdbEmptiesOnlyTheCurrentDatabase() {
        let h = EngineHarness()
        h.put("a")
        h.put("b")
        h.put("c", db: 1)
        XCTAssertEqual(h.run("FLUSHDB"), .ok)
        XCTAssertEqual(h.engine.databases[0].count, 0)
        XCTAssertEqual(h.engine.databases[1].count, 1)
        XCTAssertEqual(h.engine.dirty, 2)
        XCTAssertEqual(h.run("FLUSHDB", "async"), .ok)
        XCTAssertEqual(h.run("FLUSHDB", "SYNC"), .ok)
        XCTAssertEqual(h.run("FLUSHDB", "foo"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("FLUSHDB", "sync", "sync"), .error("ERR syntax error"))
    }

    func testFlushallEmptiesEveryDatabaseAndCountsOneMoreChange() {
        let h = EngineHarness([("save", "")])  // no save rules: FLUSHALL would write dump.rdb
        h.put("a")
        h.put("b", db: 3)
        XCTAssertEqual(h.run("FLUSHALL", "ASYNC"), .ok)
        XCTAssertEqual(h.engine.databases.map(\.count).reduce(0, +), 0)
        XCTAssertEqual(h.engine.dirty, 3)
        XCTAssertEqual(h.run("FLUSHALL"), .ok)
        XCTAssertEqual(h.engine.dirty, 4)
        XCTAssertEqual(h.run("FLUSHALL", "async", "x"), .error("ERR syntax error"))
    }

    func testSwapdbExchangesContentsWhileClientsKeepTheirIndex() {
        let h = EngineHarness()
        h.put("zero", expireAt: 4_000_000_000_000)
        h.put("one", db: 1)
        XCTAssertEqual(h.run("SWAPDB", "0", "1"), .ok)
        XCTAssertEqual(h.keys("*"), ["one"])
        XCTAssertEqual(h.entry("zero", db: 1)?.expireAt, 4_000_000_000_000)
        XCTAssertEqual(h.engine.databases[1].expiringCount, 1)
        XCTAssertEqual(h.run("SWAPDB", "1", "1"), .ok)
        XCTAssertEqual(h.engine.databases[1].count, 1)
        XCTAssertEqual(h.engine.dirty, 2)
    }

    func testSwapdbErrorsParseBothIndexesBeforeCheckingTheRange() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SWAPDB", "x", "0"), .error("ERR invalid first DB index"))
        XCTAssertEqual(h.run("SWAPDB", "99", "x"), .error("ERR invalid second DB index"))
        XCTAssertEqual(h.run("SWAPDB", "0", "99999999999"), .error("ERR invalid second DB index"))
        XCTAssertEqual(h.run("SWAPDB", "0", "99"), .error("ERR DB index is out of range"))
        XCTAssertEqual(h.run("SWAPDB", "-1", "0"), .error("ERR DB index is out of range"))
    }
}

extension EngineHarness {
    /// Stores a string directly, with an optional absolute expiry (1 is long past: the key is already expired).
    func put(_ key: String, _ value: String = "v", expireAt: Int64 = Entry.noExpiry, db: Int = 0) {
        engine.setKey(engine.databases[db], Bytes(key), .string(StringValue(Bytes(value))), expireAt: expireAt,
                      now: Engine.clockMillis())
    }

    /// The raw entry, expired or not, without any lookup side effect.
    func entry(_ key: String, db: Int = 0) -> Entry? { engine.databases[db].peek(Bytes(key)) }

    /// Makes the key look unused for `seconds` by moving its LRU stamp back.
    func age(_ key: String, seconds: UInt32) {
        engine.databases[0].touch(Bytes(key), access: engine.lruClock &- seconds)
    }

    func idleTime(_ key: String) -> Int {
        guard case .integer(let n)? = run("OBJECT", "IDLETIME", key) else { XCTFail("OBJECT IDLETIME"); return -1 }
        return Int(n)
    }

    /// KEYS' reply, sorted.
    func keys(_ pattern: String) -> [String] { strings(run("KEYS", pattern)).sorted() }

    /// The texts of a reply that is an array of bulk strings.
    func strings(_ reply: RESPValue?) -> [String] {
        guard case .array(let items?)? = reply else { XCTFail("expected an array, got \(String(describing: reply))"); return [] }
        return items.map { item in
            guard case .bulkString(let b?) = item else { XCTFail("expected a bulk string"); return "" }
            return String(decoding: b, as: UTF8.self)
        }
    }
}

extension StoredValue {
    /// The bytes of a string value, for assertions.
    var stringBytes: Bytes? {
        if case .string(let s) = self { return s.bytes }
        return nil
    }
}
