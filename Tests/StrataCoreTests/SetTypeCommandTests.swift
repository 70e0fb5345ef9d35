import RESP
import StrataCollections
@testable import StrataCore
import XCTest

/// Set commands run on the engine. Expected replies were checked against redis-server 7.0.15.
final class SetTypeCommandTests: XCTestCase {
    func testSaddSremAndDeletionOfAnEmptiedSet() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SADD", "s", "3", "1", "2", "2"), .integer(3))
        XCTAssertEqual(h.run("SADD", "s", "1", "4"), .integer(1))
        XCTAssertEqual(h.run("SMEMBERS", "s"), .bulks("1", "2", "3", "4"))
        XCTAssertEqual(h.run("SREM", "s", "1", "9", "1"), .integer(1))
        XCTAssertEqual(h.run("SMISMEMBER", "s", "1", "2", "x"), .array([.integer(0), .integer(1), .integer(0)]))
        XCTAssertEqual(h.run("SCARD", "s"), .integer(3))
        XCTAssertEqual(h.run("SREM", "s", "2", "3", "4", "5"), .integer(3))
        XCTAssertEqual(h.run("EXISTS", "s"), .integer(0))
        XCTAssertEqual(h.engine.databases[0].memory, 0)
        XCTAssertEqual(h.run("SADD", "s"), .error("ERR wrong number of arguments for 'sadd' command"))
    }

    func testRESP3RepliesAreSets() {
        let h = EngineHarness()
        h.run("HELLO", "3")
        h.run("SADD", "s", "2", "1")
        XCTAssertEqual(h.run("SMEMBERS", "s"), .set([.bulk("1"), .bulk("2")]))
        XCTAssertEqual(h.run("SMEMBERS", "missing"), .set([]))
        XCTAssertEqual(h.run("SUNION", "s", "missing"), .set([.bulk("1"), .bulk("2")]))
        XCTAssertEqual(h.run("SINTER", "s", "missing"), .set([]))
        XCTAssertEqual(h.run("SPOP", "missing", "2"), .set([]))
        XCTAssertEqual(h.run("SRANDMEMBER", "s", "5"), .array([.bulk("1"), .bulk("2")]))
        XCTAssertEqual(h.run("SPOP", "s", "2"), .set([.bulk("1"), .bulk("2")]))
        XCTAssertEqual(h.run("SPOP", "s"), .null)
    }

    func testSmoveMovesTheMemberAndCreatesTheDestination() {
        let h = EngineHarness()
        h.run("SADD", "a", "x", "y")
        XCTAssertEqual(h.run("SMOVE", "a", "b", "x"), .integer(1))
        XCTAssertEqual(h.run("SMOVE", "a", "b", "x"), .integer(0))
        XCTAssertEqual(h.run("SMOVE", "a", "a", "y"), .integer(1))
        XCTAssertEqual(h.run("SMOVE", "missing", "a", "y"), .integer(0))
        h.run("SET", "str", "v")
        XCTAssertEqual(h.run("SMOVE", "missing", "str", "y"), .integer(0))
        XCTAssertEqual(h.run("SMOVE", "a", "str", "y"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("SMOVE", "a", "b", "y"), .integer(1))
        XCTAssertEqual(h.run("EXISTS", "a"), .integer(0))
        XCTAssertEqual(h.run("SMEMBERS", "b")?.sortedStrings, ["x", "y"])
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "b"), .bulk("hashtable"))
        h.run("SADD", "i", "5")
        h.run("SMOVE", "i", "n", "5")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "n"), .bulk("intset"))
    }

    func testSetAlgebraAndStoreFormsChooseTheEncodingRedisWould() {
        let h = EngineHarness([("set-max-intset-entries", "4")])
        h.run("SADD", "a", "1", "2", "3", "4")
        h.run("SADD", "b", "3", "4", "5", "x")
        XCTAssertEqual(h.run("SINTER", "a", "b"), .bulks("3", "4"))
        XCTAssertEqual(h.run("SDIFF", "a", "b"), .bulks("1", "2"))
        XCTAssertEqual(h.run("SUNION", "a", "b")?.sortedStrings, ["1", "2", "3", "4", "5", "x"])
        XCTAssertEqual(h.run("SINTERSTORE", "d", "a", "b"), .integer(2))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "d"), .bulk("intset"))
        XCTAssertEqual(h.run("SUNIONSTORE", "d", "a", "b"), .integer(6))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "d"), .bulk("hashtable"))
        XCTAssertEqual(h.run("SDIFFSTORE", "d", "b", "a"), .integer(2))
        XCTAssertEqual(h.run("SMEMBERS", "d")?.sortedStrings, ["5", "x"])
        h.run("SREM", "b", "x")
        XCTAssertEqual(h.run("SUNIONSTORE", "d", "b"), .integer(3))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "d"), .bulk("intset"))
        XCTAssertEqual(h.run("SMEMBERS", "d"), .bulks("3", "4", "5"))
        h.run("EXPIRE", "d", "100")
        XCTAssertEqual(h.run("SINTERSTORE", "d", "a", "missing"), .integer(0))
        XCTAssertEqual(h.run("EXISTS", "d"), .integer(0))
        h.run("SET", "s", "v")
        XCTAssertEqual(h.run("SUNION", "missing", "s"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("SUNIONSTORE", "s", "a"), .integer(4))
        XCTAssertEqual(h.run("TYPE", "s"), .simpleString("set"))
        XCTAssertEqual(h.run("SINTERCARD", "2", "a", "b"), .integer(2))
        XCTAssertEqual(h.run("SINTERCARD", "2", "a", "b", "LIMIT", "1"), .integer(1))
        XCTAssertEqual(h.run("SINTERCARD", "3", "a", "b"), .error("ERR Number of keys can't be greater than number of args"))
        XCTAssertEqual(h.run("SINTERCARD", "0", "a"), .error("ERR numkeys should be greater than 0"))
        XCTAssertEqual(h.run("SINTERCARD", "1", "a", "LIMIT", "-1"), .error("ERR LIMIT can't be negative"))
    }

    func testSpopRemovesExactlyTheMembersItReturns() {
        for size in [10, 1000] {
            let h = EngineHarness()
            let all = (0..<size).map { "m\($0)" }
            h.run(["SADD", "s"] + all)
            let popped = h.run("SPOP", "s", "3")?.sortedStrings ?? []
            XCTAssertEqual(Set(popped).count, 3)
            let rest = h.run("SMEMBERS", "s")?.sortedStrings ?? []
            XCTAssertEqual(rest.count, size - 3)
            XCTAssertEqual(Set(rest + popped), Set(all))
            guard case .bulkString(let one?) = h.run("SPOP", "s") else { return XCTFail() }
            XCTAssertEqual(h.run("SISMEMBER", "s", String(decoding: one, as: UTF8.self)), .integer(0))
            XCTAssertEqual(h.run("SPOP", "s", String(size))?.sortedStrings.count, size - 4)
            XCTAssertEqual(h.run("EXISTS", "s"), .integer(0))
        }
        let h = EngineHarness()
        h.run("SADD", "s", "1")
        XCTAssertEqual(h.run("SPOP", "s", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(h.run("SPOP", "s", "x"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(h.run("SPOP", "s", "1", "2"), .error(ReplyError.syntax))
    }

    func testSrandmemberPicksDistinctOrRepeatedMembers() {
        let h = EngineHarness()
        h.run("SADD", "small", "a", "b", "c")
        h.run(["SADD", "big"] + (0..<600).map { "m\($0)" })
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "big"), .bulk("hashtable"))
        for (key, size) in [("small", 3), ("big", 600)] {
            XCTAssertEqual(Set(h.run("SRANDMEMBER", key, "2")?.sortedStrings ?? []).count, 2)
            XCTAssertEqual(Set(h.run("SRANDMEMBER", key, String(size - 1))?.sortedStrings ?? []).count, size - 1)
            XCTAssertEqual(Set(h.run("SRANDMEMBER", key, "10000")?.sortedStrings ?? []).count, size)
            XCTAssertEqual(h.run("SRANDMEMBER", key, "-50")?.sortedStrings.count, 50)
            XCTAssertEqual(h.run("SCARD", key), .integer(Int64(size)))
        }
        XCTAssertEqual(h.run("SRANDMEMBER", "small", "0"), .array([]))
        XCTAssertEqual(h.run("SRANDMEMBER", "missing", "3"), .array([]))
        XCTAssertEqual(h.run("SRANDMEMBER", "missing"), .nilBulk)
    }

    func testSscanOfAHashtableVisitsEveryMemberPresentThroughoutDespiteWrites() {
        let h = EngineHarness()
        h.run(["SADD", "s"] + (0..<1000).map { "m\($0)" })
        var seen = Set<String>()
        var cursor = "0", rounds = 0
        repeat {
            guard case .array(let parts?) = h.run("SSCAN", "s", cursor),
                  case .bulkString(let next?) = parts[0] else { return XCTFail() }
            seen.formUnion(parts[1].sortedStrings)
            h.run("SADD", "s", "new\(rounds)")
            h.run("SREM", "s", "new\(rounds / 2)")
            cursor = String(decoding: next, as: UTF8.self)
            rounds += 1
        } while cursor != "0"
        XCTAssertTrue(Set((0..<1000).map { "m\($0)" }).isSubset(of: seen))
        XCTAssertGreaterThan(rounds, 50)
        h.run("SADD", "i", "3", "1", "2")
        XCTAssertEqual(h.run("SSCAN", "i", "123", "COUNT", "1"), .array([.bulk("0"), .bulks("1", "2", "3")]))
        XCTAssertEqual(h.run("SSCAN", "i", "0", "TYPE", "set"), .error(ReplyError.syntax))
        XCTAssertEqual(h.run("SSCAN", "missing", "0", "TYPE", "set"), .array([.bulk("0"), .array([])]))
        XCTAssertEqual(h.run("SSCAN", "i", "x"), .error("ERR invalid cursor"))
    }

    /// Records the keys a database reports as changed.
    private final class ChangeSpy: DatabaseObserver {
        var changed: [String] = []
        func keyChanged(_ db: Database, _ key: CompactBytes) { changed.append(String(decoding: key.bytes, as: UTF8.self)) }
    }

    func testWritesThatChangeNothingDoNotSignalAnObservedKey() {
        let h = EngineHarness()
        let db = h.engine.databases[0], spy = ChangeSpy()
        h.run("SADD", "s", "a")
        h.run("SADD", "src", "a", "b")
        h.run("HSET", "h", "f", "v", "g", "w")
        db.observer = spy
        for key in ["s", "src", "h"] { db.observe(CompactBytes(Bytes(key))) }
        h.run("SADD", "s", "a")
        h.run("SREM", "s", "zz")
        h.run("HDEL", "h", "zz")
        h.run("HSETNX", "h", "f", "w")
        XCTAssertEqual(spy.changed, [])
        XCTAssertEqual(h.run("SMOVE", "src", "s", "a"), .integer(1))
        XCTAssertEqual(spy.changed, ["src"])
        h.run("SADD", "s", "a", "b")
        h.run("HDEL", "h", "zz", "f")
        XCTAssertEqual(spy.changed, ["src", "s", "h"])
    }
}
