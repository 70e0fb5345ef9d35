@testable import StrataCore
import XCTest

/// The sorted-set memory estimate must follow what glibc really hands out (maxmemory and INFO depend on it), in
/// both encodings, with inline and heap-stored members.
final class SortedSetMemoryTests: XCTestCase {
    private func ratio(keys: Int, members: Int, memberLength: Int) -> Double {
        let h = EngineHarness()
        let limits = h.engine.settings.encodingLimits
        let heapBefore = Engine.heapInUse(), estimateBefore = h.engine.datasetMemory
        for k in 0..<keys {
            var z = SortedSetValue()
            for i in 0..<members {
                // Distinct fresh arrays, as members arriving from the network are.
                var member = Bytes(repeating: 66, count: memberLength)
                member[0] = UInt8(truncatingIfNeeded: i)
                member[1] = UInt8(truncatingIfNeeded: i >> 8)
                member[2] = UInt8(truncatingIfNeeded: i >> 16)
                z.insert(member, score: Double(i), limits: limits)
            }
            h.engine.setKey(h.engine.databases[0], Bytes("z:\(k)"), .zset(z), now: 0)
        }
        return Double(h.engine.datasetMemory - estimateBefore) / Double(Engine.heapInUse() - heapBefore)
    }

    func testSkiplistEstimateTracksHeapUsage() {
        for length in [10, 40] {
            let r = ratio(keys: 1, members: 60_000, memberLength: length)
            XCTAssertTrue(r > 0.75 && r < 1.33, "members of \(length) bytes: estimate/heap \(r)")
        }
    }

    func testListpackEstimateTracksHeapUsage() {
        for length in [8, 40] {
            let r = ratio(keys: 8_000, members: 10, memberLength: length)
            XCTAssertTrue(r > 0.75 && r < 1.33, "members of \(length) bytes: estimate/heap \(r)")
        }
    }
}
