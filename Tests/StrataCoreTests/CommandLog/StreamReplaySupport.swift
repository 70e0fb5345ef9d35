@testable import StrataCore
import XCTest

extension EngineHarness {
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
