@testable import StrataCore
import XCTest

/// What the set commands write to the command log: SPOP as one SREM per popped member, or the deletion of the
/// whole set; the deterministic writes as sent.
final class SetEffectTests: XCTestCase {
    private func members(_ h: EngineHarness, _ key: String) -> Set<String> {
        guard case .array(let items?)? = h.run("SMEMBERS", key) else { return [] }
        return Set(items.compactMap { if case .bulkString(let b?) = $0 { String(decoding: b, as: UTF8.self) } else { nil } })
    }

    func testSpopIsLoggedAsTheSremOfThePoppedMember() {
        let h = EngineHarness()
        _ = h.run("SADD", "s", "a", "b", "c")
        h.recordEffects()
        guard case .bulkString(let popped?)? = h.run("SPOP", "s") else { return XCTFail("no member popped") }
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["SREM", "s", String(decoding: popped, as: UTF8.self)]])
    }

    func testSpopWithACountIsLoggedAsOneSremPerPoppedMemberInsideMultiExec() {
        let h = EngineHarness()
        _ = h.run(["SADD", "s"] + (1...10).map(String.init))
        h.recordEffects()
        _ = h.run("SPOP", "s", "4")
        let log = h.loggedEffects()
        XCTAssertEqual(log.map { $0[0] }, ["SELECT", "MULTI", "SREM", "SREM", "SREM", "SREM", "EXEC"])
        let removed = log[2...5].map { $0.dropFirst(2) }
        XCTAssertEqual(log[2...5].map { Array($0.prefix(2)) }, Array(repeating: ["SREM", "s"], count: 4))
        XCTAssertEqual(removed.map(\.count), [1, 1, 1, 1])
        XCTAssertEqual(Set(removed.joined()).count, 4)
        XCTAssertTrue(members(h, "s").isDisjoint(with: removed.joined()))
        XCTAssertEqual(members(h, "s").count, 6)
        _ = h.run("SPOP", "s", "1")
        XCTAssertEqual(h.loggedEffects().map { $0[0] }, ["SREM"], "a single removal needs no MULTI")
    }

    func testSpopOfTheWholeSetIsLoggedAsItsDeletionAlwaysDel() {
        let h = EngineHarness()
        _ = h.run("SADD", "s", "a", "b")
        _ = h.run("SADD", "t", "1", "2")
        h.recordEffects()
        _ = h.run("SPOP", "s", "2")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["DEL", "s"]])
        let lazy = EngineHarness([("lazyfree-lazy-server-del", "yes")])
        _ = lazy.run("SADD", "t", "1", "2")
        lazy.recordEffects()
        _ = lazy.run("SPOP", "t", "5")
        XCTAssertEqual(lazy.loggedEffects(), [["SELECT", "0"], ["DEL", "t"]], "Redis 7.0 ignores the lazyfree option here")
    }

    func testSpopsThatPopNothingLogNothing() {
        let h = EngineHarness()
        _ = h.run("SADD", "s", "a")
        _ = h.run("SET", "str", "v")
        h.recordEffects()
        h.runSequence([["SPOP", "missing"], ["SPOP", "missing", "3"], ["SPOP", "s", "0"], ["SPOP", "str"],
                       ["SPOP", "s", "-1"], ["SRANDMEMBER", "s", "5"], ["SMOVE", "s", "d", "zz"]])
        XCTAssertEqual(h.loggedEffects(), [])
    }

    func testReplayingASetWorkloadWithPopsReproducesTheDataset() {
        let h = EngineHarness([("set-max-intset-entries", "64")])
        h.recordEffects()
        h.runSequence([
            ["SADD", "ints"] + (1...100).map(String.init), ["SADD", "small", "1", "2", "3", "4", "5"],
            ["SADD", "words"] + (1...40).map { "w\($0)" }, ["SPOP", "ints"], ["SPOP", "ints", "30"],
            ["SPOP", "ints", "60"], ["SPOP", "small", "2"], ["SPOP", "words", "35"], ["SPOP", "words"],
            ["SMOVE", "words", "small", "w1"], ["SMOVE", "words", "small", "w2"], ["SREM", "small", "1"],
            ["SINTERSTORE", "inter", "small", "words"], ["SUNIONSTORE", "union", "small", "words", "ints"],
            ["SDIFFSTORE", "diff", "union", "small"], ["EXPIRE", "union", "1000"], ["SADD", "gone", "a", "b"],
            ["SPOP", "gone", "2"], ["MULTI"], ["SPOP", "diff", "3"], ["SADD", "diff", "new"], ["EXEC"],
        ])
        h.assertLogReplaysToSameDataset(settings: [("set-max-intset-entries", "64")])
    }
}
