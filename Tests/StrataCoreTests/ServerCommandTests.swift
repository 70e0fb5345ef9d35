import RESP
@testable import StrataCore
import XCTest

final class ServerCommandTests: XCTestCase {
    private func infoFields(_ h: EngineHarness, _ section: String...) -> [String: String] {
        guard case .bulkString(let text?)? = h.run(["INFO"] + section) else { XCTFail("INFO reply"); return [:] }
        var fields: [String: String] = [:]
        for line in String(decoding: text, as: UTF8.self).split(separator: "\r\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }

    func testInfoHasRedisSectionsAndFieldNames() {
        let h = EngineHarness()
        guard case .bulkString(let text?)? = h.run("INFO") else { return XCTFail() }
        let s = String(decoding: text, as: UTF8.self)
        for header in ["# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication", "# CPU", "# Keyspace"] {
            XCTAssertTrue(s.contains(header + "\r\n"), "missing \(header)")
        }
        let f = infoFields(h)
        for name in ["redis_version", "tcp_port", "connected_clients", "used_memory", "maxmemory_policy",
                     "total_commands_processed", "keyspace_hits", "role", "master_repl_offset", "used_cpu_sys"] {
            XCTAssertNotNil(f[name], name)
        }
    }

    func testInfoKeyspaceCountsKeysAndExpires() {
        let h = EngineHarness()
        h.run("SET", "a", "1")
        h.run("SET", "b", "2", "EX", "100")
        XCTAssertEqual(infoFields(h, "keyspace")["db0"]?.hasPrefix("keys=2,expires=1,avg_ttl="), true)
    }

    func testInfoCountsHitsAndMisses() {
        let h = EngineHarness()
        h.run("SET", "a", "1")
        h.run("GET", "a")
        h.run("GET", "nope")
        let f = infoFields(h, "stats")
        XCTAssertEqual(f["keyspace_hits"], "1")
        XCTAssertEqual(f["keyspace_misses"], "1")
    }

    func testConfigGetAndSetRoundTrip() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory", "10mb"), .ok)
        XCTAssertEqual(h.run("CONFIG", "GET", "maxmemory"), .array([.bulk("maxmemory"), .bulk("10485760")]))
        XCTAssertEqual(h.engine.settings.maxMemory, 10 * 1024 * 1024)
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lru"), .ok)
        XCTAssertEqual(h.engine.settings.maxMemoryPolicy, .allKeysLRU)
    }

    func testSlowlogRecordsCommandsOverTheThreshold() {
        let h = EngineHarness()
        h.run("CONFIG", "SET", "slowlog-log-slower-than", "0")
        h.run("SLOWLOG", "RESET")
        h.run("SET", "k", "v")
        guard case .integer(let n)? = h.run("SLOWLOG", "LEN") else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(n, 1)
        // Newest first: the SLOWLOG LEN call above, then the SET.
        guard case .array(let entries?)? = h.run("SLOWLOG", "GET", "2"), entries.count == 2,
              case .array(let fields?) = entries[1] else { return XCTFail("SLOWLOG GET shape") }
        XCTAssertEqual(fields.count, 6)
        XCTAssertEqual(fields[3], .array([.bulk("SET"), .bulk("k"), .bulk("v")]))
    }

    func testDebugIsRefusedUnlessEnabled() {
        let h = EngineHarness()
        guard case .error(let e)? = h.run("DEBUG", "SLEEP", "0") else { return XCTFail() }
        XCTAssertTrue(e.hasPrefix("ERR DEBUG command not allowed."))
        let enabled = EngineHarness([("enable-debug-command", "yes")])
        XCTAssertEqual(enabled.run("DEBUG", "SLEEP", "0"), .ok)
    }

    func testTimeReturnsSecondsAndMicroseconds() {
        let h = EngineHarness()
        guard case .array(let parts?)? = h.run("TIME"), parts.count == 2,
              case .bulkString(let secs?) = parts[0] else { return XCTFail() }
        let s = Int(String(decoding: secs, as: UTF8.self)) ?? 0
        XCTAssertLessThan(abs(s - Int(Engine.clockMillis() / 1000)), 5)
    }
}

final class StatisticsCommandTests: XCTestCase {
    private func info(_ h: EngineHarness, _ section: String) -> String {
        guard case .bulkString(let text?)? = h.run("INFO", section) else { return "" }
        return String(decoding: text, as: UTF8.self)
    }

    func testErrorstatsCountErrorsByPrefixAndResetstatClearsThem() {
        let h = EngineHarness()
        h.run("NOSUCH")
        h.run("SET", "s", "x")
        h.run("INCR", "s")
        h.run("GET")
        XCTAssertTrue(info(h, "errorstats").contains("errorstat_ERR:count=3"), info(h, "errorstats"))
        XCTAssertTrue(info(h, "commandstats").contains("cmdstat_incr:calls=1,"), info(h, "commandstats"))
        XCTAssertTrue(info(h, "commandstats").contains("failed_calls=1"), info(h, "commandstats"))
        XCTAssertEqual(h.run("CONFIG", "RESETSTAT"), .ok)
        XCTAssertFalse(info(h, "errorstats").contains("errorstat_ERR"))
        XCTAssertFalse(info(h, "commandstats").contains("cmdstat_incr"))
    }

    func testCommandListFiltersByPattern() {
        let h = EngineHarness()
        guard case .array(let names?)? = h.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "get*") else { return XCTFail() }
        let set = Set(names.compactMap { v -> String? in if case .bulkString(let b?) = v { return String(decoding: b, as: UTF8.self) } else { return nil } })
        XCTAssertTrue(set.isSuperset(of: ["get", "getdel", "getex", "getrange", "getset", "getbit"]), "\(set)")
        XCTAssertFalse(set.contains("set"))
    }
}

extension ServerCommandTests {
    func testDebugPopulateCreatesMissingKeysOnlyAndIsNotLogged() {
        let h = EngineHarness([("enable-debug-command", "yes")])
        h.recordEffects()
        _ = h.run("SET", "key:1", "mine")
        _ = h.loggedEffects()
        XCTAssertEqual(h.run("DEBUG", "POPULATE", "3"), .ok)
        XCTAssertEqual(h.run("DBSIZE"), .integer(3))
        XCTAssertEqual(h.run("GET", "key:0"), .bulk("value:0"))
        XCTAssertEqual(h.run("GET", "key:1"), .bulk("mine"))
        XCTAssertEqual(h.run("DEBUG", "POPULATE", "2", "p", "10"), .ok)
        XCTAssertEqual(h.run("GET", "p:1"), .bulkString(Array("value:1".utf8) + [0, 0, 0]))
        XCTAssertEqual(h.run("DEBUG", "POPULATE", "1", "q", "3"), .ok)
        XCTAssertEqual(h.run("GET", "q:0"), .bulk("val"))
        XCTAssertEqual(h.run("DEBUG", "POPULATE", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(h.loggedEffects(), [])
    }
}
