import NIOCore
import RESP
@testable import StrataCore
import XCTest

extension EngineHarness {
    /// Turns the command log on (as an attached AOF would).
    func recordEffects() {
        engine.commandLog.isActive = true
        _ = engine.commandLog.takeOutput()
    }

    /// The commands the log wrote since the last call, decoded byte for byte.
    func loggedCommands(file: StaticString = #filePath, line: UInt = #line) -> [[Bytes]] {
        var buffer = engine.commandLog.takeOutput()
        var parser = RESPRequestParser()
        var commands: [[Bytes]] = []
        var args: [[UInt8]] = []
        do {
            while try parser.parse(&buffer, into: &args) { commands.append(args) }
        } catch {
            XCTFail("the log is not valid RESP: \(error)", file: file, line: line)
        }
        XCTAssertEqual(buffer.readableBytes, 0, "a partial command at the end of the log", file: file, line: line)
        return commands
    }

    /// The commands the log wrote since the last call, as strings.
    func loggedEffects(file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        loggedCommands(file: file, line: line).map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}

extension EngineHarness {
    /// Replays everything the log wrote (since `recordEffects()` or the last `loggedEffects()`) byte for byte
    /// into a fresh engine made with `settings`, as the AOF loader does (`replaysLog`: nothing expires meanwhile),
    /// and asserts that both engines hold the same dataset: the same keys in every database, each with the same
    /// DUMP payload (value and encoding) and the same PEXPIRETIME. With `ignoringSeenTimes`, stream consumers'
    /// seen times are zeroed on both sides first: no effect carries them (Redis's do not either), so a replica
    /// sets them when it replays. Returns the replayed commands as strings.
    @discardableResult
    func assertLogReplaysToSameDataset(settings: [(String, String)] = [], ignoringSeenTimes: Bool = false,
                                       file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        let commands = loggedCommands(file: file, line: line)
        let replica = EngineHarness(settings)
        let feeder = replica.makeClient()
        replica.engine.replaysLog = true
        for command in commands {
            if case .error(let text) = replica.run(command, as: feeder) {
                XCTFail("replaying \(command.map(\.text)) failed: \(text)", file: file, line: line)
            }
        }
        replica.engine.replaysLog = false
        if ignoringSeenTimes { for harness in [self, replica] { harness.forgetConsumerSeenTimes() } }
        let mine = makeClient(), theirs = replica.makeClient()
        for db in 0..<engine.databases.count {
            _ = run(["SELECT", String(db)], as: mine)
            _ = replica.run(["SELECT", String(db)], as: theirs)
            let keys = engine.databases[db].entries.map { $0.0.bytes }.sorted { $0.lexicographicallyPrecedes($1) }
            let replayed = replica.engine.databases[db].entries.map { $0.0.bytes }
                .sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(keys.map(\.text), replayed.map(\.text), "keys of db \(db)", file: file, line: line)
            for key in keys {
                for probe in ["DUMP", "PEXPIRETIME"] {
                    XCTAssertEqual(run([Bytes(probe), key], as: mine), replica.run([Bytes(probe), key], as: theirs),
                                   "\(probe) of \(key.text) in db \(db)", file: file, line: line)
                }
            }
        }
        return commands.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}
