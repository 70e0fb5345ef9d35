import Foundation
import NIOCore
import RDB
import RESP
@testable import StrataCore
import XCTest

/// Writing a snapshot as the commands that rebuild it (the AOF base without an RDB preamble): the commands are
/// the ones Redis 7.0's rewrite emits, and replaying them rebuilds the same dataset.
final class SnapshotCommandsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var path: String { directory.appendingPathComponent("base.aof").path }

    // MARK: The commands

    func testEachTypeIsWrittenAsTheCommandsRedisWrites() throws {
        // The same data, rewritten by redis-server 7.0.15 with aof-use-rdb-preamble no, gave these commands.
        let h = EngineHarness()
        h.run("SET", "kept", "v")
        h.run("PEXPIREAT", "kept", "4102444800123")
        h.run("SET", "n", "-42")
        h.run("SADD", "si", "3", "1", "2")
        h.run("ZADD", "z", "inf", "a", "-inf", "b", "1.5", "c", "0.1", "d", "3", "e")
        h.run("RPUSH", "l", "1", "2", "abc")
        h.run("HSET", "h", "a", "1", "b", "22")
        h.run("XADD", "s", "1-1", "f", "v")
        h.run("XDEL", "s", "1-1")
        h.run("XGROUP", "CREATE", "s", "g", "0")

        let commands = try written(h)
        XCTAssertEqual(commands.first, ["SELECT", "0"])
        XCTAssertEqual(byKey(commands), [
            "kept": [["SET", "kept", "v"], ["PEXPIREAT", "kept", "4102444800123"]],
            "n": [["SET", "n", "-42"]],
            "si": [["SADD", "si", "1", "2", "3"]],
            "z": [["ZADD", "z", "-inf", "b", "0.10000000000000001", "d", "1.5", "c", "3", "e", "inf", "a"]],
            "l": [["RPUSH", "l", "1", "2", "abc"]],
            "h": [["HMSET", "h", "a", "1", "b", "22"]],
            "s": [["XADD", "s", "MAXLEN", "0", "0-1", "x", "y"],
                  ["XSETID", "s", "1-1", "ENTRIESADDED", "1", "MAXDELETEDID", "1-1"],
                  ["XGROUP", "CREATE", "s", "g", "0-0", "ENTRIESREAD", "-1"]],
        ])
    }

    func testVariadicCommandsCarryAtMost64Elements() throws {
        let h = EngineHarness()
        h.run(["RPUSH", "list"] + (0..<150).map { "e\($0)" })
        h.run(["HSET", "hash"] + (0..<130).flatMap { ["f\($0)", "v"] })
        h.run(["ZADD", "zset"] + (0..<65).flatMap { [String($0), "m\($0)"] })
        h.run(["SADD", "set"] + (0..<64).map { String($0) })

        let commands = byKey(try written(h))
        XCTAssertEqual(commands["list"]?.map(\.count), [66, 66, 24])
        XCTAssertEqual(commands["hash"]?.map(\.count), [130, 130, 6])
        XCTAssertEqual(commands["zset"]?.map(\.count), [130, 4])
        XCTAssertEqual(commands["set"]?.map(\.count), [66])
        XCTAssertEqual(commands["list"]?.flatMap { $0.dropFirst(2) }, (0..<150).map { "e\($0)" })
    }

    func testAStreamsEntriesCountersGroupsConsumersAndPendingEntriesAreWritten() throws {
        // As redis-server 7.0.15 rewrites the same stream.
        let h = EngineHarness()
        h.run("XADD", "st", "1-1", "a", "1")
        h.run("XADD", "st", "2-0", "b", "2", "c", "3")
        h.run("XADD", "st", "3-0", "a", "4")
        h.run("XDEL", "st", "3-0")
        h.run("XGROUP", "CREATE", "st", "grp", "0")
        h.run("XREADGROUP", "GROUP", "grp", "bob", "STREAMS", "st", ">")
        h.run("XCLAIM", "st", "grp", "bob", "0", "2-0", "TIME", "1700000000000", "RETRYCOUNT", "5")
        h.run("XCLAIM", "st", "grp", "bob", "0", "1-1", "TIME", "1700000000001")
        h.run("XGROUP", "CREATECONSUMER", "st", "grp", "alice")
        h.run("XGROUP", "CREATE", "st", "early", "1-1", "ENTRIESREAD", "1")

        XCTAssertEqual(byKey(try written(h))["st"], [
            ["XADD", "st", "1-1", "a", "1"],
            ["XADD", "st", "2-0", "b", "2", "c", "3"],
            ["XSETID", "st", "3-0", "ENTRIESADDED", "3", "MAXDELETEDID", "3-0"],
            ["XGROUP", "CREATE", "st", "early", "1-1", "ENTRIESREAD", "1"],
            ["XGROUP", "CREATE", "st", "grp", "2-0", "ENTRIESREAD", "-1"],
            ["XGROUP", "CREATECONSUMER", "st", "grp", "alice"],
            ["XCLAIM", "st", "grp", "bob", "0", "1-1", "TIME", "1700000000001", "RETRYCOUNT", "2", "JUSTID", "FORCE"],
            ["XCLAIM", "st", "grp", "bob", "0", "2-0", "TIME", "1700000000000", "RETRYCOUNT", "5", "JUSTID", "FORCE"],
        ])
    }

    func testOnlyNonEmptyDatabasesAreSelected() throws {
        let h = EngineHarness()
        h.run("SELECT", "5")
        h.run("SET", "a", "1")
        h.run("SELECT", "2")
        h.run("SET", "b", "1")
        h.run("DEL", "b")
        h.run("SELECT", "1")
        h.run("SET", "c", "1")
        XCTAssertEqual(try written(h).filter { $0[0] == "SELECT" }, [["SELECT", "1"], ["SELECT", "5"]])
    }

    func testKeysAlreadyExpiredAtTheSnapshotAreLeftOut() throws {
        let h = EngineHarness()
        let now = Engine.clockMillis()
        h.run("SET", "soon", "v", "PXAT", String(now + 60_000))
        h.run("SET", "later", "v", "PXAT", String(now + 120_000))
        h.run("SET", "never", "v")
        let keys = try h.engine.takeSnapshot(now: now)
            .writeCommands(to: path, temporaryName: "temp-test.aof", now: now + 60_000)
        XCTAssertEqual(keys, 2)
        XCTAssertEqual(Set(byKey(try readCommands()).keys), ["later", "never"])
    }

    func testTheTimestampAnnotationComesFirst() throws {
        let h = EngineHarness()
        h.run("SET", "a", "1")
        _ = try h.engine.takeSnapshot(now: 1_700_000_000_999)
            .writeCommands(to: path, temporaryName: "temp-test.aof", now: 1_700_000_000_999, timestampAnnotation: true)
        let text = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertTrue(text.starts(with: Array("#TS:1700000000\r\n*2\r\n$6\r\nSELECT\r\n".utf8)))
        XCTAssertEqual(try readCommands(), [["SELECT", "0"], ["SET", "a", "1"]])
    }

    func testACancelledWriteLeavesTheFileAsItWasAndNoTemporaryFile() throws {
        let h = EngineHarness()
        h.run("SET", "a", "1")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        let cancellation = SaveCancellation()
        cancellation.cancel()
        XCTAssertThrowsError(try h.engine.takeSnapshot(now: Engine.clockMillis())
            .writeCommands(to: path, temporaryName: "temp-test.aof", now: Engine.clockMillis(),
                           cancellation: cancellation)) { error in
            XCTAssertEqual(error as? FileError, SaveCancellation.error)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data("previous".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["base.aof"])
    }

    func testAnUnwritableDirectoryThrowsAFileError() {
        let h = EngineHarness()
        h.run("SET", "a", "1")
        XCTAssertThrowsError(try h.engine.takeSnapshot(now: Engine.clockMillis())
            .writeCommands(to: directory.path + "/missing/base.aof", temporaryName: "t.aof", now: Engine.clockMillis())) {
            XCTAssertEqual(($0 as? FileError)?.errno, ENOENT)
        }
    }

    // MARK: Replay

    func testReplayingTheCommandsRebuildsEveryValueEncodingAndExpiry() throws {
        let h = EngineHarness()
        let keys = populate(h)
        let written = try h.engine.takeSnapshot(now: Engine.clockMillis())
            .writeCommands(to: path, temporaryName: "temp-test.aof", now: Engine.clockMillis())
        XCTAssertEqual(written, keys)

        let replica = EngineHarness()
        let feeder = replica.makeClient()
        for command in try readArguments() {
            if case .error(let text) = replica.run(command, as: feeder) {
                XCTFail("replaying \(command.prefix(4).map(\.text)) failed: \(text)")
            }
        }
        assertSameDataset(h, replica)
    }

    func testWritingOnAnotherThreadWhileTheEngineChangesWritesTheSnapshotAsTaken() throws {
        let h = EngineHarness()
        _ = populate(h)
        let now = Engine.clockMillis()
        let snapshot = h.engine.takeSnapshot(now: now)
        let background = path + ".background"
        let done = expectation(description: "written")
        DispatchQueue.global().async {
            do {
                _ = try snapshot.writeCommands(to: background, temporaryName: "temp-bg.aof", now: now)
            } catch {
                XCTFail("writing on another thread failed: \(error)")
            }
            done.fulfill()
        }
        for i in 0..<2000 {
            h.run("RPUSH", "l-big", String(i))
            h.run("HSET", "h-big", "field\(i % 300)", "changed")
            h.run("XADD", "x-main", "*", "f", "new")
            h.run("DEL", "s-raw")
            h.run("SADD", "set-bigints", String(-i))
        }
        wait(for: [done], timeout: 60)
        _ = try snapshot.writeCommands(to: path, temporaryName: "temp-test.aof", now: now)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: background)),
                       try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// One key of every type in compact and expanded encodings, with TTLs, in databases 0, 1 and 5 (about 40
    /// keys); returns the number of keys.
    private func populate(_ h: EngineHarness) -> Int {
        let future = String(Engine.clockMillis() + 3_600_000)
        let long = String(repeating: "0123456789", count: 10)
        h.run("SET", "s-int", "12345")
        h.run("SET", "s-min", String(Int64.min))
        h.run("SET", "s-embstr", "hello")
        h.run("SET", "s-raw", long)
        h.run("SET", "s-empty", "")
        h.run("SET", "s-noncanonical", "-0")
        h.run([Bytes("SET".utf8), Bytes("s-binary".utf8), [0, 13, 10, 255, 36, 42]])
        h.run("SET", "s-huge", String(repeating: "x", count: 3 << 20))
        h.run("APPEND", "s-appended", "ab")
        h.run("SET", "s-ttl", "v", "PXAT", future)
        h.run("RPUSH", "l-small", "a", "1", "-5", "", long)
        h.run(["RPUSH", "l-big"] + (0..<300).map { $0 % 7 == 0 ? long + String($0) : String($0) })
        h.run("HSET", "h-small", "f", "v", "n", "12")
        h.run(["HSET", "h-big"] + (0..<200).flatMap { ["field\($0)", "value\($0)"] })
        h.run("HSET", "h-longvalue", "a", "1", "b", long, "c", "3")
        h.run("SADD", "set-ints", "5", "-3", "100000", String(Int64.max), String(Int64.min))
        h.run("SADD", "set-words", "x", "y", "zz")
        h.run(["SADD", "set-bigints"] + (0..<600).map { String($0 * 3) })
        h.run(["SADD", "set-bigwords"] + (0..<200).map { "w\($0)" })
        h.run("ZADD", "z-small", "inf", "a", "-inf", "b", "0.1", "c", "-0", "d", "1e300", "e", "7", "f")
        h.run(["ZADD", "z-big"] + (0..<200).flatMap { [String(Double($0) / 3), "m\($0)"] })
        h.run("ZADD", "z-longmember", "1", "a", "2", long)
        h.run("PEXPIREAT", "z-big", future)
        h.run("PEXPIREAT", "h-big", future)
        populateStreams(h)
        h.run("PEXPIREAT", "x-main", future)
        h.run("SELECT", "1")
        h.run("SET", "s-int", "7")
        h.run("RPUSH", "l-small", "other")
        h.run("SET", "s-ttl", "v", "PXAT", future)
        h.run("SELECT", "5")
        h.run("SADD", "set-words", "p", "q")
        h.run("XADD", "x-single", "1-0", "f", "v")
        h.run("SELECT", "0")
        return h.engine.databases.reduce(0) { $0 + $1.entries.count }
    }

    /// Streams with deleted entries, several groups (counters known and unknown), consumers with and without
    /// pending entries, pending entries claimed with delivery counts above one; an empty stream with groups; a
    /// stream whose every entry was deleted.
    private func populateStreams(_ h: EngineHarness) {
        for i in 1...300 {
            let fields = i % 5 == 0 ? ["other", "field", "third", String(i)] : ["f", "v\(i)"]
            h.run(["XADD", "x-main", "\(i)-\(i % 3)"] + fields)
        }
        h.run("XGROUP", "CREATE", "x-main", "g1", "150-0")
        h.run("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "10", "STREAMS", "x-main", ">")
        h.run("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "5", "STREAMS", "x-main", ">")
        h.run("XCLAIM", "x-main", "g1", "bob", "0", "151-1", "RETRYCOUNT", "4")
        h.run("XACK", "x-main", "g1", "152-2")
        h.run("XGROUP", "CREATECONSUMER", "x-main", "g1", "carol")
        h.run("XDEL", "x-main", "5-2", "6-0", "100-1", "200-2", "300-0")
        h.run("XGROUP", "CREATE", "x-main", "g2", "0")
        h.run("XREADGROUP", "GROUP", "g2", "dave", "COUNT", "3", "STREAMS", "x-main", ">")
        h.run("XGROUP", "CREATE", "x-main", "g3", "100-0")
        h.run("XGROUP", "CREATE", "x-empty", "g", "$", "MKSTREAM")
        h.run("XGROUP", "CREATECONSUMER", "x-empty", "g", "idle")
        h.run("XADD", "x-alldeleted", "7-7", "a", "b")
        h.run("XDEL", "x-alldeleted", "7-7")
        h.run("XGROUP", "CREATE", "x-alldeleted", "g", "0")
    }

    /// Both engines hold the same keys in every database, each with the same encoding, expiry and value: the
    /// same DUMP payload, or for a stream the same contents, counters, groups and pending entries (consumers'
    /// seen times are not part of the commands, in Redis either).
    private func assertSameDataset(_ a: EngineHarness, _ b: EngineHarness, file: StaticString = #filePath,
                                   line: UInt = #line) {
        for db in a.engine.databases.indices {
            let keys = a.engine.databases[db].entries.map { $0.0.bytes }.sorted { $0.lexicographicallyPrecedes($1) }
            let replayed = b.engine.databases[db].entries.map { $0.0.bytes }.sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(keys.map(\.text), replayed.map(\.text), "keys of db \(db)", file: file, line: line)
            for key in keys {
                guard let x = a.engine.databases[db].peek(key), let y = b.engine.databases[db].peek(key) else { continue }
                let label = "\(key.text) in db \(db)"
                XCTAssertEqual(x.expireAt, y.expireAt, "expiry of \(label)", file: file, line: line)
                XCTAssertEqual(x.value.encodingName, y.value.encodingName, "encoding of \(label)", file: file, line: line)
                if case .stream(let s) = x.value, case .stream(let t) = y.value {
                    XCTAssertEqual(withoutSeenTimes(s), withoutSeenTimes(t), "stream \(label)", file: file, line: line)
                } else {
                    XCTAssertEqual(dump(x.value), dump(y.value), "value of \(label)", file: file, line: line)
                }
            }
        }
    }

    private func dump(_ value: StoredValue) -> [UInt8] {
        let (rdb, layout) = value.rdbForm()
        return DumpPayload.encode(rdb, layout: layout)
    }

    private func withoutSeenTimes(_ s: StreamValue) -> RDBStream {
        var form = s.rdbForm()
        for g in form.groups.indices {
            for c in form.groups[g].consumers.indices {
                form.groups[g].consumers[c].seenTime = 0
                form.groups[g].consumers[c].activeTime = 0
            }
        }
        return form
    }

    // MARK: Helpers

    /// The commands `h`'s snapshot is written as.
    private func written(_ h: EngineHarness) throws -> [[String]] {
        let now = Engine.clockMillis()
        _ = try h.engine.takeSnapshot(now: now).writeCommands(to: path, temporaryName: "temp-test.aof", now: now)
        return try readCommands()
    }

    /// The file at `path` parsed as RESP commands, as text.
    private func readCommands(file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try readArguments(file: file, line: line).map { $0.map(\.text) }
    }

    /// The file at `path` parsed as RESP commands (after a leading annotation line, as Redis's loader skips it);
    /// fails unless every byte belongs to a complete command.
    private func readArguments(file: StaticString = #filePath, line: UInt = #line) throws -> [[Bytes]] {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.first == UInt8(ascii: "#"), let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            bytes.removeSubrange(...end)
        }
        var buffer = ByteBuffer(bytes: bytes)
        var parser = RESPRequestParser()
        var commands: [[Bytes]] = []
        var args: [[UInt8]] = []
        while try parser.parse(&buffer, into: &args) { commands.append(args) }
        XCTAssertEqual(buffer.readableBytes, 0, "a partial command at the end of the file", file: file, line: line)
        return commands
    }

    /// Commands grouped by the key they write (XGROUP's key is its third argument), in file order.
    private func byKey(_ commands: [[String]]) -> [String: [[String]]] {
        var grouped: [String: [[String]]] = [:]
        for c in commands where c[0] != "SELECT" {
            grouped[c[0] == "XGROUP" ? c[2] : c[1], default: []].append(c)
        }
        return grouped
    }
}
