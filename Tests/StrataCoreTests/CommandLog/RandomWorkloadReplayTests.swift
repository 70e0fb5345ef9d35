@testable import StrataCore
import XCTest

/// Randomized workloads over strings, keys, lists (blocking pops included), sets, hashes, HyperLogLogs and geo
/// sets, in several databases and transactions: replaying what the command log recorded must rebuild the same
/// dataset, values, encodings and expiries included.
final class RandomWorkloadReplayTests: XCTestCase {
    private static let settings = [("set-max-intset-entries", "16"), ("hash-max-listpack-entries", "8"),
                                   ("list-max-listpack-size", "4"), ("hll-sparse-max-bytes", "200")]

    /// One random command of one family, on that family's keys (now and then another family's, for WRONGTYPE).
    private func command(_ rng: inout FastRandom) -> [String] {
        func pick(_ items: [String]) -> String { items.randomElement(using: &rng)! }
        let family = pick(["s", "s", "l", "l", "t", "h", "p", "g"])
        func name() -> String {
            let prefix = Int.random(in: 0..<10, using: &rng) == 0 ? pick(["s", "l", "t", "h", "p", "g"]) : family
            return prefix + String(Int.random(in: 0..<6, using: &rng))
        }
        let key = name(), other = name()
        let member = "m\(Int.random(in: 0..<30, using: &rng))", number = String(Int.random(in: 0..<40, using: &rng))
        let ttl = String(Int.random(in: 100...9000, using: &rng))
        let absolute = String(Engine.clockMillis() / 1000 + Int64.random(in: 100...9000, using: &rng))
        let float = pick(["0.1", "1.5", "-2.25", "3e2", "0.0001"])
        let end = pick(["LEFT", "RIGHT"]), end2 = pick(["left", "right"])
        let generic: [[String]] = [
            ["EXPIRE", key, ttl], ["PEXPIRE", key, ttl + "000", pick(["NX", "XX", "GT", "LT"])],
            ["EXPIREAT", key, absolute], ["EXPIRE", key, "-1"], ["PERSIST", key], ["RENAME", key, other],
            ["COPY", key, other, "DB", pick(["0", "1", "2"]), "REPLACE"], ["MOVE", key, pick(["1", "2"])],
            ["DEL", key], ["SWAPDB", "1", "2"],
        ]
        let byFamily: [String: [[String]]] = [
            "s": [["SET", key, member], ["SET", key, member, "EX", ttl], ["SET", key, member, "PX", ttl + "000", "GET"],
                  ["SET", key, member, "EXAT", absolute, "NX"], ["SET", key, number, "KEEPTTL", "XX"],
                  ["SETEX", key, ttl, member], ["PSETEX", key, ttl + "000", member], ["GETSET", key, number],
                  ["GETEX", key, "EX", ttl], ["GETEX", key, "PERSIST"], ["GETEX", key, "PXAT", "1"], ["GETDEL", key],
                  ["INCRBYFLOAT", key, float], ["INCRBY", key, number], ["APPEND", key, member],
                  ["SETRANGE", key, number, member], ["SETBIT", key, number, "1"],
                  ["MSETNX", key, member, other, number]],
            "l": [["RPUSH", key, member, number, member], ["LPUSH", key, member], ["LPOP", key, "2"], ["RPOP", key],
                  ["BLPOP", key, other, "0"], ["BRPOP", key, "0"], ["LMPOP", "2", key, other, end, "COUNT", "3"],
                  ["BLMPOP", "0", "1", key, end, "COUNT", "2"], ["LMOVE", key, other, end, end2],
                  ["BLMOVE", key, other, end2, end, "0"], ["BRPOPLPUSH", key, other, "0"], ["LTRIM", key, "1", "-2"]],
            "t": [["SADD", key, member, number, member + "x"], ["SADD", key, number], ["SREM", key, member],
                  ["SPOP", key], ["SPOP", key, pick(["1", "3", "50"])], ["SMOVE", key, other, member],
                  ["SINTERSTORE", key, other, key], ["SUNIONSTORE", other, key, other]],
            "h": [["HSET", key, member, number], ["HINCRBYFLOAT", key, member, float],
                  ["HINCRBY", key, member, number], ["HDEL", key, member], ["HSETNX", key, member, float]],
            "p": [["PFADD", key, member, number], ["PFCOUNT", key], ["PFMERGE", key, other]],
            "g": [["GEOADD", key, "13." + number, "38." + number, member],
                  ["GEOSEARCHSTORE", other, key, "FROMLONLAT", "13", "38", "BYRADIUS", "500", "km", "STOREDIST"]],
        ]
        return Int.random(in: 0..<5, using: &rng) == 0 ? generic.randomElement(using: &rng)!
                                                       : byFamily[family]!.randomElement(using: &rng)!
    }

    private func runWorkload(seed: UInt64, commands: Int) {
        var rng = FastRandom(seed: seed)
        let h = EngineHarness(Self.settings)
        let waiters = (0..<3).map { _ in h.makeClient() }
        h.recordEffects()
        var inMulti = false
        for _ in 0..<commands {
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<3: _ = h.run("SELECT", String(Int.random(in: 0..<3, using: &rng)))
            case 3..<5 where !inMulti:
                _ = h.run("MULTI")
                inMulti = true
            case 5..<8 where inMulti:
                _ = h.run("EXEC")
                inMulti = false
            case 8..<12:
                // A waiter blocks (or is served at once) on a list pop or move.
                let waiter = waiters.randomElement(using: &rng)!
                guard !h.isBlocked(waiter) else { continue }
                let key = "l\(Int.random(in: 0..<6, using: &rng))"
                let blocking = [["BLPOP", key, "0"], ["BLMPOP", "0", "1", key, "RIGHT", "COUNT", "2"],
                                ["BLMOVE", key, "l0", "LEFT", "RIGHT", "0"], ["BRPOPLPUSH", key, "l1", "0"]]
                _ = h.run(blocking.randomElement(using: &rng)!, as: waiter)
            default:
                // A blocked client sends nothing more, so blocking commands that could wait go to an idle waiter
                // (inside MULTI they never wait).
                let c = command(&rng)
                if !inMulti, c[0].hasPrefix("B") {
                    if let idle = waiters.first(where: { !h.isBlocked($0) }) { _ = h.run(c, as: idle) }
                } else {
                    _ = h.run(c)
                }
            }
        }
        if inMulti { _ = h.run("EXEC") }
        h.assertLogReplaysToSameDataset(settings: Self.settings)
    }

    func testReplayingRandomWorkloadsReproducesTheDataset() {
        for seed: UInt64 in [1, 2, 3, 42, 2026] { runWorkload(seed: seed, commands: 1500) }
    }
}
