import RESP
@testable import StrataCore
import XCTest

/// Hash commands run on the engine. Expected replies were checked against redis-server 7.0.15.
final class HashCommandTests: XCTestCase {
    func testHsetCountsCreatedFieldsAndHmsetRepliesOK() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("HSET", "h", "a", "1", "b", "2"), .integer(2))
        XCTAssertEqual(h.run("HSET", "h", "a", "3", "c", "4"), .integer(1))
        XCTAssertEqual(h.run("HMSET", "h", "d", "5"), .ok)
        XCTAssertEqual(h.run("HSET", "h", "a"), .error("ERR wrong number of arguments for 'hset' command"))
        XCTAssertEqual(h.run("HMSET", "h", "a", "1", "b"), .error("ERR wrong number of arguments for 'hmset' command"))
        XCTAssertEqual(h.run("HGETALL", "h"), .bulks("a", "3", "b", "2", "c", "4", "d", "5"))
        XCTAssertEqual(h.run("HSETNX", "h", "a", "x"), .integer(0))
        XCTAssertEqual(h.run("HSETNX", "h", "e", "x"), .integer(1))
        XCTAssertEqual(h.run("HMGET", "h", "a", "nope", "e"), .array([.bulk("3"), .nilBulk, .bulk("x")]))
        XCTAssertEqual(h.run("HMGET", "missing", "a"), .array([.nilBulk]))
        XCTAssertEqual(h.run("HSTRLEN", "h", "e"), .integer(1))
        XCTAssertEqual(h.run("HEXISTS", "h", "nope"), .integer(0))
        XCTAssertEqual(h.run("HLEN", "h"), .integer(5))
    }

    func testHdelDeletesTheKeyWhenTheHashEmpties() {
        let h = EngineHarness()
        h.run("HSET", "h", "a", "1", "b", "2")
        XCTAssertEqual(h.run("HDEL", "h", "x"), .integer(0))
        XCTAssertEqual(h.run("HDEL", "h", "a", "a", "x"), .integer(1))
        XCTAssertEqual(h.run("HDEL", "h", "b", "c"), .integer(1))
        XCTAssertEqual(h.run("EXISTS", "h"), .integer(0))
        XCTAssertEqual(h.engine.databases[0].memory, 0)
        XCTAssertEqual(h.run("HDEL", "h", "b"), .integer(0))
    }

    func testReadsReplyRESP3MapsAndNulls() {
        let h = EngineHarness()
        h.run("HELLO", "3")
        h.run("HSET", "h", "b", "1", "a", "2")
        XCTAssertEqual(h.run("HGETALL", "h"), .map([RESPPair(key: .bulk("b"), value: .bulk("1")),
                                                   RESPPair(key: .bulk("a"), value: .bulk("2"))]))
        XCTAssertEqual(h.run("HGETALL", "missing"), .map([]))
        XCTAssertEqual(h.run("HGET", "h", "x"), .null)
        XCTAssertEqual(h.run("HMGET", "h", "x", "a"), .array([.null, .bulk("2")]))
        XCTAssertEqual(h.run("HRANDFIELD", "missing"), .null)
        XCTAssertEqual(h.run("HRANDFIELD", "h", "2", "WITHVALUES"),
                       .array([.array([.bulk("b"), .bulk("1")]), .array([.bulk("a"), .bulk("2")])]))
    }

    func testIncrementsCheckValuesAndOverflow() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("HINCRBY", "h", "n", "5"), .integer(5))
        XCTAssertEqual(h.run("HINCRBY", "h", "n", "-7"), .integer(-2))
        XCTAssertEqual(h.run("HINCRBY", "h", "n", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("HINCRBY", "h", "n", "9223372036854775807"), .integer(9_223_372_036_854_775_805))
        XCTAssertEqual(h.run("HINCRBY", "h", "n", "3"), .error("ERR increment or decrement would overflow"))
        h.run("HSET", "h", "s", "01")
        XCTAssertEqual(h.run("HINCRBY", "h", "s", "1"), .error("ERR hash value is not an integer"))
        h.run("HSET", "h", "t", "abc")
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "t", "1"), .error("ERR hash value is not a float"))
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "s", "0.5"), .bulk("1.5"))
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "f", "3.0e3"), .bulk("3000"))
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "f", "0.1"), .bulk("3000.10000000000000009"))
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "f", "inf"), .error("ERR value is NaN or Infinity"))
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "f", "nan"), .error("ERR value is not a valid float"))
        h.run("HSET", "h", "big", "1.18973149535723176502e+4932")
        XCTAssertEqual(h.run("HINCRBYFLOAT", "h", "big", "1.18973149535723176502e+4932"),
                       .error("ERR increment would produce NaN or Infinity"))
        XCTAssertEqual(h.run("HGET", "h", "f"), .bulk("3000.10000000000000009"))
    }

    func testEncodingFollowsTheConfiguredThresholds() {
        let h = EngineHarness([("hash-max-listpack-entries", "4"), ("hash-max-listpack-value", "8")])
        h.run("HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h"), .bulk("listpack"))
        h.run("HSET", "h", "e", "5")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h"), .bulk("hashtable"))
        h.run("HDEL", "h", "a", "b", "c", "d")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h"), .bulk("hashtable"))
        h.run("HSET", "v", "f", "12345678")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "v"), .bulk("listpack"))
        h.run("HINCRBYFLOAT", "v", "g", "0.125")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "v"), .bulk("listpack"))
        h.run("HINCRBYFLOAT", "v", "g", "1000000.5")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "v"), .bulk("hashtable"))
        h.run("CONFIG", "SET", "hash-max-listpack-entries", "0")
        h.run("HSET", "z", "a", "1")
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "z"), .bulk("hashtable"))
    }

    func testWritesKeepTheKeysTTL() {
        let h = EngineHarness()
        h.run("HSET", "h", "a", "1")
        h.run("EXPIRE", "h", "100")
        h.run("HSET", "h", "b", "2")
        h.run("HDEL", "h", "a")
        h.run("HINCRBY", "h", "n", "1")
        XCTAssertEqual(h.run("TTL", "h"), .integer(100))
    }

    func testHrandfieldPicksDistinctFieldsForPositiveCountsAndRepeatsForNegative() {
        let h = EngineHarness([("hash-max-listpack-entries", "16")])
        for fields in [5, 40] {
            let key = "h\(fields)"
            h.run(["HSET", key] + (0..<fields).flatMap { ["f\($0)", "v\($0)"] })
            let all = Set((0..<fields).map { "f\($0)" })
            let some = h.run("HRANDFIELD", key, "3")?.sortedStrings ?? []
            XCTAssertEqual(Set(some).count, 3)
            XCTAssertTrue(Set(some).isSubset(of: all))
            let most = h.run("HRANDFIELD", key, String(fields - 1))?.sortedStrings ?? []
            XCTAssertEqual(Set(most).count, fields - 1)
            XCTAssertEqual(h.run("HRANDFIELD", key, "1000")?.sortedStrings, all.sorted())
            let repeated = h.run("HRANDFIELD", key, "-100")?.sortedStrings ?? []
            XCTAssertEqual(repeated.count, 100)
            XCTAssertTrue(Set(repeated).isSubset(of: all))
            guard case .array(let flat?) = h.run("HRANDFIELD", key, "-4", "WITHVALUES") else { return XCTFail() }
            XCTAssertEqual(flat.count, 8)
            for i in stride(from: 0, to: 8, by: 2) {
                guard case .bulkString(let f?) = flat[i], case .bulkString(let v?) = flat[i + 1] else { return XCTFail() }
                XCTAssertEqual(String(decoding: v, as: UTF8.self), "v" + String(decoding: f, as: UTF8.self).dropFirst())
            }
        }
        XCTAssertEqual(h.run("HRANDFIELD", "h5", "-9223372036854775808"),
                       .error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"))
        XCTAssertEqual(h.run("HRANDFIELD", "h5", "5000000000000000000", "WITHVALUES"), .error("ERR value is out of range"))
    }

    func testHscanOfAHashtableVisitsEveryFieldPresentThroughoutDespiteWrites() {
        let h = EngineHarness()
        h.run(["HSET", "h"] + (0..<1000).flatMap { ["f\($0)", "v\($0)"] })
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h"), .bulk("hashtable"))
        var seen: [String: String] = [:]
        var cursor = "0", rounds = 0
        repeat {
            guard case .array(let parts?) = h.run("HSCAN", "h", cursor, "COUNT", "25"),
                  case .bulkString(let next?) = parts[0], case .array(let items?) = parts[1] else { return XCTFail() }
            XCTAssertEqual(items.count % 2, 0)
            for i in stride(from: 0, to: items.count, by: 2) {
                guard case .bulkString(let f?) = items[i], case .bulkString(let v?) = items[i + 1] else { return XCTFail() }
                seen[String(decoding: f, as: UTF8.self)] = String(decoding: v, as: UTF8.self)
            }
            h.run("HSET", "h", "new\(rounds)", "x")
            h.run("HDEL", "h", "new\(rounds / 2)")
            cursor = String(decoding: next, as: UTF8.self)
            rounds += 1
        } while cursor != "0"
        for i in 0..<1000 { XCTAssertEqual(seen["f\(i)"], "v\(i)") }
        XCTAssertGreaterThan(rounds, 10)
        guard case .array(let parts?) = h.run("HSCAN", "h", "0", "MATCH", "f99?", "COUNT", "100000"),
              case .array(let items?) = parts[1] else { return XCTFail() }
        XCTAssertEqual(items.count, 20)
    }

    func testWrongTypeLeavesTheKeyAlone() {
        let h = EngineHarness()
        h.run("SET", "s", "v")
        for args in [["HSET", "s", "a", "1"], ["HSETNX", "s", "a", "1"], ["HDEL", "s", "a"], ["HGET", "s", "a"],
                     ["HINCRBY", "s", "a", "1"], ["HINCRBYFLOAT", "s", "a", "1"], ["HGETALL", "s"], ["HSCAN", "s", "0"],
                     ["HRANDFIELD", "s"], ["HLEN", "s"]] {
            XCTAssertEqual(h.run(args), .error(ReplyError.wrongType), "\(args)")
        }
        XCTAssertEqual(h.run("GET", "s"), .bulk("v"))
    }
}
