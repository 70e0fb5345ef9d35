import Foundation
import Glibc
import RESP
import XCTest

/// strata-server loading its dump at startup as redis-server does: the port is open at once, clients get -LOADING
/// and INFO shows the progress until the whole file is in; a damaged dump stops the server, naming the offset,
/// before any of it is served; and what shutdown does to the files of a load or a background save in progress.
final class LoadingTests: XCTestCase {
    private static let loadingRefusal = RESPValue.error("LOADING Redis is loading the dataset in memory")

    /// A redis-server dump of `keys` strings `key:N` = `value:N` (DEBUG POPULATE), in a directory of its own.
    private func populatedDump(keys: Int) throws -> (directory: URL, size: Int) {
        let redis = try ServerProcess.redis(["--enable-debug-command", "yes"])
        let c = try redis.connect()
        XCTAssertEqual(try c.send(["DEBUG", "POPULATE", String(keys)]), .simpleString("OK"))
        XCTAssertEqual(try c.send(["SAVE"]), .simpleString("OK"))
        let directory = try ServerProcess.makeTemporaryDirectory()
        let dump = directory.appendingPathComponent("dump.rdb")
        try FileManager.default.copyItem(at: redis.directory.appendingPathComponent("dump.rdb"), to: dump)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: dump.path)[.size] as? Int)
        return (directory, size)
    }

    /// Starts strata-server on `directory` without waiting for the load, and connects as soon as it listens.
    private func startLoading(_ directory: URL, _ extra: [String]) throws -> (Process, RedisConnection, URL) {
        let port = try FreePort.next()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ServerBinary.strata.path())
        process.arguments = ServerBinary.strata.standardArguments(port: port, directory: directory.path)
            + ["--key-load-delay", "50", "--loading-process-events-interval-bytes", "1024"] + extra
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Deadline(seconds: 10)
        while true {
            do {
                return (process, try RedisConnection(port: port), log)
            } catch {
                if deadline.hasPassed || !process.isRunning { throw error }
                usleep(5_000)
            }
        }
    }

    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    func testAClientConnectedDuringTheLoadGetsLoadingThenSeesEveryKey() throws {
        let (directory, size) = try populatedDump(keys: 20_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, c, log) = try startLoading(directory, [])
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        XCTAssertEqual(try c.send(["GET", "key:1"]), Self.loadingRefusal)
        XCTAssertEqual(try c.send(["PING"]), Self.loadingRefusal)
        let info = try PersistenceData.info(c)
        XCTAssertEqual(info["loading"], "1")
        XCTAssertEqual(info["loading_total_bytes"], String(size))
        XCTAssertNotNil(info["loading_eta_seconds"])
        XCTAssertLessThan(Int(info["loading_loaded_bytes"] ?? "") ?? .max, size)
        XCTAssertFalse(text(log).contains("Ready to accept connections"), text(log))
        // The file's aux fields are logged as they are read, at the start of the load, as Redis does.
        for line in ["Loading RDB produced by version 7.0.15", "RDB age ", "RDB memory usage when created "] {
            XCTAssertTrue(text(log).contains(line), "\(line) not logged during the load:\n\(text(log))")
        }
        XCTAssertFalse(text(log).contains("Done loading RDB"), text(log))

        let deadline = Deadline(seconds: 30)
        var reply = try c.send(["PING"])
        while reply == Self.loadingRefusal, !deadline.hasPassed {
            usleep(50_000)
            reply = try c.send(["PING"])
        }
        XCTAssertEqual(reply, .simpleString("PONG"))
        XCTAssertEqual(try c.send(["DBSIZE"]), .integer(20_000))
        XCTAssertEqual(try c.send(["GET", "key:19999"]), .bulkString(Array("value:19999".utf8)))
        XCTAssertEqual(try PersistenceData.info(c)["loading"], "0")
        XCTAssertNil(try PersistenceData.info(c)["loading_total_bytes"])
        let output = text(log)
        let loaded = try XCTUnwrap(output.range(of: "DB loaded from disk: "), output)
        let ready = try XCTUnwrap(output.range(of: "Ready to accept connections"), output)
        XCTAssertLessThan(loaded.lowerBound, ready.lowerBound)
    }

    func testAnAppendOnlyFileIsReplayedWhileClientsGetLoading() throws {
        // An AOF whose incr file holds 20,000 SETs (and a base in command form), written by strata-server itself.
        let writer = try ServerProcess.strata(["--appendonly", "yes", "--aof-use-rdb-preamble", "no"])
        let w = try writer.connect()
        _ = try w.send(["SET", "in-base", "1"])
        try AppendOnlyFiles.rewrite(w)
        for chunk in stride(from: 0, to: 20_000, by: 1000) {
            _ = try w.pipeline((chunk..<chunk + 1000).map { ["SET", "key:\($0)", "value:\($0)"] })
        }
        XCTAssertEqual(writer.stop(), 0)
        let directory = try ServerProcess.makeTemporaryDirectory()
        try FileManager.default.removeItem(at: directory)
        try FileManager.default.copyItem(at: writer.directory, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }

        let (process, c, log) = try startLoading(directory, ["--appendonly", "yes"])
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        XCTAssertEqual(try c.send(["GET", "key:1"]), Self.loadingRefusal)
        let info = try PersistenceData.info(c)
        XCTAssertEqual(info["loading"], "1")
        XCTAssertLessThan(Int(info["loading_loaded_bytes"] ?? "") ?? .max, Int(info["loading_total_bytes"] ?? "") ?? 0)
        let deadline = Deadline(seconds: 60)
        var reply = try c.send(["PING"])
        while reply == Self.loadingRefusal, !deadline.hasPassed {
            usleep(50_000)
            reply = try c.send(["PING"])
        }
        XCTAssertEqual(reply, .simpleString("PONG"))
        XCTAssertEqual(try c.send(["DBSIZE"]), .integer(20_001))
        XCTAssertEqual(try c.send(["GET", "key:19999"]), .bulkString(Array("value:19999".utf8)))
        XCTAssertEqual(try PersistenceData.info(c)["loading"], "0")
        let output = text(log)
        XCTAssertTrue(output.contains("DB loaded from append only file"), output)
        // Writes after the load go to the same files.
        _ = try c.send(["SET", "after", "1"])
        XCTAssertEqual(try PersistenceData.info(c)["aof_enabled"], "1")
    }

    func testSigtermDuringTheLoadExitsWithoutSavingOverTheDump() throws {
        let (directory, _) = try populatedDump(keys: 20_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("dump.rdb")
        let before = try Data(contentsOf: dump)
        // With save rules a SIGTERM normally saves: not while the dataset is still loading.
        let (process, c, log) = try startLoading(directory, ["--save", "1", "1"])
        XCTAssertEqual(try c.send(["GET", "key:1"]), Self.loadingRefusal)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text(log))
        XCTAssertEqual(try Data(contentsOf: dump), before)
        XCTAssertFalse(text(log).contains("Saving the final RDB snapshot"), text(log))
    }

    func testAChecksumErrorFoundAtTheEndOfALongLoadStopsTheServerWithoutServingIt() throws {
        let (directory, _) = try populatedDump(keys: 20_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = directory.appendingPathComponent("dump.rdb")
        var bytes = try Data(contentsOf: dump)
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: dump)
        let (process, c, log) = try startLoading(directory, [])
        XCTAssertEqual(try c.send(["GET", "key:1"]), Self.loadingRefusal)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        let output = text(log)
        XCTAssertTrue(output.contains("Fatal error loading the DB dump.rdb at offset "), output)
        XCTAssertFalse(output.contains("Ready to accept connections"), output)
    }

    func testShutdownDuringABackgroundSaveLeavesNoTemporaryFile() throws {
        let (directory, _) = try populatedDump(keys: 100_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let strata = try ServerProcess.strata(["--dir", directory.path])
        let c = try strata.connect()
        XCTAssertEqual(try c.send(["DBSIZE"]), .integer(100_000))
        // Pipelined, so the save is surely still running when SHUTDOWN comes.
        try c.sendRaw("BGSAVE\r\nSHUTDOWN NOSAVE\r\n")
        XCTAssertTrue(strata.waitForExit(timeout: 10))
        XCTAssertTrue(strata.log.contains("Background saving started"), strata.log)
        XCTAssertTrue(strata.log.contains("There is a child saving an .rdb. Killing it!"), strata.log)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("temp-") }
        XCTAssertEqual(left, [])
    }
}
