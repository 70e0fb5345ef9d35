import RDB
import RESP
@testable import StrataCore
import XCTest

/// DUMP and RESTORE on the engine. Error texts and option rules were checked against redis-server 7.0.15.
final class PersistenceDumpRestoreTests: XCTestCase {
    private func dump(_ h: EngineHarness, _ key: String) -> [UInt8] {
        guard case .bulkString(let payload?) = h.run("DUMP", key) else {
            XCTFail("DUMP \(key) returned no payload")
            return []
        }
        return payload
    }

    /// RESTOREs `payload` under `key` with extra arguments.
    @discardableResult
    private func restore(_ h: EngineHarness, _ key: String, ttl: String = "0", _ payload: [UInt8],
                         _ options: String...) -> RESPValue? {
        h.run([Bytes("RESTORE"), Bytes(key), Bytes(ttl), payload] + options.map { Bytes($0) })
    }

    func testDumpOfAMissingKeyIsNull() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("DUMP", "nope"), .nilBulk)
        h.run("HELLO", "3")
        XCTAssertEqual(h.run("DUMP", "nope"), .null)
    }

    func testDumpOfAStringIsRedisPayload() {
        let h = EngineHarness()
        h.run("SET", "s", "hello")
        h.run("SET", "n", "12345")
        // Bytes from redis-server 7.0.15: type, value, RDB version 10, CRC-64 (little-endian).
        XCTAssertEqual(dump(h, "s"), [0, 5, 104, 101, 108, 108, 111, 10, 0, 99, 114, 223, 118, 101, 52, 32, 10])
        XCTAssertEqual(dump(h, "n"), [0, 193, 57, 48, 10, 0, 157, 148, 234, 39, 147, 252, 8, 185])
    }

    func testLongStringsAreCompressedAsRedisCompressesThem() {
        let h = EngineHarness()
        h.run("SET", "k", String(repeating: "ab", count: 40))
        // liblzf never matches against the first input byte, so Redis starts with the literal "aba".
        XCTAssertEqual(dump(h, "k"), [0, 0xC3, 10, 0x40, 0x50, 2, 97, 98, 97, 0xE0, 0x42, 1, 1, 97, 98,
                                      10, 0, 0x94, 0x9D, 0x5F, 0x0E, 0xB1, 0xDE, 0xA4, 0x45])
    }

    func testRestoreRebuildsEveryTypeWithItsEncoding() {
        let h = EngineHarness()
        h.run("SET", "int", "42")
        h.run("SET", "embstr", "short")
        h.run("SET", "raw", String(repeating: "x", count: 100))
        h.run("HSET", "hlp", "a", "1", "b", "2")
        h.run("HSET", "hht", "a", String(repeating: "v", count: 100))
        h.run("SADD", "sint", "1", "2", "3")
        h.run("SADD", "sht", "a", "b")
        h.run("ZADD", "zlp", "1", "a", "2.5", "b", "-inf", "c")
        h.run("ZADD", "zsl", "1", String(repeating: "m", count: 100), "2", "b")
        h.run("RPUSH", "list", "x", "2", "y")
        let keys = ["int", "embstr", "raw", "hlp", "hht", "sint", "sht", "zlp", "zsl", "list"]
        for key in keys {
            let payload = dump(h, key)
            XCTAssertEqual(restore(h, key + "-copy", payload), .ok, key)
            XCTAssertEqual(h.run("OBJECT", "ENCODING", key + "-copy"), h.run("OBJECT", "ENCODING", key), key)
            XCTAssertEqual(dump(h, key + "-copy"), payload, key)
        }
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "hht-copy"), .bulk("hashtable"))
        XCTAssertEqual(h.run("ZRANGE", "zlp-copy", "0", "-1", "WITHSCORES"),
                       h.run("ZRANGE", "zlp", "0", "-1", "WITHSCORES"))
        XCTAssertEqual(h.run("HGETALL", "hlp-copy"), .array([.bulk("a"), .bulk("1"), .bulk("b"), .bulk("2")]))
    }

    func testRestoreUsesTheCurrentLimitsForCompactPayloads() {
        let h = EngineHarness()
        h.run("HSET", "h", "a", "1", "b", "2", "c", "3")
        h.run("SADD", "s", "1", "2", "3")
        h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")
        let payloads = ["h", "s", "z"].map { dump(h, $0) }
        h.run("CONFIG", "SET", "hash-max-listpack-entries", "2")
        h.run("CONFIG", "SET", "set-max-intset-entries", "2")
        h.run("CONFIG", "SET", "zset-max-listpack-entries", "2")
        for (key, payload) in zip(["h", "s", "z"], payloads) { restore(h, key + "2", payload) }
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h2"), .bulk("hashtable"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "s2"), .bulk("hashtable"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "z2"), .bulk("skiplist"))
        XCTAssertEqual(h.run("ZSCORE", "z2", "c"), .bulk("3"))
    }

    func testStreamsSurviveDumpAndRestoreWithGroupsAndPendingEntries() {
        let h = EngineHarness()
        h.run("XADD", "x", "1-1", "f", "v")
        h.run("XADD", "x", "2-1", "f", "w", "g", "z")
        h.run("XADD", "x", "3-1", "other", "1")
        h.run("XDEL", "x", "2-1")
        h.run("XGROUP", "CREATE", "x", "grp", "0")
        h.run("XGROUP", "CREATE", "x", "late", "$")
        h.run("XREADGROUP", "GROUP", "grp", "alice", "COUNT", "1", "STREAMS", "x", ">")
        h.run("XREADGROUP", "GROUP", "grp", "bob", "STREAMS", "x", ">")
        h.run("XGROUP", "CREATECONSUMER", "x", "grp", "carol")
        XCTAssertEqual(restore(h, "y", dump(h, "x")), .ok)
        for command in [["XRANGE", "%", "-", "+"], ["XPENDING", "%", "grp"], ["XINFO", "GROUPS", "%"]] {
            XCTAssertEqual(h.run(command.map { $0 == "%" ? "y" : $0 }), h.run(command.map { $0 == "%" ? "x" : $0 }),
                           command.joined(separator: " "))
        }
        let info = { (key: String) in h.run("XINFO", "STREAM", key, "FULL") }
        XCTAssertEqual(info("y"), info("x"))
    }

    func testRestoreChecksOptionsThenBusyKeyThenTTLThenPayload() {
        let h = EngineHarness()
        h.run("SET", "k", "v")
        let payload = dump(h, "k")
        XCTAssertEqual(restore(h, "k", payload), .error("BUSYKEY Target key name already exists."))
        XCTAssertEqual(restore(h, "k", ttl: "-1", payload, "BADOPT"), .error("ERR syntax error"))
        XCTAssertEqual(restore(h, "k", payload, "IDLETIME"), .error("ERR syntax error"))
        XCTAssertEqual(restore(h, "n", payload, "IDLETIME", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(restore(h, "n", payload, "IDLETIME", "-1"), .error("ERR Invalid IDLETIME value, must be >= 0"))
        XCTAssertEqual(restore(h, "n", payload, "FREQ", "256"), .error("ERR Invalid FREQ value, must be >= 0 and <= 255"))
        XCTAssertEqual(restore(h, "n", payload, "FREQ", "1", "IDLETIME", "1"), .error("ERR syntax error"))
        XCTAssertEqual(restore(h, "n", ttl: "x", payload), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(restore(h, "n", ttl: "-1", payload), .error("ERR Invalid TTL value, must be >= 0"))
        var corrupt = payload
        corrupt[corrupt.count - 1] ^= 1
        XCTAssertEqual(restore(h, "n", corrupt), .error("ERR DUMP payload version or checksum are wrong"))
        var newer = payload
        newer[newer.count - 10] = 11
        XCTAssertEqual(restore(h, "n", newer), .error("ERR DUMP payload version or checksum are wrong"))
        XCTAssertEqual(restore(h, "n", [1, 2]), .error("ERR DUMP payload version or checksum are wrong"))
        // A valid trailer around a body that is not a value: an unknown type, and a string shorter than announced.
        XCTAssertEqual(restore(h, "n", Self.payload([42, 1, 2])), .error("ERR Bad data format"))
        XCTAssertEqual(restore(h, "n", Self.payload([0, 9, 65])), .error("ERR Bad data format"))
        // An empty collection is not a value Redis restores.
        XCTAssertEqual(restore(h, "n", Self.payload([2, 0])), .error("ERR Bad data format"))
        XCTAssertEqual(restore(h, "n", Self.payload([2, 2, 1, 65, 1, 65])), .error("ERR Bad data format"))
        XCTAssertEqual(h.run("EXISTS", "n"), .integer(0))
        XCTAssertEqual(h.run("RESTORE", "n", "0"), .error("ERR wrong number of arguments for 'restore' command"))
    }

    /// `body` with a version-10 trailer and a correct CRC-64.
    private static func payload(_ body: [UInt8]) -> [UInt8] {
        var bytes = body + [10, 0]
        let crc = CRC64.checksum(bytes)
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt64(k)))) }
        return bytes
    }

    func testRestoreTTLsRelativeAbsoluteAndAlreadyExpired() {
        let h = EngineHarness()
        h.run("SET", "k", "v")
        let payload = dump(h, "k")
        XCTAssertEqual(restore(h, "rel", ttl: "100000", payload), .ok)
        guard case .integer(let pttl) = h.run("PTTL", "rel") else { return XCTFail("no PTTL") }
        XCTAssertTrue((99_000...100_000).contains(pttl))
        let at = Engine.clockMillis() + 50_000
        XCTAssertEqual(restore(h, "abs", ttl: String(at), payload, "ABSTTL"), .ok)
        XCTAssertEqual(h.run("PEXPIRETIME", "abs"), .integer(at))
        XCTAssertEqual(restore(h, "none", payload), .ok)
        XCTAssertEqual(h.run("TTL", "none"), .integer(-1))
        // A past absolute TTL answers OK, creates nothing and deletes the key it replaces.
        XCTAssertEqual(restore(h, "gone", ttl: "1000", payload, "ABSTTL"), .ok)
        XCTAssertEqual(h.run("EXISTS", "gone"), .integer(0))
        XCTAssertEqual(restore(h, "k", ttl: "1000", payload, "ABSTTL", "REPLACE"), .ok)
        XCTAssertEqual(h.run("EXISTS", "k"), .integer(0))
    }

    func testRestoreReplaceAndIdletimeAndFreq() {
        let h = EngineHarness()
        h.run("SET", "k", "new")
        let payload = dump(h, "k")
        h.run("SET", "old", "x")
        h.run("EXPIRE", "old", "100")
        XCTAssertEqual(restore(h, "old", payload, "REPLACE", "IDLETIME", "1000"), .ok)
        guard case .integer(let idle) = h.run("OBJECT", "IDLETIME", "old") else { return XCTFail("no idle time") }
        XCTAssertTrue((1000...1001).contains(idle), "\(idle)")
        XCTAssertEqual(h.run("GET", "old"), .bulk("new"))
        XCTAssertEqual(h.run("TTL", "old"), .integer(-1))
        h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu")
        XCTAssertEqual(restore(h, "f", payload, "FREQ", "77"), .ok)
        XCTAssertEqual(h.run("OBJECT", "FREQ", "f"), .integer(77))
    }

    func testRestoreCountsAsAWriteAndDumpAsARead() {
        let h = EngineHarness()
        h.run("SET", "k", "v")
        let before = h.engine.dirty
        restore(h, "k2", dump(h, "k"))
        XCTAssertEqual(h.engine.dirty, before + 1)
        h.run("DUMP", "missing")
        XCTAssertEqual(h.engine.stats.keyspaceMisses, 1)
    }
}
