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

    /// The commands the log wrote since the last call, decoded, as strings.
    func loggedEffects(file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var buffer = engine.commandLog.takeOutput()
        var parser = RESPRequestParser()
        var commands: [[String]] = []
        var args: [[UInt8]] = []
        do {
            while try parser.parse(&buffer, into: &args) {
                commands.append(args.map { String(decoding: $0, as: UTF8.self) })
            }
        } catch {
            XCTFail("the log is not valid RESP: \(error)", file: file, line: line)
        }
        XCTAssertEqual(buffer.readableBytes, 0, "a partial command at the end of the log", file: file, line: line)
        return commands
    }
}

extension EngineHarness {
    /// Replays everything the log wrote (since `recordEffects()` or the last `loggedEffects()`) into a fresh engine
    /// made with `settings`, and asserts that both engines hold the same dataset: the same keys in every database,
    /// each with the same DUMP payload (value and encoding) and the same PEXPIRETIME. Returns the replayed commands.
    @discardableResult
    func assertLogReplaysToSameDataset(settings: [(String, String)] = [], file: StaticString = #filePath,
                                       line: UInt = #line) -> [[String]] {
        let commands = loggedEffects(file: file, line: line)
        let replica = EngineHarness(settings)
        let feeder = replica.makeClient()
        for command in commands {
            let reply = replica.run(command, as: feeder)
            if case .error(let text) = reply {
                XCTFail("replaying \(command) failed: \(text)", file: file, line: line)
            }
        }
        let mine = makeClient(), theirs = replica.makeClient()
        for db in 0..<engine.databases.count {
            _ = run(["SELECT", String(db)], as: mine)
            _ = replica.run(["SELECT", String(db)], as: theirs)
            let keys = engine.databases[db].entries.map { $0.0.bytes }.sorted { $0.lexicographicallyPrecedes($1) }
            let replayed = replica.engine.databases[db].entries.map { $0.0.bytes }
                .sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(keys.map(\.text), replayed.map(\.text), "keys of db \(db)", file: file, line: line)
            for key in keys {
                XCTAssertEqual(run([Bytes("DUMP"), key], as: mine), replica.run([Bytes("DUMP"), key], as: theirs),
                               "value of \(key.text) in db \(db)", file: file, line: line)
                XCTAssertEqual(run([Bytes("PEXPIRETIME"), key], as: mine),
                               replica.run([Bytes("PEXPIRETIME"), key], as: theirs),
                               "expiry of \(key.text) in db \(db)", file: file, line: line)
            }
        }
        return commands
    }
}
