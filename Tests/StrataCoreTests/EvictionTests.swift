import RESP
@testable import StrataCore
import XCTest

final class EvictionTests: XCTestCase {
    private let value = String(repeating: "x", count: 1000)

    /// Limits the dataset to `budget` bytes above what the engine used when it was created.
    private func harness(policy: String, budget: Int) -> EngineHarness {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory-policy", policy), .ok)
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory", String(h.engine.baselineMemory + budget)), .ok)
        return h
    }

    func testAllKeysLRUKeepsMemoryUnderTheLimitAndKeepsRecentlyUsedKeys() {
        let h = harness(policy: "allkeys-lru", budget: 1 << 20)
        for i in 0..<20 { h.run("SET", "hot:\(i)", value) }
        // Age every key by one LRU tick so the hot keys' later reads make them the most recent.
        for i in 0..<5000 {
            h.run("SET", "cold:\(i)", value)
            if i % 50 == 0 {
                // The LRU clock has a one-second resolution: fake the passage of time on cold keys instead of sleeping.
                for j in max(0, i - 50)..<i { h.engine.databases[0].touch(Bytes("cold:\(j)"), access: h.engine.lruClock &- 100) }
                for k in 0..<20 { h.run("GET", "hot:\(k)") }
            }
        }
        // Like Redis, eviction runs before each command, so the last write may overshoot until the next command.
        h.run("PING")
        XCTAssertLessThanOrEqual(h.engine.usedMemory, h.engine.settings.maxMemory)
        XCTAssertGreaterThan(h.engine.stats.evictedKeys, 3000)
        for k in 0..<20 { XCTAssertEqual(h.run("GET", "hot:\(k)"), .bulk(value), "hot:\(k) was evicted") }
    }

    func testNoEvictionRefusesWritesWithOOMButServesReads() {
        let h = harness(policy: "noeviction", budget: 200_000)
        var refused = false
        for i in 0..<1000 {
            if h.run("SET", "k:\(i)", value) == .error("OOM command not allowed when used memory > 'maxmemory'.") {
                refused = true
                break
            }
        }
        XCTAssertTrue(refused)
        XCTAssertEqual(h.run("GET", "k:0"), .bulk(value))
        XCTAssertEqual(h.run("DEL", "k:0"), .integer(1), "DEL is not denied under OOM")
    }

    func testVolatileTTLEvictsOnlyKeysWithAnExpiry() {
        let h = harness(policy: "volatile-ttl", budget: 300_000)
        for i in 0..<100 { h.run("SET", "keep:\(i)", value) }
        for i in 0..<1000 { h.run("SET", "tmp:\(i)", value, "EX", String(1000 + i)) }
        for i in 0..<100 { XCTAssertEqual(h.run("EXISTS", "keep:\(i)"), .integer(1)) }
        XCTAssertGreaterThan(h.engine.stats.evictedKeys, 0)
    }

    func testAllKeysLFUPrefersFrequentlyUsedKeys() {
        let h = harness(policy: "allkeys-lfu", budget: 1 << 20)
        for i in 0..<10 { h.run("SET", "hot:\(i)", value) }
        for _ in 0..<200 { for i in 0..<10 { h.run("GET", "hot:\(i)") } }
        for i in 0..<5000 { h.run("SET", "cold:\(i)", value) }
        let survivors = (0..<10).filter { h.run("EXISTS", "hot:\($0)") == .integer(1) }.count
        XCTAssertGreaterThanOrEqual(survivors, 9)
    }
}

final class MemoryAccountingTests: XCTestCase {
    /// The dataset estimate must follow what the allocator really hands out, or maxmemory means nothing.
    func testDatasetEstimateTracksHeapUsage() {
        let h = EngineHarness()
        let heapBefore = Engine.heapInUse(), estimateBefore = h.engine.datasetMemory
        for i in 0..<100_000 {
            // Fresh key and value arrays, as a SET from the network would allocate them.
            var value = Bytes(repeating: 65, count: 100)
            value[0] = UInt8(truncatingIfNeeded: i)
            h.engine.setKey(h.engine.databases[0], Bytes("key:\(i)"), .string(.bytes(value, edited: false)), now: 0)
        }
        let heap = Double(Engine.heapInUse() - heapBefore)
        let estimate = Double(h.engine.datasetMemory - estimateBefore)
        XCTAssertGreaterThan(estimate / heap, 0.75, "estimate \(estimate) vs heap \(heap)")
        XCTAssertLessThan(estimate / heap, 1.33, "estimate \(estimate) vs heap \(heap)")
        for i in 0..<100_000 { h.engine.databases[0].remove(Bytes("key:\(i)")) }
        XCTAssertEqual(h.engine.datasetMemory, estimateBefore)
    }
}

final class EvictionPolicyCoverageTests: XCTestCase {
    private let value = String(repeating: "x", count: 1000)

    /// Fills well past the limit with half the keys volatile; returns the persistent keys that were stored
    /// (under a volatile policy, writes are refused with OOM once no volatile key is left to evict).
    private func fill(policy: String) -> (EngineHarness, stored: [String]) {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory-policy", policy), .ok)
        XCTAssertEqual(h.run("CONFIG", "SET", "maxmemory", String(h.engine.baselineMemory + 500_000)), .ok)
        var stored: [String] = []
        for i in 0..<2000 {
            if i % 2 == 0 {
                if h.run("SET", "keep:\(i)", value) == .ok { stored.append("keep:\(i)") }
            } else {
                h.run("SET", "tmp:\(i)", value, "EX", "1000")
            }
        }
        return (h, stored)
    }

    private func existing(_ h: EngineHarness, _ prefix: String) -> Int {
        (0..<2000).filter { h.run("EXISTS", "\(prefix):\($0)") == .integer(1) }.count
    }

    func testVolatilePoliciesEvictOnlyKeysWithATTL() {
        for policy in ["volatile-lru", "volatile-lfu", "volatile-random"] {
            let (h, stored) = fill(policy: policy)
            XCTAssertGreaterThan(h.engine.stats.evictedKeys, 0, policy)
            XCTAssertFalse(stored.isEmpty, policy)
            for key in stored { XCTAssertEqual(h.run("EXISTS", key), .integer(1), "\(policy) evicted \(key)") }
        }
    }

    func testAllKeysRandomEvictsFromBothKindsAndStaysUnderTheLimit() {
        let (h, stored) = fill(policy: "allkeys-random")
        XCTAssertEqual(stored.count, 1000, "allkeys-random never refuses a write")
        h.run("PING")
        XCTAssertLessThanOrEqual(h.engine.usedMemory, h.engine.settings.maxMemory)
        XCTAssertLessThan(existing(h, "keep"), 1000)
        XCTAssertLessThan(existing(h, "tmp"), 1000)
    }
}
