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

    func testARedis6SingleFileAppendOnlyIsMigratedIntoADirectoryAsRedis7Does() throws {
        // A Redis 6 style file: an RDB preamble (a dump from redis-server) followed by commands.
        let source = try ServerProcess.redis()
        let s = try source.connect()
        try PersistenceData.populate(s)
        XCTAssertEqual(try s.send(["SAVE"]), .simpleString("OK"))
        var file = try Data(contentsOf: source.directory.appendingPathComponent("dump.rdb"))
        let commands = [["SET", "after", "1"], ["INCR", "after"], ["RPUSH", "list", "tail"],
                        ["PEXPIREAT", "word", "99999999999000"], ["DEL", "hash"], ["SELECT", "5"], ["SADD", "late", "x"]]
        for args in commands {
            file.append(("*\(args.count)\r\n" + args.map { "$\($0.utf8.count)\r\n\($0)\r\n" }.joined()).data(using: .utf8)!)
        }
        var listings: [[String]] = []
        for binary in [ServerBinary.redis, .strata] {
            let directory = try ServerProcess.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try file.write(to: directory.appendingPathComponent("appendonly.aof"))
            let server = try ServerProcess(binary, arguments: ["--appendonly", "yes"], directory: directory)
            listings.append(try AppendOnlyFiles.contents(server.connect()))
            let moved = directory.appendingPathComponent("appendonlydir/appendonly.aof")
            XCTAssertEqual(try Data(contentsOf: moved), file, "\(binary.name) moved the file into the directory")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("appendonly.aof").path))
        }
        assertSameContents(listings[1], listings[0])
        XCTAssertGreaterThan(listings[0].count, 15)
    }

    func testInfoPersistenceNamesTheAppendOnlyFieldsAsRedisDoes() throws {
        var names: [[String]] = []
        for binary in [ServerBinary.strata, .redis] {
            let server = try ServerProcess(binary, arguments: ["--appendonly", "yes"])
            let text = try server.connect().send(["INFO", "persistence"]).text ?? ""
            names.append(text.split(whereSeparator: \.isNewline).compactMap { $0.split(separator: ":").first.map(String.init) })
        }
        XCTAssertEqual(names[0], names[1])
        XCTAssertTrue(names[0].contains("aof_delayed_fsync"), "\(names[0])")
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
