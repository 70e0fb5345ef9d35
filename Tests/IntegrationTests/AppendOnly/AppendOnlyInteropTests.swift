import Foundation
import Glibc
import RESP
import XCTest

/// Multi-part AOF directories exchanged between strata-server and redis-server 7.0.15, with and without an RDB
/// preamble in the base: each loads the other's files (base from a rewrite plus incr files) and serves the same
/// data.
final class AppendOnlyInteropTests: XCTestCase {
    func testRedisAppendOnlyFilesLoadInStrata() throws {
        for preamble in ["yes", "no"] {
            let redis = try ServerProcess.redis(["--appendonly", "yes", "--aof-use-rdb-preamble", preamble])
            let c = try redis.connect()
            try PersistenceData.populate(c)
            try AppendOnlyFiles.rewrite(c)
            for command in AppendOnlyFiles.laterWrites { _ = try c.send(command) }
            let expected = try AppendOnlyFiles.contents(c)
            XCTAssertEqual(redis.stop(), 0)
            let strata = try ServerProcess.strata(["--appendonly", "yes"], directory: redis.directory)
            assertSameContents(try AppendOnlyFiles.contents(strata.connect()), expected)
            XCTAssertTrue(strata.log.contains("DB loaded from append only file"), strata.log)
        }
    }

    func testStrataAppendOnlyFilesLoadInRedis() throws {
        for preamble in ["yes", "no"] {
            let strata = try ServerProcess.strata(["--appendonly", "yes", "--aof-use-rdb-preamble", preamble])
            let c = try strata.connect()
            try PersistenceData.populate(c)
            try AppendOnlyFiles.rewrite(c)
            for command in AppendOnlyFiles.laterWrites { _ = try c.send(command) }
            let expected = try AppendOnlyFiles.contents(c)
            XCTAssertEqual(strata.stop(), 0)
            let manifest = try String(contentsOf: strata.directory.appendingPathComponent("appendonlydir/appendonly.aof.manifest"), encoding: .utf8)
            XCTAssertTrue(manifest.contains(preamble == "yes" ? ".base.rdb" : ".base.aof"), manifest)
            let redis = try ServerProcess.redis(["--appendonly", "yes"], directory: strata.directory)
            assertSameContents(try AppendOnlyFiles.contents(redis.connect()), expected)
            XCTAssertFalse(redis.log.contains("CRITICAL"), redis.log)
        }
    }

    func testConfigSetAppendonlyAtRuntimeWritesABaseOfTheDatasetThenLogsEveryWrite() throws {
        let strata = try ServerProcess.strata()
        let c = try strata.connect()
        try PersistenceData.populate(c)
        XCTAssertEqual(try c.send(["CONFIG", "SET", "appendonly", "yes"]), .simpleString("OK"))
        try AppendOnlyFiles.waitForRewrite(c)
        XCTAssertEqual(try PersistenceData.info(c)["aof_enabled"], "1")
        for command in AppendOnlyFiles.laterWrites { _ = try c.send(command) }
        let expected = try AppendOnlyFiles.contents(c)
        kill(strata.pid, SIGKILL)
        XCTAssertTrue(strata.waitForExit(timeout: 10))
        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: strata.directory)
        assertSameContents(try AppendOnlyFiles.contents(restarted.connect()), expected)

        // And off again: the files stay, nothing more is appended.
        let r = try restarted.connect()
        XCTAssertEqual(try r.send(["CONFIG", "SET", "appendonly", "no"]), .simpleString("OK"))
        XCTAssertEqual(try PersistenceData.info(r)["aof_enabled"], "0")
        let incr = try AppendOnlyFiles.lastIncr(restarted.directory)
        let size = try AppendOnlyFiles.size(incr)
        _ = try r.send(["SET", "after-off", "1"])
        XCTAssertEqual(try AppendOnlyFiles.size(incr), size)
    }
}

/// Helpers for tests that look at AOF directories.
enum AppendOnlyFiles {
    /// `PersistenceData.contents` without stream consumers' seen-time: commands replayed from an AOF recreate
    /// consumers at load time, in redis-server as in Strata.
    static func contents(_ c: RedisConnection) throws -> [String] {
        let seenTime = try NSRegularExpression(pattern: #""seen-time"\n( *[0-9]+\) )\(integer\) [0-9]+"#)
        return try PersistenceData.contents(c).map { line in
            seenTime.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line),
                                              withTemplate: "\"seen-time\"\n$1(load time)")
        }
    }

    /// Writes made after a rewrite, so the files hold a base and an incr part.
    static let laterWrites: [[String]] = [
        ["SET", "after-rewrite", "1"], ["INCR", "after-rewrite"], ["RPUSH", "list", "tail"], ["EXPIRE", "word", "5000"],
        ["DEL", "hash"], ["SELECT", "5"], ["SADD", "late-set", "x"], ["SELECT", "0"],
    ]

    /// BGREWRITEAOF and wait for it to finish.
    static func rewrite(_ c: RedisConnection) throws {
        let before = Int(try PersistenceData.info(c)["aof_rewrites"] ?? "") ?? 0
        let reply = try c.send(["BGREWRITEAOF"])
        guard case .simpleString = reply else {
            throw HarnessError.unexpectedReply(command: "BGREWRITEAOF", port: c.port, reply: reply.description)
        }
        try waitForRewrite(c, after: before)
    }

    /// Polls INFO persistence until more than `after` rewrites have finished and none is running or scheduled.
    static func waitForRewrite(_ c: RedisConnection, after: Int = 0, timeout: Double = 30) throws {
        let deadline = Deadline(seconds: timeout)
        while !deadline.hasPassed {
            let info = try PersistenceData.info(c)
            if info["aof_rewrite_in_progress"] == "0", info["aof_rewrite_scheduled"] == "0",
               Int(info["aof_rewrites"] ?? "") ?? 0 > after { return }
            usleep(20_000)
        }
        throw HarnessError.unexpectedReply(command: "BGREWRITEAOF", port: c.port, reply: "not done after \(timeout)s")
    }

    /// The incr file the manifest lists last.
    static func lastIncr(_ directory: URL) throws -> URL {
        let dir = directory.appendingPathComponent("appendonlydir")
        let manifest = try String(contentsOf: dir.appendingPathComponent("appendonly.aof.manifest"), encoding: .utf8)
        let names = manifest.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.count >= 6 && words[5] == "i" ? String(words[1]) : nil
        }
        return dir.appendingPathComponent(names.last ?? "missing")
    }

    static func size(_ url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? -1
    }
}
