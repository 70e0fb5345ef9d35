import Foundation
import NIOCore
import StrataConfig
@testable import StrataCore
import XCTest

/// A Strata snapshot written as commands (the AOF base without an RDB preamble) is an AOF redis-server 7.0 loads:
/// placed as the base file of an appendonlydir, it gives redis-server the dataset Strata holds.
final class CommandFormBaseTests: XCTestCase {
    /// Every type in compact and expanded encodings, TTLs, streams with deleted entries, groups, consumers and
    /// pending entries, an empty stream with a group; databases 0 and 1 (the ones the dataset comparison reads).
    private static let dataset: [[String]] = {
        let long = String(repeating: "0123456789", count: 10)
        let future = String(Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000)
        var commands: [[String]] = [
            ["SET", "s-int", "-12345"], ["SET", "s-embstr", "hello"], ["SET", "s-raw", long], ["SET", "s-empty", ""],
            ["SET", "s-ttl", "v", "PXAT", future],
            ["RPUSH", "l-small", "a", "1", "", long],
            ["RPUSH", "l-big"] + (0..<300).map { $0 % 7 == 0 ? long : String($0) },
            ["HSET", "h-small", "f", "v", "n", "12"],
            ["HSET", "h-big"] + (0..<200).flatMap { ["field\($0)", "value\($0)"] },
            ["SADD", "set-ints", "5", "-3", "100000"], ["SADD", "set-words", "x", "y"],
            ["SADD", "set-bigints"] + (0..<600).map { String($0 * 3) },
            ["ZADD", "z-small", "inf", "a", "-inf", "b", "0.1", "c", "1e300", "d"],
            ["ZADD", "z-big"] + (0..<200).flatMap { [String(Double($0) / 3), "m\($0)"] },
            ["PEXPIREAT", "z-big", future],
        ]
        commands += (1...100).map { ["XADD", "x-main", "\($0)-1", "f", "v\($0)"] }
        commands += [
            ["XGROUP", "CREATE", "x-main", "g1", "50-0"],
            ["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "10", "STREAMS", "x-main", ">"],
            ["XCLAIM", "x-main", "g1", "bob", "0", "51-1", "RETRYCOUNT", "4"],
            ["XGROUP", "CREATECONSUMER", "x-main", "g1", "carol"],
            ["XDEL", "x-main", "5-1", "99-1"],
            ["XGROUP", "CREATE", "x-main", "g2", "0"],
            ["XGROUP", "CREATE", "x-empty", "g", "$", "MKSTREAM"],
            ["SELECT", "1"], ["SET", "s-int", "7"], ["RPUSH", "l-small", "other"], ["SET", "s-ttl", "v", "PXAT", future],
            ["SELECT", "0"],
        ]
        return commands
    }()

    func testRedisLoadsTheCommandFormAsItsAppendOnlyBaseAndHoldsTheSameDataset() throws {
        let config = ConfigStore()
        try config.load(commandLine: CommandLineArguments(["--save", ""]))
        let engine = Engine(config: config)
        let client = ClientSession(id: engine.clients.allocateID(), peerAddress: "127.0.0.1:40000",
                                   localAddress: "127.0.0.1:6379", isLocal: true, authenticated: true,
                                   now: Engine.clockMillis())
        engine.clients.add(client)
        for command in Self.dataset {
            var out = ByteBuffer()
            _ = engine.execute(command.map { Bytes($0.utf8) }, client: client, out: &out)
            XCTAssertNotEqual(out.readableBytesView.first, UInt8(ascii: "-"), "\(command.prefix(3)) failed")
        }

        let directory = try ServerProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let aofDirectory = directory.appendingPathComponent("appendonlydir")
        try FileManager.default.createDirectory(at: aofDirectory, withIntermediateDirectories: true)
        let now = Engine.clockMillis()
        let keys = try engine.takeSnapshot(now: now).writeCommands(
            to: aofDirectory.appendingPathComponent("appendonly.aof.1.base.aof").path, temporaryName: "temp-base.aof",
            now: now, timestampAnnotation: true)
        XCTAssertEqual(keys, engine.databases[0].entries.count + engine.databases[1].entries.count)
        try Data("file appendonly.aof.1.base.aof seq 1 type b\n".utf8)
            .write(to: aofDirectory.appendingPathComponent("appendonly.aof.manifest"))

        let redis = try ServerProcess.redis(["--appendonly", "yes", "--aof-timestamp-enabled", "yes"],
                                            directory: directory)
        let strata = try ServerProcess.strata()
        let connection = try strata.connect()
        for command in Self.dataset { _ = try connection.send(command) }
        let comparison = try RandomizedRun(seed: 0, settings: RandomizedSettings(environment: [:]),
                                           servers: RandomizedServers(subject: redis, oracle: strata), keepData: true)
        if let divergence = comparison.compareDatasets() {
            XCTFail("redis-server loading Strata's command-form base:\n\(divergence.description)\n\(redis.log)")
        }
        XCTAssertTrue(redis.log.contains("DB loaded from base file appendonly.aof.1.base.aof"), redis.log)
    }
}
