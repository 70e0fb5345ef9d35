import Foundation
import RDB
import RESP
@testable import StrataCore
import XCTest

/// The startup load read a slice at a time: what clients get meanwhile, what INFO reports, and that the data
/// appears only once the whole file is verified.
final class LoadingStateTests: XCTestCase {
    private var directory: URL!
    private var previousDirectory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-loading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        previousDirectory = FileManager.default.currentDirectoryPath
        // `dbfilename` is a base name, relative to the working directory, as in Redis.
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
    }

    override func tearDownWithError() throws {
        FileManager.default.changeCurrentDirectoryPath(previousDirectory)
        try? FileManager.default.removeItem(at: directory)
    }

    private var dumpURL: URL { directory.appendingPathComponent("dump.rdb") }

    /// Saves `count` string keys (plus a hash) to dump.rdb, big enough to need many 1 KB slices.
    private func writeDump(keys count: Int = 2000) throws {
        let h = EngineHarness()
        for i in 0..<count { h.run("SET", "key:\(i)", "value-\(i)") }
        h.run("HSET", "hash", "f", "v")
        try h.engine.saveSnapshot(to: "dump.rdb")
    }

    /// A fresh engine that has begun loading dump.rdb in 1 KB slices.
    private func loadingHarness() -> EngineHarness {
        let h = EngineHarness([("loading-process-events-interval-bytes", "1024"), ("enable-debug-command", "yes")])
        XCTAssertEqual(h.engine.beginStartupLoad(), .loading)
        XCTAssertEqual(h.engine.continueStartupLoad(), .loading)
        return h
    }

    private func finish(_ h: EngineHarness) -> StartupLoadStep {
        var step = StartupLoadStep.loading
        var slices = 0
        while step == .loading {
            step = h.engine.continueStartupLoad()
            slices += 1
        }
        XCTAssertGreaterThan(slices, 5)
        return step
    }

    private func infoFields(_ h: EngineHarness) -> [String: String] {
        var fields: [String: String] = [:]
        for line in h.engine.infoText(["persistence"]).split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }

    func testCommandsWithoutTheLoadingFlagAreRefusedUntilTheWholeFileIsIn() throws {
        try writeDump()
        let h = loadingHarness()
        let refusal = RESPValue.error("LOADING Redis is loading the dataset in memory")
        XCTAssertEqual(h.run("GET", "key:1"), refusal)
        XCTAssertEqual(h.run("PING"), refusal)
        XCTAssertEqual(h.run("DBSIZE"), refusal)
        XCTAssertEqual(h.run("SET", "k", "v"), refusal)
        XCTAssertEqual(h.run("BGSAVE"), refusal)
        XCTAssertEqual(h.run("ECHO", "x"), .bulk("x"))
        XCTAssertEqual(h.run("SELECT", "0"), .simpleString("OK"))
        XCTAssertEqual(h.run("CONFIG", "GET", "dbfilename"), .bulks("dbfilename", "dump.rdb"))
        XCTAssertEqual(h.engine.databases[0].count, 0, "nothing is visible before the end")
        XCTAssertTrue(h.engine.isLoading)
        XCTAssertEqual(finish(h), .done)
        XCTAssertFalse(h.engine.isLoading)
        XCTAssertEqual(h.run("PING"), .simpleString("PONG"))
        XCTAssertEqual(h.run("DBSIZE"), .integer(2001))
        XCTAssertEqual(h.run("GET", "key:1999"), .bulk("value-1999"))
    }

    func testACommandRefusedWhileLoadingDoomsTheTransaction() throws {
        try writeDump()
        let h = loadingHarness()
        XCTAssertEqual(h.run("MULTI"), .simpleString("OK"))
        XCTAssertEqual(h.run("GET", "key:1"), .error("LOADING Redis is loading the dataset in memory"))
        XCTAssertEqual(h.run("EXEC"), .error("EXECABORT Transaction discarded because of previous errors."))
    }

    func testInfoPersistenceReportsTheProgressWhileLoading() throws {
        try writeDump()
        let h = loadingHarness()
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: dumpURL.path)[.size] as? Int)
        var info = infoFields(h)
        XCTAssertEqual(info["loading"], "1")
        XCTAssertEqual(info["async_loading"], "0")
        XCTAssertEqual(info["loading_total_bytes"], String(size))
        let loaded = try XCTUnwrap(info["loading_loaded_bytes"].flatMap(Int.init))
        XCTAssertGreaterThan(loaded, 1024)
        XCTAssertLessThan(loaded, size)
        XCTAssertEqual(info["loading_loaded_perc"], String(format: "%.2f", Double(loaded) / Double(size) * 100))
        XCTAssertNotEqual(info["loading_rdb_used_mem"], "0")
        XCTAssertEqual(info["loading_start_time"], String(Engine.clockMillis() / 1000))
        XCTAssertEqual(info["loading_eta_seconds"], "1", "within the first second Redis shows a fake 1")
        XCTAssertGreaterThan(Int(info["rdb_last_load_keys_loaded"] ?? "") ?? 0, 0, "keys read so far")
        // The loading fields close the section, after the AOF and module ones, as in Redis 7.0.
        let names = h.engine.infoText(["persistence"]).split(separator: "\r\n").map { $0.split(separator: ":")[0] }
        XCTAssertEqual(names.suffix(7).map(String.init),
                       ["module_fork_last_cow_size", "loading_start_time", "loading_total_bytes", "loading_rdb_used_mem",
                        "loading_loaded_bytes", "loading_loaded_perc", "loading_eta_seconds"])
        XCTAssertEqual(finish(h), .done)
        info = infoFields(h)
        XCTAssertEqual(info["loading"], "0")
        XCTAssertNil(info["loading_total_bytes"])
        XCTAssertEqual(info["rdb_last_load_keys_loaded"], "2001")
    }

    func testACorruptFileFailsTheLoadWithoutServingAnyOfIt() throws {
        try writeDump()
        var bytes = try Data(contentsOf: dumpURL)
        bytes[bytes.count - 20] ^= 0xFF
        try bytes.write(to: dumpURL)
        let h = loadingHarness()
        XCTAssertEqual(finish(h), .failed)
        XCTAssertFalse(h.engine.isLoading)
        XCTAssertEqual(h.engine.databases[0].count, 0)
    }

    func testAMissingFileIsAnEmptyDatasetAndAnUnreadableHeaderFailsAtOnce() throws {
        let h = EngineHarness()
        XCTAssertEqual(h.engine.beginStartupLoad(), .done)
        XCTAssertFalse(h.engine.isLoading)
        try Data("NOTREDIS".utf8).write(to: dumpURL)
        XCTAssertEqual(h.engine.beginStartupLoad(), .failed)
        XCTAssertFalse(h.engine.isLoading)
    }

    func testShutdownAndDebugReloadNeverOverwriteTheFileBeingLoaded() throws {
        try writeDump()
        let before = try Data(contentsOf: dumpURL)
        let h = loadingHarness()
        var options = ShutdownOptions()
        options.save = .save
        XCTAssertTrue(h.engine.saveBeforeShutdown(options))
        XCTAssertEqual(h.run("DEBUG", "RELOAD"), .error("LOADING Redis is loading the dataset in memory"))
        XCTAssertEqual(try Data(contentsOf: dumpURL), before)
    }

    func testShutdownCallsOffABackgroundSaveAndRemovesItsTemporaryFile() throws {
        let h = EngineHarness()
        h.run("SET", "k", "v")
        let cancellation = SaveCancellation()
        let writer = try XCTUnwrap(try cancellation.openUnlessCancelled {
            () throws(FileError) in try RDBFileWriter(path: "dump.rdb", temporaryName: "temp-bg.rdb", compression: true, checksum: true)
        })
        h.engine.persistence.backgroundSaveCancellation = cancellation
        h.engine.persistence.backgroundSaveStartedAt = Engine.clockMillis()
        XCTAssertTrue(FileManager.default.fileExists(atPath: writer.temporaryPath))
        XCTAssertTrue(h.engine.saveBeforeShutdown(ShutdownOptions()))
        XCTAssertFalse(FileManager.default.fileExists(atPath: writer.temporaryPath))
        XCTAssertNil(try cancellation.openUnlessCancelled {
            () throws(FileError) in try RDBFileWriter(path: "dump.rdb", temporaryName: "temp-bg2.rdb", compression: true, checksum: true)
        }, "a cancelled save never creates its file afterwards")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }
}
