@testable import StrataCore
import XCTest

extension EngineHarness {
    /// `assertLogReplaysToSameDataset` for datasets with consumer groups. A consumer's seen time is when a command
    /// last named it, on the replica as on the master: no effect carries it (Redis's do not either), so it is the
    /// one field set aside — zeroed on both sides before the DUMPs are compared.
    func assertLogReplaysWithConsumerGroups(settings: [(String, String)], file: StaticString = #filePath,
                                            line: UInt = #line) {
        let commands = loggedEffects(file: file, line: line)
        let replica = EngineHarness(settings)
        let feeder = replica.makeClient()
        for command in commands {
            if case .error(let text) = replica.run(command, as: feeder) {
                XCTFail("replaying \(command) failed: \(text)", file: file, line: line)
            }
        }
        for harness in [self, replica] { harness.forgetConsumerSeenTimes() }
        let mine = makeClient(), theirs = replica.makeClient()
        for db in 0..<engine.databases.count {
            run(["SELECT", String(db)], as: mine)
            replica.run(["SELECT", String(db)], as: theirs)
            let keys = engine.databases[db].entries.map { $0.0.bytes.text }.sorted()
            XCTAssertEqual(keys, replica.engine.databases[db].entries.map { $0.0.bytes.text }.sorted(),
                           "keys of db \(db)", file: file, line: line)
            for key in keys {
                XCTAssertEqual(run(["DUMP", key], as: mine), replica.run(["DUMP", key], as: theirs),
                               "value of \(key) in db \(db)", file: file, line: line)
                XCTAssertEqual(run(["PEXPIRETIME", key], as: mine), replica.run(["PEXPIRETIME", key], as: theirs),
                               "expiry of \(key) in db \(db)", file: file, line: line)
            }
        }
    }

    /// Sets every consumer's seen time to 0.
    func forgetConsumerSeenTimes() {
        for db in engine.databases {
            for (key, entry) in db.entries {
                guard case .stream(let s) = entry.value else { continue }
                let consumers = s.groups.map { g in (g.name, g.consumers.map(\.name)) }
                db.edit(key.bytes) { v in
                    guard case .stream(var s) = v else { return }
                    for (group, names) in consumers {
                        s.modifyGroup(group) { g in for name in names { g.modifyConsumer(name) { $0.seenTime = 0 } } }
                    }
                    v = .stream(s)
                }
            }
        }
    }
}
