import Foundation
import NIOCore
import RDB
import RESP
import XCTest

/// DUMP and RESTORE compared with Redis: payloads of compact values byte for byte, every error in Redis's order,
/// and each server restoring the other's payloads into the same values.
final class DumpRestoreDifferentialTests: XCTestCase {
    func testDumpPayloadsEqualRedisByteForByte() {
        let numbers = DifferentialStep(["RPUSH", "nums"] + (0..<200).map { String($0 * 1001) })
        assertSameReplies([
            DifferentialCase("strings", [
                ["SET", "k", "0"], ["DUMP", "k"], ["SET", "k", "-128"], ["DUMP", "k"], ["SET", "k", "32767"], ["DUMP", "k"],
                ["SET", "k", "-2147483648"], ["DUMP", "k"], ["SET", "k", "9223372036854775807"], ["DUMP", "k"],
                ["SET", "k", "007"], ["DUMP", "k"], ["SET", "k", "hello"], ["DUMP", "k"], ["SET", "k", ""], ["DUMP", "k"],
                ["SET", "k", String(repeating: "ab", count: 40)], ["DUMP", "k"],
                ["SET", "k", String(repeating: "x", count: 21)], ["DUMP", "k"],
                ["SET", "k", (0..<60).map { String($0 * 7919 % 97) }.joined()], ["DUMP", "k"],
                ["APPEND", "k", "tail"], ["DUMP", "k"], ["DUMP", "missing"], ["DUMP"], ["DUMP", "a", "b"],
            ]),
            DifferentialCase("compact collections", [
                ["HSET", "h", "f", "v", "n", "12", "neg", "-5", "long", String(repeating: "z", count: 60)], ["DUMP", "h"],
                ["SADD", "s", "3", "1", "2"], ["DUMP", "s"], ["SADD", "s", "70000"], ["DUMP", "s"],
                ["SADD", "s", "-5000000000"], ["DUMP", "s"],
                ["ZADD", "z", "1", "a", "-2.5", "b", "inf", "c", "-inf", "d", "0.1", "e", "1e20", "f", "12345678901", "g"],
                ["DUMP", "z"], ["ZADD", "z", "-0", "h", "3.0", "i", "4503599627370496", "j"], ["DUMP", "z"],
                ["RPUSH", "l", "a", "1", "-5", "70000", "hello", String(repeating: "q", count: 70)], ["DUMP", "l"],
                ["LPUSH", "l", "head"], ["LPOP", "l", "2"], ["DUMP", "l"],
                numbers, ["DUMP", "nums"],
            ]),
            DifferentialCase("single-element expanded collections", [
                ["HSET", "h", "f", String(repeating: "v", count: 70)], ["OBJECT", "ENCODING", "h"], ["DUMP", "h"],
                ["SADD", "s", "member"], ["OBJECT", "ENCODING", "s"], ["DUMP", "s"],
                ["ZADD", "z", "2.5", String(repeating: "m", count: 70)], ["OBJECT", "ENCODING", "z"], ["DUMP", "z"],
            ]),
            DifferentialCase("dump is a read", [
                ["SET", "k", "v"], ["EXPIRE", "k", "100"], ["DUMP", "k"], .approximately(1, "TTL", "k"),
                ["HSET", "h", "a", "b"], ["DUMP", "h"],
            ]),
        ])
    }

    func testRestoreErrorsAndOptionOrderMatchRedis() {
        assertSameReplies([
            DifferentialCase("restore errors", [
                ["SET", "k", "v"], ["RESTORE", "k", "0", "junk"], ["RESTORE", "k", "-1", "junk"],
                ["RESTORE", "k", "0", "junk", "REPLACE"], ["RESTORE", "n", "0", "junk"], ["RESTORE", "n", "-1", "junk"],
                ["RESTORE", "n", "x", "junk"], ["RESTORE", "n", "0", "junk", "BOGUS"], ["RESTORE", "n", "0", "junk", "IDLETIME"],
                ["RESTORE", "n", "0", "junk", "IDLETIME", "-1"], ["RESTORE", "n", "0", "junk", "IDLETIME", "x"],
                ["RESTORE", "n", "0", "junk", "FREQ", "256"], ["RESTORE", "n", "0", "junk", "FREQ", "-1"],
                ["RESTORE", "n", "0", "junk", "FREQ", "1", "IDLETIME", "1"], ["RESTORE", "n", "0", "junk", "IDLETIME", "1", "FREQ", "1"],
                ["RESTORE", "n", "0", "junk", "ABSTTL", "REPLACE", "replace"], ["RESTORE", "n", "0"], ["RESTORE", "n", "0", ""],
                ["EXISTS", "n"],
            ]),
        ])
    }

    func testRestoreRoundTripsAndTTLRulesMatchRedis() {
        assertSameTranscript { server, version in
            let c = try server.connect()
            if version == .v3 { _ = try c.send(["HELLO", "3"]) }
            _ = try c.send(["FLUSHALL"])
            _ = try c.send(["HSET", "h", "a", "1", "b", "2"])
            let payload = try c.dumpPayload("h")
            var replies = [
                try c.restore("copy", "0", payload),
                try c.send(["HGETALL", "copy"]), try c.send(["OBJECT", "ENCODING", "copy"]),
                try c.restore("copy", "0", payload),
                try c.restore("copy", "100000", payload, "REPLACE"),
                try c.send(["TTL", "copy"]),
                try c.restore("abs", "99999999999000", payload, "ABSTTL"),
                try c.send(["PEXPIRETIME", "abs"]),
                try c.restore("past", "1", payload, "ABSTTL"), try c.send(["EXISTS", "past"]),
                try c.restore("copy", "1", payload, "ABSTTL", "REPLACE"), try c.send(["EXISTS", "copy"]),
                try c.restore("idle", "0", payload, "IDLETIME", "5000"),
                try c.send(["OBJECT", "IDLETIME", "idle"]),
            ]
            _ = try c.send(["CONFIG", "SET", "hash-max-listpack-entries", "1"])
            replies += [try c.restore("converted", "0", payload), try c.send(["OBJECT", "ENCODING", "converted"])]
            var flipped = payload
            flipped[flipped.count - 1] ^= 0x55
            replies.append(try c.restore("bad", "0", flipped))
            _ = try c.send(["CONFIG", "SET", "hash-max-listpack-entries", "128"])
            return replies
        }
    }

    func testEachServerRestoresTheOthersPayloadsIntoTheSameValues() throws {
        let servers = try ServerPair()
        let (strata, redis) = try servers.connections(.v2)
        try PersistenceData.populate(strata)
        try PersistenceData.populate(redis)
        let originals = (strata: try PersistenceData.contents(strata), redis: try PersistenceData.contents(redis))
        for db in [0, 5] {
            for c in [strata, redis] { _ = try c.send(["SELECT", String(db)]) }
            guard case .array(let keys?) = try strata.send(["KEYS", "*"]) else { return XCTFail("no keys") }
            for case .bulkString(let keyBytes?) in keys {
                let key = String(decoding: keyBytes, as: UTF8.self)
                for (source, target) in [(redis, strata), (strata, redis)] {
                    guard case .integer(let expiry) = try source.send(["PEXPIRETIME", key]) else { continue }
                    XCTAssertEqual(try target.restore(key + ":copy", String(max(0, expiry)), try source.dumpPayload(key), "ABSTTL"),
                                   .simpleString("OK"), "restoring \(key) on port \(target.port)")
                }
            }
        }
        for c in [strata, redis] { _ = try c.send(["SELECT", "0"]) }
        let copies = { (c: RedisConnection) in
            try PersistenceData.contents(c).filter { $0.contains(":copy") }.map { $0.replacingOccurrences(of: ":copy", with: "") }
        }
        assertSameContents(try copies(strata), originals.redis)
        assertSameContents(try copies(redis), originals.strata)
        XCTAssertGreaterThan(originals.strata.count, 15)
    }
}

/// SAVE, BGSAVE, LASTSAVE, DEBUG RELOAD and INFO persistence compared with Redis.
final class DumpRestoreSnapshotDifferentialTests: XCTestCase {
    func testSnapshotCommandsMatchRedis() {
        assertSameReplies([
            DifferentialCase("save commands", [
                ["SET", "k", "v"], ["SAVE"], .ignoreValue("LASTSAVE"), ["SAVE", "x"], ["BGSAVE", "NOW"],
                ["BGSAVE", "SCHEDULE", "x"], ["LASTSAVE", "x"], ["MULTI"], ["SAVE"], ["DISCARD"], ["GET", "k"],
            ]),
            DifferentialCase("debug reload", [
                ["SET", "k", "v"], ["HSET", "h", "a", "b"], ["SADD", "s", "1", "2"], ["DEBUG", "RELOAD"], ["GET", "k"],
                ["HGETALL", "h"], ["OBJECT", "ENCODING", "s"], ["DEBUG", "RELOAD", "BOGUS"], ["SET", "k2", "v2"],
                ["DEBUG", "RELOAD", "NOSAVE"], ["EXISTS", "k2"], ["SET", "k2", "v2"], ["SET", "k", "changed"],
                ["DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE"], ["GET", "k"], ["GET", "k2"],
            ]),
        ], serverArguments: ["--enable-debug-command", "yes"])
    }

    func testBackgroundSaveInsideATransactionIsScheduledAndRuns() {
        assertSameTranscript { server, _ in
            let c = try server.connect()
            let before = try PersistenceData.info(c)["rdb_saves"].flatMap(Int.init) ?? 0
            let replies = try c.pipeline([["MULTI"], ["BGSAVE"], ["EXEC"]])
            let deadline = Deadline(seconds: 10)
            var info = try PersistenceData.info(c)
            while ((info["rdb_saves"].flatMap(Int.init) ?? 0) == before || info["rdb_bgsave_in_progress"] != "0")
                    && !deadline.hasPassed {
                usleep(20_000)
                info = try PersistenceData.info(c)
            }
            return replies + [.integer(Int64((info["rdb_saves"].flatMap(Int.init) ?? 0) - before))]
        }
    }

    func testAFailedBackgroundSaveRefusesWritesWithMisconf() {
        assertSameTranscript(serverArguments: ["--save", "3600", "1"]) { server, version in
            let c = try server.connect()
            if version == .v3 { _ = try c.send(["HELLO", "3"]) }
            // A directory where the dump should go makes the rename fail, even for root.
            let blocker = server.directory.appendingPathComponent("dump.rdb")
            try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inside"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: blocker) }
            _ = try c.send(["SET", "k", "v"])
            var replies = [try c.send(["BGSAVE"])]
            let deadline = Deadline(seconds: 10)
            while try PersistenceData.info(c)["rdb_bgsave_in_progress"] != "0" && !deadline.hasPassed { usleep(20_000) }
            replies += try c.pipeline([
                ["SET", "k", "w"], ["PING"], ["GET", "k"], ["MULTI"], ["SET", "k", "x"], ["EXEC"], ["MULTI"], ["GET", "k"],
                ["EXEC"], ["CONFIG", "SET", "stop-writes-on-bgsave-error", "no"], ["SET", "k", "y"],
                ["CONFIG", "SET", "stop-writes-on-bgsave-error", "yes"], ["DEL", "k"], ["CONFIG", "SET", "save", ""],
                ["SET", "k", "z"], ["CONFIG", "SET", "save", "3600 1"],
            ])
            try FileManager.default.removeItem(at: blocker)
            replies += try c.pipeline([["SAVE"], ["SET", "k", "saved"]])
            return replies
        }
    }

    func testFlushallSavesTheEmptyDatasetWhenSaveRulesExist() {
        assertSameTranscript(serverArguments: ["--save", "3600", "1"]) { server, _ in
            let c = try server.connect()
            _ = try c.pipeline([["SET", "a", "1"], ["SET", "b", "2"], ["FLUSHALL"]])
            // The file holds no database and no key.
            var decoder = RDBDecoder(try FileInput(path: server.directory.appendingPathComponent("dump.rdb").path))
            try decoder.readHeader()
            var records = 0
            while true {
                switch try decoder.next() {
                case .end: return [.integer(Int64(try PersistenceData.info(c)["rdb_changes_since_last_save"].flatMap(Int.init) ?? -1)),
                                   .integer(Int64(records))]
                case .selectDB, .entry: records += 1
                default: break
                }
            }
        }
    }

    func testInfoPersistenceHasRedisRDBFieldsInRedisOrder() {
        assertSameTranscript { server, _ in
            let text = try server.connect().send(["INFO", "persistence"]).text ?? ""
            return text.split(separator: "\r\n").compactMap { line in
                let name = line.prefix { $0 != ":" }
                return name.hasPrefix("aof_") ? nil : .bulkString(Array(name.utf8))
            }
        }
    }
}

extension RedisConnection {
    /// Sends a command whose arguments are raw bytes (DUMP payloads are binary).
    func send(arguments: [[UInt8]]) throws -> RESPValue {
        var out = ByteBufferAllocator().buffer(capacity: 256)
        RESPValue.array(arguments.map { .bulkString($0) }).encode(into: &out)
        try sendRaw(Array(out.readableBytesView))
        return try readReply()
    }

    /// RESTORE `key` `ttl` `payload` `options...`.
    func restore(_ key: String, _ ttl: String, _ payload: [UInt8], _ options: String...) throws -> RESPValue {
        try send(arguments: [Array("RESTORE".utf8), Array(key.utf8), Array(ttl.utf8), payload] + options.map { Array($0.utf8) })
    }

    func dumpPayload(_ key: String) throws -> [UInt8] {
        let reply = try send(["DUMP", key])
        guard case .bulkString(let payload?) = reply else {
            throw HarnessError.unexpectedReply(command: "DUMP", port: port, reply: reply.description)
        }
        return payload
    }
}
