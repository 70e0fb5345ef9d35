import Foundation
import Glibc
import RESP
import XCTest

/// What a failing or interrupted save leaves behind: MISCONF refusals exactly as redis-server gives them after a
/// failed background save (stop-writes-on-bgsave-error), and a previous dump untouched by a kill -9 mid-save.
final class SaveFailureTests: XCTestCase {
    /// The same steps on a server whose dump path is a directory, so every save fails at the final rename.
    private func failedSaveTranscript(_ server: ServerProcess) throws -> [RESPValue] {
        try FileManager.default.createDirectory(at: server.directory.appendingPathComponent("dump.rdb/inside"),
                                                withIntermediateDirectories: true)
        let c = try server.connect()
        var replies = [try c.send(["SET", "k", "v"]), try c.send(["BGSAVE"])]
        let deadline = Deadline(seconds: 10)
        while try PersistenceData.info(c)["rdb_bgsave_in_progress"] != "0" && !deadline.hasPassed { usleep(20_000) }
        replies.append(.bulkString(Array((try PersistenceData.info(c)["rdb_last_bgsave_status"] ?? "").utf8)))
        for command in [["SET", "k", "w"], ["GET", "k"], ["PING"], ["INCR", "n"], ["MULTI"], ["SET", "k", "x"],
                        ["EXEC"], ["MULTI"], ["GET", "k"], ["EXEC"], ["CONFIG", "SET", "stop-writes-on-bgsave-error", "no"],
                        ["SET", "k", "y"], ["PING"], ["CONFIG", "SET", "stop-writes-on-bgsave-error", "yes"],
                        ["CONFIG", "SET", "save", ""], ["SET", "k", "z"], ["CONFIG", "SET", "save", "3600 1"],
                        ["DEL", "k"], ["CONFIG", "SET", "save", ""]] {
            replies.append(try c.send(command))
        }
        // No save rules left, so the SIGTERM ending the test does not try (and fail) to save.
        return replies
    }

    func testWritesAndPingAreRefusedWithMisconfAfterAFailedBackgroundSaveAsInRedis() throws {
        let strata = try failedSaveTranscript(try ServerProcess.strata(["--save", "3600", "1"]))
        let redis = try failedSaveTranscript(try ServerProcess.redis(["--save", "3600", "1"]))
        XCTAssertEqual(strata.map(\.description), redis.map(\.description))
        XCTAssertEqual(strata[2], .bulkString(Array("err".utf8)))
        XCTAssertTrue(strata.contains { if case .error(let m) = $0 { m.hasPrefix("MISCONF ") } else { false } })
    }

    func testKillDuringABackgroundSaveLeavesThePreviousDumpIntact() throws {
        let strata = try ServerProcess.strata()
        let c = try strata.connect()
        XCTAssertEqual(try c.send(["SET", "saved", "before"]), .simpleString("OK"))
        XCTAssertEqual(try c.send(["SAVE"]), .simpleString("OK"))
        let dump = strata.directory.appendingPathComponent("dump.rdb")
        let before = try Data(contentsOf: dump)
        let value = String(repeating: "x", count: 100)
        for batch in 0..<20 {
            let command = ["MSET"] + (0..<2500).flatMap { ["key:\(batch):\($0)", value] }
            XCTAssertEqual(try c.send(command), .simpleString("OK"))
        }
        // Pipelined, so the kill lands while the save is writing.
        try c.sendRaw("BGSAVE\r\n")
        usleep(20_000)
        kill(strata.pid, SIGKILL)
        XCTAssertTrue(strata.waitForExit(timeout: 10))
        XCTAssertEqual(try Data(contentsOf: dump), before)
        // The interrupted save's temporary file shows the kill did land mid-save (Redis leaves it too).
        let files = try FileManager.default.contentsOfDirectory(atPath: strata.directory.path)
        XCTAssertTrue(files.contains { $0.hasPrefix("temp-bg-") }, "\(files)")
        let restarted = try ServerProcess.strata(["--dir", strata.directory.path])
        let r = try restarted.connect()
        XCTAssertEqual(try r.send(["GET", "saved"]), .bulkString(Array("before".utf8)))
        XCTAssertEqual(try r.send(["DBSIZE"]), .integer(1))
    }
}
