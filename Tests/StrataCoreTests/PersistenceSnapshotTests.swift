import Foundation
import RDB
import RESP
@testable import StrataCore
import XCTest

/// Saving the keyspace to an RDB file and loading it back.
final class PersistenceSnapshotTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-persist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var path: String { directory.appendingPathComponent("dump.rdb").path }

    /// A harness holding one key of every type and encoding, some with a TTL, in databases 0 and 3.
    private func populated(_ settings: [(String, String)] = []) -> EngineHarness {
        let h = EngineHarness(settings)
        h.run("SET", "int", "-7")
        h.run("SET", "str", "hello")
        h.run("SET", "long", String(repeating: "abc", count: 50))
        h.run("SET", "ttl", "v", "EX", "1000")
        h.run("HSET", "hash", "f", "v", "g", "w")
        h.run("HSET", "bighash", "f", String(repeating: "v", count: 80))
        h.run("SADD", "ints", "5", "-3", "100000")
        h.run("SADD", "words", "x", "y")
        h.run("ZADD", "zs", "1.5", "a", "-2", "b")
        h.run("ZADD", "bigzs", "1", String(repeating: "m", count: 80))
        h.run("XADD", "st", "5-1", "a", "1")
        h.run("XGROUP", "CREATE", "st", "g", "0")
        h.run("XREADGROUP", "GROUP", "g", "c", "STREAMS", "st", ">")
        h.run("SELECT", "3")
        h.run("SET", "other", "db3")
        h.run("SELECT", "0")
        return h
    }

    /// Every key of every database, with its DUMP, encoding and absolute expiry.
    private func contents(_ h: EngineHarness) -> [String] {
        var lines: [String] = []
        for db in h.engine.databases {
            for (key, entry) in db.entries {
                let (value, layout) = entry.value.rdbForm()
                lines.append("\(db.index) \(key.bytes.text) \(entry.value.encodingName) \(entry.expireAt) "
                             + "\(DumpPayload.encode(value, layout: layout))")
            }
        }
        return lines.sorted()
    }

    func testSaveThenLoadRestoresEveryKeyEncodingAndExpiry() throws {
        let h = populated()
        try h.engine.saveSnapshot(to: path)
        let loaded = EngineHarness()
        let report = try loaded.engine.loadSnapshot(from: path)
        XCTAssertEqual(report.keysLoaded, 12)
        XCTAssertEqual(report.keysExpired, 0)
        XCTAssertEqual(report.aux["redis-ver"], "7.0.15")
        XCTAssertEqual(contents(loaded), contents(h))
        XCTAssertEqual(loaded.engine.databases[0].expiringCount, 1)
        XCTAssertEqual(loaded.run("XPENDING", "st", "g"), h.run("XPENDING", "st", "g"))
    }

    func testSaveResetsTheDirtyCounterAndMovesLastSave() throws {
        let h = populated()
        XCTAssertGreaterThan(h.engine.dirty, 0)
        try h.engine.saveSnapshot(to: path)
        XCTAssertEqual(h.engine.dirty, 0)
        XCTAssertEqual(h.run("LASTSAVE"), .integer(Int64(Engine.clockMillis() / 1000)))
    }

    func testTheFileStartsWithRedis7AuxFieldsAndOneDatabaseSectionPerNonEmptyDatabase() throws {
        try populated().engine.saveSnapshot(to: path)
        var decoder = RDBDecoder(try FileInput(path: path))
        try decoder.readHeader()
        XCTAssertEqual(decoder.version, 10)
        var aux: [String] = [], sections: [RDBDecoder.Record] = []
        while true {
            let record = try decoder.next()
            switch record {
            case .aux(let key, _): aux.append(key.text)
            case .selectDB, .resizeDB: sections.append(record)
            case .end: break
            default: continue
            }
            if record == .end { break }
        }
        XCTAssertEqual(aux, ["redis-ver", "redis-bits", "ctime", "used-mem", "aof-base"])
        XCTAssertEqual(sections, [.selectDB(0), .resizeDB(keys: 11, expires: 1), .selectDB(3), .resizeDB(keys: 1, expires: 0)])
    }

    func testKeysExpiredByLoadTimeAreSkippedAndCounted() throws {
        let h = populated()
        h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        h.run("SET", "brief", "v", "PX", "1")
        usleep(5_000)
        try h.engine.saveSnapshot(to: path)
        let loaded = EngineHarness()
        let report = try loaded.engine.loadSnapshot(from: path)
        XCTAssertEqual(report.keysExpired, 1)
        XCTAssertEqual(loaded.engine.persistence.lastLoadKeysExpired, 1)
        XCTAssertEqual(loaded.engine.persistence.lastLoadKeysLoaded, 12)
        XCTAssertNil(loaded.engine.databases[0].peek(Bytes("brief")))
    }

    func testATruncatedOrCorruptFileChangesNothingAndNamesTheOffset() throws {
        try populated().engine.saveSnapshot(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let h = EngineHarness()
        h.run("SET", "keep", "me")
        try bytes.prefix(bytes.count - 30).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try h.engine.loadSnapshot(from: path)) { error in
            XCTAssertTrue("\(error)".contains("at byte"), "\(error)")
        }
        var flipped = bytes
        flipped[flipped.count - 20] ^= 0xFF
        try flipped.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try h.engine.loadSnapshot(from: path))
        XCTAssertEqual(h.run("GET", "keep"), .bulk("me"))
        XCTAssertEqual(h.run("DBSIZE"), .integer(1))
    }

    func testAFileWithMoreDatabasesThanConfiguredIsRefused() throws {
        try populated().engine.saveSnapshot(to: path)
        let h = EngineHarness([("databases", "2")])
        XCTAssertThrowsError(try h.engine.loadSnapshot(from: path)) { error in
            XCTAssertTrue("\(error)".contains("more than 2 databases"), "\(error)")
        }
    }

    func testLoadingReplacesTheWholeKeyspaceAndMergingKeepsOtherKeys() throws {
        try populated().engine.saveSnapshot(to: path)
        let h = EngineHarness()
        h.run("SET", "str", "mine")
        h.run("SET", "extra", "x")
        try h.engine.loadSnapshot(from: path, merge: true)
        XCTAssertEqual(h.run("GET", "str"), .bulk("hello"))
        XCTAssertEqual(h.run("GET", "extra"), .bulk("x"))
        try h.engine.loadSnapshot(from: path)
        XCTAssertEqual(h.run("EXISTS", "extra"), .integer(0))
        XCTAssertEqual(h.run("DBSIZE"), .integer(11))
    }

    func testIdleTimeIsSavedUnderLRUAndFrequencyUnderLFU() throws {
        let lru = populated([("maxmemory-policy", "allkeys-lru")])
        lru.engine.databases[0].touch(Bytes("str"), access: Engine.lruClock(at: Engine.clockMillis() - 500_000))
        try lru.engine.saveSnapshot(to: path)
        let loaded = EngineHarness([("maxmemory-policy", "allkeys-lru")])
        try loaded.engine.loadSnapshot(from: path)
        guard case .integer(let idle) = loaded.run("OBJECT", "IDLETIME", "str") else { return XCTFail("no idle time") }
        XCTAssertTrue((499...501).contains(idle), "\(idle)")

        let lfu = populated([("maxmemory-policy", "allkeys-lfu")])
        lfu.engine.databases[0].touch(Bytes("str"), access: Engine.lfuMinutes(at: Engine.clockMillis()) << 8 | 99)
        try lfu.engine.saveSnapshot(to: path)
        let loadedLFU = EngineHarness([("maxmemory-policy", "allkeys-lfu")])
        try loadedLFU.engine.loadSnapshot(from: path)
        XCTAssertEqual(loadedLFU.run("OBJECT", "FREQ", "str"), .integer(99))
    }

    func testBackgroundSaveWritesTheKeyspaceAsItWasWhenItStarted() throws {
        let h = populated()
        for i in 0..<2000 { h.run("HSET", "big", "f\(i)", String(repeating: "v", count: i % 90)) }
        let host = RecordingHost()
        h.engine.host = host
        let before = contents(h)
        XCTAssertTrue(h.engine.startBackgroundSave(to: path))
        XCTAssertFalse(h.engine.startBackgroundSave(to: path), "a second background save while one runs")
        // Writes made while the file is being written must not reach it.
        h.run("SET", "str", "changed")
        h.run("HSET", "hash", "f", "changed")
        h.run("HSET", "big", "f1", "changed")
        h.run("DEL", "zs")
        h.run("SADD", "ints", "99")
        XCTAssertTrue(h.engine.infoText(["persistence"]).contains("rdb_bgsave_in_progress:1"))
        let deadline = Date().addingTimeInterval(10)
        var finished: [() -> Void] = []
        while finished.isEmpty && Date() < deadline {
            usleep(1_000)
            finished = host.takeScheduled()
        }
        finished.forEach { $0() }
        XCTAssertNil(h.engine.persistence.backgroundSaveStartedAt)
        XCTAssertTrue(h.engine.persistence.lastBackgroundSaveOK)
        XCTAssertEqual(h.engine.dirty, 5, "writes made during the save stay unsaved")
        let loaded = EngineHarness()
        try loaded.engine.loadSnapshot(from: path)
        XCTAssertEqual(contents(loaded), before)
        XCTAssertEqual(h.run("GET", "str"), .bulk("changed"))
    }

    func testACancelledSaveLeavesTheFileAsItWasAndNoTemporaryFile() throws {
        let h = populated()
        try h.engine.saveSnapshot(to: path)
        let saved = try Data(contentsOf: URL(fileURLWithPath: path))
        h.run("SET", "str", "newer")
        let cancellation = SaveCancellation()
        cancellation.cancel()
        XCTAssertThrowsError(try h.engine.takeSnapshot(now: Engine.clockMillis())
            .write(to: path, temporaryName: "temp-test.rdb", cancellation: cancellation)) { error in
            XCTAssertEqual(error as? FileError, SaveCancellation.error)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), saved)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["dump.rdb"])
    }

    func testBackgroundSaveWithoutAHostWritesInlineAndRecordsTheOutcome() throws {
        let h = populated()
        XCTAssertTrue(h.engine.startBackgroundSave(to: path))
        XCTAssertNil(h.engine.persistence.backgroundSaveStartedAt)
        XCTAssertEqual(h.engine.persistence.saves, 1)
        XCTAssertEqual(h.engine.dirty, 0)
        let loaded = EngineHarness()
        try loaded.engine.loadSnapshot(from: path)
        XCTAssertEqual(contents(loaded), contents(h))
        XCTAssertFalse(h.engine.startBackgroundSave(to: "/nonexistent-dir/dump.rdb") && h.engine.persistence.lastBackgroundSaveOK)
        XCTAssertTrue(h.engine.infoText(["persistence"]).contains("rdb_last_bgsave_status:err"))
    }
}

/// An engine host that only collects what the engine schedules back onto its thread (from any thread).
private final class RecordingHost: EngineHost {
    let tcpPort = 0
    let executablePath = ""
    private let lock = NSLock()
    private var scheduled: [() -> Void] = []

    func shutdown(_ options: ShutdownOptions) -> String? { nil }

    func schedule(atMillis: Int64, _ body: @escaping () -> Void) {
        lock.lock()
        scheduled.append(body)
        lock.unlock()
    }

    func takeScheduled() -> [() -> Void] {
        lock.lock()
        defer { scheduled = []; lock.unlock() }
        return scheduled
    }
}
