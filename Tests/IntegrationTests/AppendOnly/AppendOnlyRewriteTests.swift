import Dispatch
import Foundation
import Glibc
import XCTest

/// BGREWRITEAOF runs on a snapshot while writes go on, and the command log's offset survives restarts.
final class AppendOnlyRewriteTests: XCTestCase {
    func testRewritesDuringAWriteLoadLoseNothing() throws {
        let strata = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "always", "--enable-debug-command", "yes"])
        let admin = try strata.connect()
        let writer = try strata.connect()
        // Enough data that each rewrite takes a moment.
        XCTAssertEqual(try admin.send(["DEBUG", "POPULATE", "50000", "bulk"]), .simpleString("OK"))
        var acknowledged = 0
        var rewrites = 0
        for round in 0..<4 {
            XCTAssertEqual(try admin.send(["BGREWRITEAOF"]), .simpleString("Background append only file rewriting started"),
                           "round \(round)")
            // Write until the rewrite is over (and a little more).
            let deadline = Deadline(seconds: 30)
            var finished = false
            while !deadline.hasPassed {
                for _ in 0..<50 {
                    XCTAssertEqual(try writer.send(["RPUSH", "log", String(acknowledged)]), .integer(Int64(acknowledged + 1)))
                    acknowledged += 1
                }
                if finished { break }
                finished = try PersistenceData.info(admin)["aof_rewrite_in_progress"] == "0"
            }
            rewrites += 1
            XCTAssertEqual(try PersistenceData.info(admin)["aof_rewrites"], String(rewrites))
        }
        XCTAssertEqual(try PersistenceData.info(admin)["aof_last_bgrewrite_status"], "ok")
        kill(strata.pid, SIGKILL)
        XCTAssertTrue(strata.waitForExit(timeout: 10))
        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: strata.directory)
        let c = try restarted.connect()
        XCTAssertEqual(try c.send(["LLEN", "log"]), .integer(Int64(acknowledged)))
        XCTAssertEqual(try c.send(["LINDEX", "log", "-1"]), .bulkString(Array(String(acknowledged - 1).utf8)))
        XCTAssertEqual(try c.send(["DBSIZE"]), .integer(50_001))
        // Only the newest base and incr file are left.
        let files = try FileManager.default.contentsOfDirectory(atPath: strata.directory.appendingPathComponent("appendonlydir").path)
        XCTAssertEqual(files.sorted(), ["appendonly.aof.5.base.rdb", "appendonly.aof.5.incr.aof", "appendonly.aof.manifest"])
    }

    func testTheReplicationOffsetContinuesAfterARestartFromTheAppendOnlyFiles() throws {
        let strata = try ServerProcess.strata(["--appendonly", "yes"])
        let c = try strata.connect()
        for i in 0..<100 { _ = try c.send(["SET", "k\(i)", String(i)]) }
        _ = try c.send(["BGREWRITEAOF"])
        try AppendOnlyFiles.waitForRewrite(c)
        for i in 0..<10 { _ = try c.send(["INCR", "k\(i)"]) }
        let offset = try Self.offset(c)
        XCTAssertGreaterThan(offset, 0)
        XCTAssertEqual(strata.stop(), 0)
        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: strata.directory)
        let r = try restarted.connect()
        XCTAssertEqual(try Self.offset(r), offset)
        _ = try r.send(["SET", "more", "1"])
        XCTAssertGreaterThan(try Self.offset(r), offset)
    }

    func testTheFilesAreRewrittenAutomaticallyWhenTheyDoubleAndCarryTimestampsWhenAsked() throws {
        let strata = try ServerProcess.strata(["--appendonly", "yes", "--auto-aof-rewrite-min-size", "64kb",
                                               "--auto-aof-rewrite-percentage", "100", "--aof-timestamp-enabled", "yes"])
        let c = try strata.connect()
        let deadline = Deadline(seconds: 30)
        var i = 0
        while try PersistenceData.info(c)["aof_rewrites"] == "0", !deadline.hasPassed {
            _ = try c.send(["SET", "k\(i % 100)", String(repeating: "x", count: 1000)])
            i += 1
        }
        XCTAssertNotEqual(try PersistenceData.info(c)["aof_rewrites"], "0")
        XCTAssertTrue(strata.log.contains("Starting automatic rewriting of AOF on "), strata.log)
        _ = try c.send(["SET", "after", "1"])
        let incr = try Data(contentsOf: try AppendOnlyFiles.lastIncr(strata.directory))
        XCTAssertTrue(String(decoding: incr, as: UTF8.self).hasPrefix("#TS:"), "the incr file starts with a timestamp")
    }

    private static func offset(_ c: RedisConnection) throws -> Int {
        let text = try c.send(["INFO", "replication"]).text ?? ""
        let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("master_repl_offset:") }
        return Int(line?.dropFirst("master_repl_offset:".count) ?? "") ?? -1
    }
}
