import RESP
@testable import StrataCore
import XCTest

/// What RESTORE writes to the command log: a relative TTL as the absolute expiry it gave (ABSTTL appended, the
/// other options kept); an already expired payload as nothing, or as the deletion REPLACE made. Saving (SAVE,
/// DEBUG RELOAD, SHUTDOWN) resets the change count but logs nothing.
final class PersistenceEffectTests: XCTestCase {
    private func payload(_ h: EngineHarness, _ key: String) -> [UInt8] {
        guard case .bulkString(let b?)? = h.run("DUMP", key) else { XCTFail("no payload"); return [] }
        return b
    }

    /// A DUMP payload of a small hash, taken from another engine.
    private func hashPayload() -> [UInt8] {
        let source = EngineHarness()
        _ = source.run("HSET", "h", "f", "v", "g", "w")
        return payload(source, "h")
    }

    private func run(_ h: EngineHarness, _ words: [String], payload: [UInt8]) -> RESPValue? {
        h.run([Bytes(words[0]), Bytes(words[1]), Bytes(words[2]), payload] + words.dropFirst(3).map { Bytes($0) })
    }

    func testRestoreWithARelativeTTLIsLoggedWithTheAbsoluteExpiryAndAbsttl() {
        let h = EngineHarness()
        let p = hashPayload()
        h.recordEffects()
        XCTAssertEqual(run(h, ["RESTORE", "a", "100000"], payload: p), .simpleString("OK"))
        XCTAssertEqual(run(h, ["RESTORE", "a", "5000", "REPLACE", "IDLETIME", "10"], payload: p), .simpleString("OK"))
        XCTAssertEqual(run(h, ["RESTORE", "b", "0"], payload: p), .simpleString("OK"))
        let at = h.absoluteExpiry(of: "a")
        XCTAssertEqual(run(h, ["RESTORE", "c", at, "ABSTTL"], payload: p), .simpleString("OK"))
        let log = h.loggedEffects()
        XCTAssertEqual(log.count, 5)
        XCTAssertEqual(log[1].count, 5)
        XCTAssertEqual(Array(log[1][0...1]), ["RESTORE", "a"])
        XCTAssertEqual(log[1][4], "ABSTTL")
        XCTAssertEqual(log[2][2], at)
        XCTAssertEqual(Array(log[2][4...]), ["REPLACE", "IDLETIME", "10", "ABSTTL"])
        XCTAssertEqual(Array(log[3][0...2]), ["RESTORE", "b", "0"])
        XCTAssertEqual(log[3].count, 4)
        XCTAssertEqual(Array(log[4][0...2]) + [log[4][4]], ["RESTORE", "c", at, "ABSTTL"])
    }

    func testRestoringAnExpiredPayloadLogsNothingOrTheDeletionReplaceMade() {
        let h = EngineHarness()
        let p = hashPayload()
        _ = h.run("SET", "old", "v")
        h.recordEffects()
        XCTAssertEqual(run(h, ["RESTORE", "new", "1", "ABSTTL"], payload: p), .simpleString("OK"))
        XCTAssertEqual(run(h, ["RESTORE", "old", "1", "ABSTTL", "REPLACE"], payload: p), .simpleString("OK"))
        XCTAssertEqual(run(h, ["RESTORE", "bad", "0"], payload: [1, 2, 3]), .error("ERR DUMP payload version or checksum are wrong"))
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["DEL", "old"]])
        XCTAssertEqual(h.run("EXISTS", "new", "old"), .integer(0))
        let lazy = EngineHarness([("lazyfree-lazy-server-del", "yes")])
        _ = lazy.run("SET", "old", "v")
        lazy.recordEffects()
        _ = run(lazy, ["RESTORE", "old", "1", "ABSTTL", "REPLACE"], payload: p)
        XCTAssertEqual(lazy.loggedEffects(), [["SELECT", "0"], ["DEL", "old"]], "always DEL in Redis 7.0")
    }

    func testReplayingRestoresWithTTLsReproducesTheDataset() {
        let h = EngineHarness()
        let p = hashPayload()
        h.recordEffects()
        _ = run(h, ["RESTORE", "a", "100000"], payload: p)
        _ = run(h, ["RESTORE", "b", "0"], payload: p)
        _ = run(h, ["RESTORE", "a", "3000000", "REPLACE", "FREQ", "5"], payload: p)
        _ = h.run("SET", "s", "v", "EX", "100")
        _ = run(h, ["RESTORE", "s2", "7000"], payload: payload(h, "s"))
        h.assertLogReplaysToSameDataset()
    }

    func testSaveAndDebugReloadLogNothing() throws {
        let directory = try ScratchDataDirectory()
        defer { directory.remove() }
        let h = EngineHarness([("dir", directory.path), ("enable-debug-command", "yes")])
        _ = h.run("SET", "a", "1")
        h.recordEffects()
        XCTAssertEqual(h.run("SAVE"), .simpleString("OK"))
        _ = h.run("SET", "b", "2")
        XCTAssertEqual(h.run("DEBUG", "RELOAD"), .simpleString("OK"))
        _ = h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SET", "b", "2"]])
    }

    func testShutdownSavingTheDatasetLogsNothing() throws {
        let directory = try ScratchDataDirectory()
        defer { directory.remove() }
        let h = EngineHarness([("dir", directory.path)])
        let host = SavingHost(h.engine)
        h.engine.host = host
        _ = h.run("SET", "a", "1")
        h.recordEffects()
        _ = h.run("SHUTDOWN", "SAVE")
        XCTAssertEqual(host.shutdowns, 1)
        XCTAssertEqual(h.engine.dirty, 0)
        XCTAssertEqual(h.loggedEffects(), [])
    }
}

/// A host whose SHUTDOWN saves the dataset the way the server's does, then reports success.
private final class SavingHost: EngineHost {
    let tcpPort = 0
    let executablePath = ""
    private unowned let engine: Engine
    private(set) var shutdowns = 0

    init(_ engine: Engine) { self.engine = engine }

    func shutdown(_ options: ShutdownOptions) -> String? {
        shutdowns += 1
        return engine.saveBeforeShutdown(options) ? nil : "ERR Errors trying to SHUTDOWN. Check logs."
    }

    func schedule(atMillis: Int64, _ body: @escaping () -> Void) {}
}
