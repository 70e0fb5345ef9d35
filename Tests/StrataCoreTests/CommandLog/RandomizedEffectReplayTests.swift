@testable import StrataCore
import XCTest

/// Random sorted-set and stream workloads (errors and no-ops included, blocked clients served along the way, some
/// commands inside MULTI) whose command log, replayed into a fresh engine, must rebuild the same dataset.
final class RandomizedEffectReplayTests: XCTestCase {
    private static let seeds: [UInt64] = [1, 2, 3, 42, 2026]

    func testRandomSortedSetWorkloadsReplayToTheSameDataset() {
        for seed in Self.seeds {
            var rng = FastRandom(seed: seed)
            let settings = [("zset-max-listpack-entries", "6")]
            let h = EngineHarness(settings)
            h.recordEffects()
            let waiter = h.makeClient()
            let keys = ["z1", "z2", "z3"]
            func key() -> String { keys.randomElement(using: &rng)! }
            func member() -> String { "m\(Int.random(in: 0..<12, using: &rng))" }
            func score() -> String {
                ["1", "-2.5", "0.1", "3e2", "inf", String(Int.random(in: -50...50, using: &rng)), "7.25"].randomElement(using: &rng)!
            }
            for _ in 0..<400 {
                if !h.isBlocked(waiter) && Int.random(in: 0..<10, using: &rng) == 0 {
                    let blocking = [["BZPOPMIN", key(), key(), "0"], ["BZPOPMAX", key(), "0"],
                                    ["BZMPOP", "0", "2", key(), key(), "MIN", "COUNT", "3"]]
                    h.run(blocking.randomElement(using: &rng)!, as: waiter)
                }
                let flags = [[], ["NX"], ["XX"], ["GT"], ["LT", "CH"], ["INCR"]].randomElement(using: &rng)!
                let pairs = flags == ["INCR"] ? 1 : Int.random(in: 1...4, using: &rng)
                let commands: [[String]] = [
                    ["ZADD", key()] + flags + (0..<pairs).flatMap { _ in [score(), member()] },
                    ["ZINCRBY", key(), score(), member()], ["ZPOPMIN", key()], ["ZPOPMAX", key(), "2"],
                    ["ZMPOP", "2", key(), key(), "MAX", "COUNT", "2"], ["BZPOPMIN", key(), "0"],
                    ["ZUNIONSTORE", key(), "2", key(), key(), "WEIGHTS", "2", "0.5"], ["ZINTERSTORE", key(), "2", key(), key()],
                    ["ZDIFFSTORE", key(), "2", key(), key()], ["ZRANGESTORE", key(), key(), "0", "2"],
                    ["ZREM", key(), member(), member()], ["ZREMRANGEBYRANK", key(), "0", "0"],
                    ["ZREMRANGEBYSCORE", key(), "-inf", "0"], ["ZREMRANGEBYLEX", key(), "[m3", "[m6"],
                    ["ZRANDMEMBER", key(), "-3"],
                ]
                if Int.random(in: 0..<15, using: &rng) == 0 {
                    h.run("MULTI")
                    for _ in 0..<3 { h.run(commands.randomElement(using: &rng)!) }
                    h.run("EXEC")
                } else {
                    h.run(commands.randomElement(using: &rng)!)
                }
            }
            let replayed = h.assertLogReplaysToSameDataset(settings: settings)
            XCTAssertGreaterThan(replayed.count, 100, "seed \(seed)")
        }
    }

    func testRandomStreamWorkloadsReplayToTheSameDataset() {
        for seed in Self.seeds {
            var rng = FastRandom(seed: seed)
            let settings = [("stream-node-max-entries", "5")]
            let h = EngineHarness(settings)
            h.recordEffects()
            let waiter = h.makeClient()
            let keys = ["s1", "s2"], groups = ["g1", "g2"], consumers = ["c1", "c2", "c3", "c4"]
            var ids: [String] = ["0-1"]
            var nextMillis = Engine.clockMillis() + 1_000_000
            func key() -> String { keys.randomElement(using: &rng)! }
            func group() -> String { groups.randomElement(using: &rng)! }
            func consumer() -> String { consumers.randomElement(using: &rng)! }
            func id() -> String { ids.randomElement(using: &rng)! }
            func newID() -> String {
                nextMillis += Int64.random(in: 0...2, using: &rng)
                return ["*", "\(nextMillis)-*", "\(nextMillis)-\(Int.random(in: 0...9, using: &rng))"].randomElement(using: &rng)!
            }
            func trim() -> [String] {
                let strategy = Bool.random(using: &rng) ? ["MAXLEN", String(Int.random(in: 0...20, using: &rng))] : ["MINID", id()]
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: return []
                case 1: return [strategy[0], "=", strategy[1]]
                case 2: return [strategy[0], "~", strategy[1]]
                default: return [strategy[0], "~", strategy[1], "LIMIT", String(Int.random(in: 0...8, using: &rng))]
                }
            }
            for _ in 0..<500 {
                if !h.isBlocked(waiter) && Int.random(in: 0..<12, using: &rng) == 0 {
                    h.run(["XREADGROUP", "GROUP", group(), consumer()] + (Bool.random(using: &rng) ? ["NOACK"] : [])
                          + ["BLOCK", "0", "STREAMS", key(), ">"], as: waiter)
                }
                let commands: [[String]] = [
                    ["XADD", key()] + trim() + [newID(), "f", "v\(ids.count)"],
                    ["XADD", key()] + trim() + [newID(), "f", "v", "other", "x"],
                    ["XTRIM", key()] + trim(), ["XDEL", key(), id(), id()],
                    ["XGROUP", "CREATE", key(), group(), Bool.random(using: &rng) ? "$" : "0", "MKSTREAM"],
                    ["XGROUP", "SETID", key(), group(), id()] + (Bool.random(using: &rng) ? ["ENTRIESREAD", "3"] : []),
                    ["XGROUP", "CREATECONSUMER", key(), group(), consumer()], ["XGROUP", "DELCONSUMER", key(), group(), consumer()],
                    ["XREADGROUP", "GROUP", group(), consumer(), "COUNT", "3", "STREAMS", key(), ">"],
                    ["XREADGROUP", "GROUP", group(), consumer(), "NOACK", "STREAMS", key(), ">"],
                    ["XREADGROUP", "GROUP", group(), consumer(), "COUNT", "4", "STREAMS", key(), "0"],
                    ["XCLAIM", key(), group(), consumer(), "0", id(), id(), "RETRYCOUNT", "5"],
                    ["XCLAIM", key(), group(), consumer(), "0", id(), "IDLE", "100", "JUSTID"],
                    ["XCLAIM", key(), group(), consumer(), "100000", id(), "LASTID", id()],
                    ["XCLAIM", key(), group(), consumer(), "0", id(), "FORCE", "TIME", "1000"],
                    ["XAUTOCLAIM", key(), group(), consumer(), "0", "0", "COUNT", "3"],
                    ["XAUTOCLAIM", key(), group(), consumer(), "0", id(), "JUSTID"], ["XACK", key(), group(), id(), id()],
                    ["XSETID", key(), "\(nextMillis + 5)-0", "MAXDELETEDID", id()],
                ]
                let command: [String]
                if Int.random(in: 0..<60, using: &rng) == 0 {
                    command = ["XGROUP", "DESTROY", key(), group()]
                } else {
                    command = commands.randomElement(using: &rng)!
                }
                if Int.random(in: 0..<20, using: &rng) == 0 {
                    h.run("MULTI")
                    h.run(command)
                    h.run(commands.randomElement(using: &rng)!)
                    h.run("EXEC")
                } else if case .bulkString(let added?)? = h.run(command) {
                    ids.append(added.text)
                }
            }
            XCTAssertGreaterThan(ids.count, 30, "seed \(seed)")
            h.assertLogReplaysToSameDataset(settings: settings, ignoringSeenTimes: true)
        }
    }
}
