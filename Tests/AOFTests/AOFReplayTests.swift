import AOF
import Foundation
import RDB
import XCTest

/// Collects what a replay delivers.
struct RecordingHandler: AOFReplayHandler {
    var files: [String] = []
    var rdbEntries = 0
    var commands: [[String]] = []

    mutating func beginFile(_ entry: AOFManifest.Entry, path: String, size: Int) throws { files.append(entry.name) }

    mutating func rdbRecord(_ record: RDBDecoder.Record) throws {
        if case .entry = record { rdbEntries += 1 }
    }

    mutating func command(_ command: AOFCommand) throws {
        commands.append(command.args.map { String(decoding: $0, as: UTF8.self) })
    }
}

final class AOFReplayTests: XCTestCase {
    /// A copy of Fixtures/aof/<name>/appendonlydir inside a fresh directory; returns (server dir, aof dir).
    func fixtureCopy(_ name: String) throws -> (String, String) {
        let dir = try scratchDirectory()
        try FileManager.default.copyItem(atPath: Self.repositoryRoot.appendingPathComponent("Fixtures/aof/\(name)/appendonlydir").path,
                                         toPath: dir + "/appendonlydir")
        return (dir, dir + "/appendonlydir")
    }

    func manifest(_ aof: String) throws -> AOFManifest { try AOFManifest.parse(try contents(aof + "/appendonly.aof.manifest")) }

    func testReplaysBaseThenIncrFiles() throws {
        let (_, aof) = try fixtureCopy("preamble")
        var handler = RecordingHandler()
        XCTAssertEqual(try AOFReplay.run(directory: aof, manifest: try manifest(aof), handler: &handler), .complete)
        XCTAssertEqual(handler.files, ["appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof"])
        XCTAssertEqual(handler.rdbEntries, 4)
        XCTAssertEqual(handler.commands.count, 12)
    }

    /// redis-server 7.0.15 with aof-load-truncated (its default) cuts a truncated last file at the same offset
    /// the replay reports.
    func testTruncatedLastFileEndsWhereRedisCutsIt() throws {
        let (dir, aof) = try fixtureCopy("plain")
        let incr = aof + "/appendonly.aof.2.incr.aof"
        let bytes = try contents(incr)
        try write(Array(bytes.dropLast(7)), to: incr)
        var handler = RecordingHandler()
        let end = try AOFReplay.run(directory: aof, manifest: try manifest(aof), handler: &handler)
        guard case .truncated(let file, _, let validUpTo, let size) = end else { return XCTFail("\(end)") }
        XCTAssertEqual(file, "appendonly.aof.2.incr.aof")
        XCTAssertEqual(size, bytes.count - 7)
        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
            XCTAssertNotNil(port, (try? String(contentsOfFile: log)) ?? "")
            XCTAssertTrue(try String(contentsOfFile: log).contains("Truncating the AOF appendonly.aof.2.incr.aof at offset \(validUpTo)"))
        }
        XCTAssertEqual(AOFDirectory.size(of: incr), validUpTo)
    }

    /// A last file ending inside MULTI is cut before the MULTI — where redis-server reverts it.
    func testOpenTransactionAtTheEndIsRevertedLikeRedis() throws {
        let (dir, aof) = try fixtureCopy("plain")
        let incr = aof + "/appendonly.aof.2.incr.aof"
        let before = try contents(incr)
        try write(before + resp([["MULTI"], ["SET", "half", "done"]]), to: incr)
        var handler = RecordingHandler()
        let end = try AOFReplay.run(directory: aof, manifest: try manifest(aof), handler: &handler)
        XCTAssertEqual(end, .truncated(file: "appendonly.aof.2.incr.aof", path: incr, validUpTo: before.count,
                                       size: before.count + resp([["MULTI"], ["SET", "half", "done"]]).count))
        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
            let port = try XCTUnwrap(port, (try? String(contentsOfFile: log)) ?? "")
            XCTAssertEqual(try redisCLI(port, ["exists", "half"]), "0\n")
            XCTAssertTrue(try String(contentsOfFile: log).contains("Revert incomplete MULTI/EXEC transaction"))
        }
        XCTAssertEqual(AOFDirectory.size(of: incr), before.count)
    }

    /// A truncated file that is not the last one, or a missing file, is fatal, as redis-server refuses to start
    /// (after cutting the file at the same offset, a quirk of 7.0).
    func testTruncatedMiddleFileAndMissingFileAreFatal() throws {
        let (dir, aof) = try fixtureCopy("plain")
        let base = aof + "/appendonly.aof.2.base.aof"
        try write(Array(try contents(base).dropLast(3)), to: base)
        var handler = RecordingHandler()
        var offset = -1
        XCTAssertThrowsError(try AOFReplay.run(directory: aof, manifest: try manifest(aof), handler: &handler)) { error in
            XCTAssertEqual((error as? AOFError)?.kind, .truncated)
            XCTAssertEqual((error as? AOFError)?.file, "appendonly.aof.2.base.aof")
            offset = (error as? AOFError)?.offset ?? -1
        }
        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
            XCTAssertNil(port)
            XCTAssertTrue(try String(contentsOfFile: log).contains("the truncated file is not the last file"))
        }
        XCTAssertEqual(AOFDirectory.size(of: base), offset)
        try FileManager.default.removeItem(atPath: aof + "/appendonly.aof.2.incr.aof")
        XCTAssertThrowsError(try AOFReplay.run(directory: aof, manifest: try manifest(aof), handler: &handler)) { error in
            XCTAssertEqual((error as? AOFError)?.kind, .missing)
            XCTAssertEqual((error as? AOFError)?.file, "appendonly.aof.2.incr.aof")
        }
    }

    /// A Redis 6 single AOF next to the server is moved into the directory with the manifest redis-server
    /// 7.0.15 writes for the same upgrade.
    func testLegacySingleFileIsUpgradedAsRedisDoes() throws {
        let legacy = resp([["SELECT", "0"], ["SET", "old", "style"]])
        let ours = try scratchDirectory(), theirs = try scratchDirectory()
        for dir in [ours, theirs] { try write(legacy, to: dir + "/appendonly.aof") }
        let names = AOFFileNames()
        XCTAssertTrue(try AOFDirectory.upgradeLegacyFile(ours + "/appendonly.aof", into: ours + "/appendonlydir", names: names))
        XCTAssertFalse(try AOFDirectory.upgradeLegacyFile(ours + "/appendonly.aof", into: ours + "/appendonlydir", names: names))
        try withRedisServer(dir: theirs, ["--appendonly", "yes"]) { port, _ in
            XCTAssertEqual(try redisCLI(try XCTUnwrap(port), ["get", "old"]), "style\n")
        }
        XCTAssertEqual(try files(in: ours), ["appendonlydir"])
        XCTAssertEqual(try contents(ours + "/appendonlydir/appendonly.aof"), legacy)
        let redisManifest = try AOFManifest.parse(try contents(theirs + "/appendonlydir/appendonly.aof.manifest"))
        var handler = RecordingHandler()
        let upgraded = try manifest(ours + "/appendonlydir")
        XCTAssertEqual(upgraded.base, redisManifest.base)
        XCTAssertEqual(try AOFReplay.run(directory: ours + "/appendonlydir", manifest: upgraded, handler: &handler), .complete)
        XCTAssertEqual(handler.commands, [["SELECT", "0"], ["SET", "old", "style"]])
    }
}
