import Foundation
import RESP
import XCTest

/// RDB files exchanged between strata-server and redis-server 7.0.15: each serves the other's dump with identical
/// data, redis-check-rdb accepts Strata's files, and a damaged dump stops Strata from starting.
final class PersistenceTests: XCTestCase {
    func testStrataSaveIsAcceptedByRedisCheckRdbAndServedIdenticallyByRedis() throws {
        let strata = try ServerProcess.strata()
        let connection = try strata.connect()
        try PersistenceData.populate(connection)
        XCTAssertEqual(try connection.send(["SAVE"]), .simpleString("OK"))
        let dump = strata.directory.appendingPathComponent("dump.rdb").path
        let check = try FinishedCommand("/usr/bin/redis-check-rdb", [dump])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("RDB looks OK"), check.output)

        let redis = try ServerProcess.redis(["--dir", strata.directory.path])
        let expected = try PersistenceData.contents(connection)
        assertSameContents(try PersistenceData.contents(redis.connect()), expected)
        XCTAssertGreaterThan(expected.count, 15)
    }

    func testRedisSaveIsServedIdenticallyByStrata() throws {
        let redis = try ServerProcess.redis()
        let connection = try redis.connect()
        try PersistenceData.populate(connection)
        XCTAssertEqual(try connection.send(["SAVE"]), .simpleString("OK"))
        let strata = try ServerProcess.strata(["--dir", redis.directory.path])
        assertSameContents(try PersistenceData.contents(strata.connect()), try PersistenceData.contents(connection))
        XCTAssertTrue(strata.log.contains("DB loaded from disk: "), strata.log)
        XCTAssertTrue(strata.log.contains("Loading RDB produced by version 7.0.15"), strata.log)
    }

    func testATruncatedDumpStopsStrataFromStartingAndTheLogNamesTheOffset() throws {
        let redis = try ServerProcess.redis()
        let connection = try redis.connect()
        try PersistenceData.populate(connection)
        _ = try connection.send(["SAVE"])
        let dump = redis.directory.appendingPathComponent("dump.rdb")
        let bytes = try Data(contentsOf: dump)
        try bytes.prefix(bytes.count * 2 / 3).write(to: dump)
        let run = try FinishedProcess(.strata, arguments: ["--port", String(try FreePort.next()), "--bind", "127.0.0.1",
                                                           "--save", "", "--dir", redis.directory.path])
        XCTAssertNotEqual(run.status, 0)
        let output = run.standardOutput + run.standardError
        XCTAssertTrue(output.contains("Fatal error loading the DB dump.rdb at offset "), output)
        XCTAssertFalse(output.contains("Ready to accept connections"), output)
    }

    func testSaveAndBackgroundSaveUpdateInfoAndLastsave() throws {
        let strata = try ServerProcess.strata()
        let c = try strata.connect()
        try PersistenceData.populate(c)
        XCTAssertEqual(try PersistenceData.info(c)["rdb_saves"], "0")
        XCTAssertNotEqual(try PersistenceData.info(c)["rdb_changes_since_last_save"], "0")
        XCTAssertEqual(try c.send(["SAVE"]), .simpleString("OK"))
        var info = try PersistenceData.info(c)
        XCTAssertEqual(info["rdb_changes_since_last_save"], "0")
        XCTAssertEqual(info["rdb_saves"], "1")
        XCTAssertEqual(try c.send(["LASTSAVE"]), .integer(Int64(info["rdb_last_save_time"]!)!))
        _ = try c.send(["SET", "after", "save"])
        XCTAssertEqual(try c.send(["BGSAVE"]), .simpleString("Background saving started"))
        let deadline = Deadline(seconds: 10)
        repeat {
            info = try PersistenceData.info(c)
        } while info["rdb_bgsave_in_progress"] != "0" && !deadline.hasPassed
        XCTAssertEqual(info["rdb_saves"], "2")
        XCTAssertEqual(info["rdb_last_bgsave_status"], "ok")
        XCTAssertEqual(info["rdb_changes_since_last_save"], "0")
        XCTAssertEqual(try c.send(["BGSAVE", "NOW"]), .error("ERR syntax error"))
        XCTAssertTrue(strata.log.contains("Background saving terminated with success"), strata.log)

        let restarted = try ServerProcess.strata(["--dir", strata.directory.path])
        XCTAssertEqual(try restarted.connect().send(["GET", "after"]), .bulkString(Array("save".utf8)))
        XCTAssertEqual(try PersistenceData.info(restarted.connect())["rdb_last_load_keys_loaded"],
                       String(try PersistenceData.keyCount(c)))
    }

    func testSaveRulesTriggerABackgroundSaveAndSigtermSavesBeforeExiting() throws {
        let strata = try ServerProcess.strata(["--save", "1", "1"])
        let c = try strata.connect()
        _ = try c.send(["SET", "k", "v"])
        let deadline = Deadline(seconds: 10)
        while try PersistenceData.info(c)["rdb_saves"] == "0" && !deadline.hasPassed { usleep(50_000) }
        XCTAssertEqual(try PersistenceData.info(c)["rdb_saves"], "1")
        XCTAssertTrue(strata.log.contains("1 changes in 1 seconds. Saving..."), strata.log)
        _ = try c.send(["SET", "late", "write"])
        XCTAssertEqual(strata.stop(), 0)
        XCTAssertTrue(strata.log.contains("Saving the final RDB snapshot before exiting."), strata.log)
        let restarted = try ServerProcess.strata(["--dir", strata.directory.path])
        XCTAssertEqual(try restarted.connect().send(["GET", "late"]), .bulkString(Array("write".utf8)))
    }

    func testAFailedSaveIsReportedAndStopsShutdownUnlessForced() throws {
        let strata = try ServerProcess.strata(["--save", "3600", "1"])
        // A directory where the dump should go makes the final rename fail, even for root.
        try FileManager.default.createDirectory(at: strata.directory.appendingPathComponent("dump.rdb/inside"),
                                                withIntermediateDirectories: true)
        let c = try strata.connect()
        _ = try c.send(["SET", "k", "v"])
        XCTAssertEqual(try c.send(["SAVE"]), .error("ERR"))
        XCTAssertEqual(try c.send(["BGSAVE"]), .simpleString("Background saving started"))
        let deadline = Deadline(seconds: 10)
        while try PersistenceData.info(c)["rdb_bgsave_in_progress"] != "0" && !deadline.hasPassed { usleep(20_000) }
        XCTAssertEqual(try PersistenceData.info(c)["rdb_last_bgsave_status"], "err")
        XCTAssertEqual(try c.send(["SHUTDOWN"]), .error("ERR Errors trying to SHUTDOWN. Check logs."))
        XCTAssertEqual(try c.send(["GET", "k"]), .bulkString(Array("v".utf8)))
        XCTAssertTrue(strata.log.contains("Error trying to save the DB, can't exit."), strata.log)
        try c.write(["SHUTDOWN", "NOSAVE"])
        XCTAssertTrue(try c.waitUntilClosed())
        XCTAssertTrue(strata.waitForExit(timeout: 5))
    }

    func testDebugReloadKeepsTheDataAndReportsTheLoad() throws {
        let strata = try ServerProcess.strata(["--enable-debug-command", "yes"])
        let c = try strata.connect()
        try PersistenceData.populate(c)
        let before = try PersistenceData.contents(c)
        XCTAssertEqual(try c.send(["DEBUG", "RELOAD"]), .simpleString("OK"))
        assertSameContents(try PersistenceData.contents(c), before)
        let info = try PersistenceData.info(c)
        XCTAssertEqual(info["rdb_last_load_keys_loaded"], String(try PersistenceData.keyCount(c)))
        XCTAssertEqual(info["rdb_changes_since_last_save"], "0")
        XCTAssertTrue(strata.log.contains("DB reloaded by DEBUG RELOAD"), strata.log)
    }
}

extension XCTestCase {
    /// Compares two `PersistenceData.contents` listings key by key, so a failure names the key that differs.
    func assertSameContents(_ actual: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "key count", file: file, line: line)
        for (a, e) in zip(actual, expected) where a != e {
            XCTFail("--- got ---\n\(a)\n--- expected ---\n\(e)", file: file, line: line)
        }
    }
}

/// The data set the persistence tests exchange, and a server-independent reading of a server's whole dataset.
enum PersistenceData {
    /// One key of every type, in compact and expanded encodings, with and without TTLs, in two databases.
    static func populate(_ c: RedisConnection) throws {
        var commands: [[String]] = [
            ["SET", "small-int", "12"], ["SET", "big-int", "-9223372036854775808"], ["SET", "word", "hello"],
            ["SET", "compressible", String(repeating: "abcd", count: 300)], ["SET", "ttl", "v", "PXAT", "99999999999000"],
            ["SET", "float-text", "3.14"], ["HSET", "hash", "f1", "v1", "f2", "2"],
            ["HSET", "long-value-hash", "f", String(repeating: "y", count: 100)],
            ["SADD", "intset", "1", "-40000", "5000000000"], ["SADD", "words", "a", "b", "c"],
            ["ZADD", "zset", "1", "one", "2.5", "two-and-a-half", "-inf", "low", "1e300", "high"],
            ["ZADD", "long-member-zset", "7", String(repeating: "m", count: 90)],
            ["XADD", "stream", "1-1", "name", "a", "n", "1"], ["XADD", "stream", "2-5", "name", "b", "n", "2"],
            ["XADD", "stream", "3-0", "other", "x"], ["XDEL", "stream", "2-5"],
            ["XGROUP", "CREATE", "stream", "readers", "0"], ["XGROUP", "CREATECONSUMER", "stream", "readers", "idle"],
            ["XREADGROUP", "GROUP", "readers", "alice", "COUNT", "1", "STREAMS", "stream", ">"],
            ["XGROUP", "CREATE", "stream", "fresh", "$"], ["XADD", "empty-stream", "5-5", "f", "v"],
            ["XDEL", "empty-stream", "5-5"],
            ["RPUSH", "list", "a", "1", "-70000", "b"], ["LPUSH", "list", "head"],
            ["SELECT", "5"], ["SET", "in-db-5", "yes"], ["HSET", "h5", "a", "b"], ["SELECT", "0"],
        ]
        commands.append(["RPUSH", "big-list"] + (0..<3000).map { "item-\($0)-" + String(repeating: "p", count: $0 % 50) })
        commands.append(["HSET", "big-hash"] + (0..<600).flatMap { ["field\($0)", "value\($0)"] })
        commands.append(["SADD", "big-set"] + (0..<600).map { "member\($0)" })
        commands.append(["SADD", "big-intset"] + (0..<600).map { String($0 * 7) })
        commands.append(["ZADD", "big-zset"] + (0..<300).flatMap { [String(Double($0) / 3), "m\($0)"] })
        commands.append(["XADD", "long-stream", "*"] + ["k", "v"])
        for i in 0..<250 { commands.append(["XADD", "long-stream", "*", "i", String(i)]) }
        for command in commands {
            let reply = try c.send(command)
            if case .error(let message) = reply { throw HarnessError.unexpectedReply(command: command[0], port: c.port, reply: message) }
        }
    }

    /// Every key of every database with its type, encoding, absolute expiry and contents, read with commands both
    /// servers answer the same way (unordered collections sorted, stream node statistics left out).
    static func contents(_ c: RedisConnection) throws -> [String] {
        var lines: [String] = []
        for db in 0..<16 {
            _ = try c.send(["SELECT", String(db)])
            guard case .array(let keys?) = try c.send(["KEYS", "*"]) else { continue }
            for case .bulkString(let key?) in keys {
                let k = String(decoding: key, as: UTF8.self)
                guard case .simpleString(let type) = try c.send(["TYPE", k]) else { continue }
                var parts = [String(db), k, type, try c.send(["OBJECT", "ENCODING", k]).description,
                             try c.send(["PEXPIRETIME", k]).description]
                switch type {
                case "string": parts.append(try c.send(["GET", k]).description)
                case "hash": parts.append(sortedPairs(try c.send(["HGETALL", k])))
                case "set": parts.append(sorted(try c.send(["SMEMBERS", k])))
                case "zset": parts.append(try c.send(["ZRANGE", k, "0", "-1", "WITHSCORES"]).description)
                case "list": parts.append(try c.send(["LRANGE", k, "0", "-1"]).description)
                default:
                    parts.append(try c.send(["XRANGE", k, "-", "+"]).description)
                    parts.append(withoutNodeStatistics(try c.send(["XINFO", "STREAM", k, "FULL"])))
                }
                lines.append(parts.joined(separator: " | "))
            }
        }
        _ = try c.send(["SELECT", "0"])
        return lines.sorted()
    }

    static func keyCount(_ c: RedisConnection) throws -> Int {
        var total = 0
        for db in 0..<16 {
            _ = try c.send(["SELECT", String(db)])
            if case .integer(let n) = try c.send(["DBSIZE"]) { total += Int(n) }
        }
        _ = try c.send(["SELECT", "0"])
        return total
    }

    /// INFO persistence as a dictionary (RESP2 bulk or RESP3 verbatim text).
    static func info(_ c: RedisConnection) throws -> [String: String] {
        guard let text = try c.send(["INFO", "persistence"]).text else { return [:] }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }

    private static func sorted(_ reply: RESPValue) -> String {
        guard case .array(let items?) = reply else { return reply.description }
        return items.map(\.description).sorted().joined(separator: ",")
    }

    private static func sortedPairs(_ reply: RESPValue) -> String {
        guard case .array(let items?) = reply else { return reply.description }
        return stride(from: 0, to: items.count - 1, by: 2).map { "\(items[$0].description)=\(items[$0 + 1].description)" }
            .sorted().joined(separator: ",")
    }

    /// XINFO STREAM FULL without radix-tree-keys/-nodes, which describe Redis's internal tree.
    private static func withoutNodeStatistics(_ reply: RESPValue) -> String {
        guard case .array(let items?) = reply else { return reply.description }
        var kept: [RESPValue] = []
        for i in stride(from: 0, to: items.count - 1, by: 2) {
            if case .bulkString(let name?) = items[i], String(decoding: name, as: UTF8.self).hasPrefix("radix-tree") { continue }
            kept += [items[i], items[i + 1]]
        }
        return RESPValue.array(kept).description
    }
}

/// A command run to completion, with its exit status and combined output.
struct FinishedCommand {
    let status: Int32
    let output: String

    init(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: data, as: UTF8.self)
    }
}
