import RESP
@testable import StrataCore
import XCTest

/// PFADD/PFCOUNT/PFMERGE/PFDEBUG and the HyperLogLog string format. Byte strings, counts and register dumps were
/// taken from redis-server 7.0.15 after the same commands.
final class HyperLogLogTests: XCTestCase {
    private func bytes(_ hex: String) -> Bytes {
        var out: Bytes = []
        var it = hex.makeIterator()
        while let hi = it.next(), let lo = it.next() { out.append(UInt8(String([hi, lo]), radix: 16)!) }
        return out
    }

    private func elements(_ n: Int) -> [String] { (0..<n).map { "e\($0)" } }

    /// A HyperLogLog header whose cached cardinality is stale, followed by `opcodes`.
    private func sparseValue(_ opcodes: [UInt8]) -> Bytes {
        Array("HYLL".utf8) + [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80] + opcodes
    }

    func testPfaddWritesRedisSparseBytes() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("PFADD", "h", "a", "b", "c"), .integer(1))
        XCTAssertEqual(h.run("GET", "h"), .bulkString(bytes("48594c4c01000000000000000000008060f38050b1844bfb80425a")))
        XCTAssertEqual(h.run("PFADD", "one", "hello"), .integer(1))
        XCTAssertEqual(h.run("GET", "one"), .bulkString(bytes("48594c4c01000000000000000000008063ff805bfe")))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "h"), .bulk("raw"))
    }

    func testPfaddWithoutElementsCreatesAnEmptyValueOnce() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("PFADD", "h"), .integer(1))
        XCTAssertEqual(h.run("GET", "h"), .bulkString(bytes("48594c4c0100000000000000000000807fff")))
        XCTAssertEqual(h.run("PFADD", "h"), .integer(0))
        XCTAssertEqual(h.run("PFCOUNT", "h"), .integer(0))
    }

    func testPfaddReportsWhetherARegisterChanged() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("PFADD", "h", "a"), .integer(1))
        XCTAssertEqual(h.run("PFADD", "h", "a"), .integer(0))
        XCTAssertEqual(h.run("PFADD", "h", "a", "b"), .integer(1))
    }

    func testRegistersMatchRedis() {
        let h = EngineHarness()
        h.run("PFADD", "h", "a", "b", "c")
        guard case .array(let regs?) = h.run("PFDEBUG", "GETREG", "h") else { return XCTFail("no registers") }
        XCTAssertEqual(regs.count, 16384)
        let set = regs.enumerated().compactMap { i, v -> [Int64]? in
            if case .integer(let n) = v, n != 0 { return [Int64(i), n] }
            return nil
        }
        XCTAssertEqual(set, [[8436, 1], [12711, 2], [15780, 1]])
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "h"), .simpleString("dense"), "GETREG converts to dense")
    }

    func testEstimatesMatchRedisInBothEncodings() {
        let h = EngineHarness()
        h.run(["PFADD", "s"] + elements(200))
        XCTAssertEqual(h.run("PFCOUNT", "s"), .integer(200))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "s"), .simpleString("sparse"))
        XCTAssertEqual(h.run("STRLEN", "s"), .integer(513))
        h.run(["PFADD", "d"] + elements(5000))
        XCTAssertEqual(h.run("PFCOUNT", "d"), .integer(4968))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "d"), .simpleString("dense"))
        XCTAssertEqual(h.run("STRLEN", "d"), .integer(12304))
        XCTAssertEqual(h.run("PFCOUNT", "d", "s"), .integer(4968))
        h.run(["PFADD", "m"] + elements(100_000))
        XCTAssertEqual(h.run("PFCOUNT", "m"), .integer(100_853))
    }

    func testCountIsCachedInTheHeaderUntilTheNextChange() {
        let h = EngineHarness()
        h.run("PFADD", "h", "a", "b", "c")
        XCTAssertEqual(h.run("PFCOUNT", "h"), .integer(3))
        XCTAssertEqual(h.run("GET", "h"), .bulkString(bytes("48594c4c01000000030000000000000060f38050b1844bfb80425a")))
        h.run("PFADD", "h", "d")
        guard case .bulkString(let value?) = h.run("GET", "h") else { return XCTFail("missing") }
        XCTAssertEqual(value[15] & 0x80, 0x80, "stale flag after a change")
    }

    func testSparseTurnsDenseAtTheConfiguredSize() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CONFIG", "SET", "hll-sparse-max-bytes", "100"), .ok)
        h.run(["PFADD", "h"] + elements(20))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "h"), .simpleString("sparse"))
        h.run(["PFADD", "h"] + elements(60))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "h"), .simpleString("dense"))
        XCTAssertEqual(h.run("PFCOUNT", "h"), .integer(60))
    }

    func testMergeUsesDenseWhenAnySourceIsDense() {
        let h = EngineHarness()
        h.run(["PFADD", "s"] + elements(10))
        h.run(["PFADD", "d"] + elements(5000))
        XCTAssertEqual(h.run("PFMERGE", "m1", "s"), .ok)
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "m1"), .simpleString("sparse"))
        XCTAssertEqual(h.run("GET", "m1"), h.run("GET", "s"))
        XCTAssertEqual(h.run("PFMERGE", "m2", "s", "d"), .ok)
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "m2"), .simpleString("dense"))
        XCTAssertEqual(h.run("PFCOUNT", "m2"), .integer(4968))
        XCTAssertEqual(h.run("PFMERGE", "s"), .ok, "the destination alone")
        XCTAssertEqual(h.run("PFCOUNT", "s"), .integer(10))
        XCTAssertEqual(h.run("PFMERGE", "empty", "missing"), .ok)
        XCTAssertEqual(h.run("PFCOUNT", "empty"), .integer(0))
    }

    func testCopiedValueCountsTheSame() {
        let h = EngineHarness()
        h.run(["PFADD", "h"] + elements(300))
        guard case .bulkString(let value?) = h.run("GET", "h") else { return XCTFail("missing") }
        XCTAssertEqual(h.run([Bytes("SET"), Bytes("copy"), value]), .ok)
        XCTAssertEqual(h.run("PFCOUNT", "copy"), h.run("PFCOUNT", "h"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "copy"), .bulk("raw"))
    }

    func testStringsThatAreNotHyperLogLogs() {
        let h = EngineHarness()
        let notHLL = RESPValue.error("WRONGTYPE Key is not a valid HyperLogLog string value.")
        h.run("SET", "text", "hello world, not an hll")
        h.run("SET", "int", "123")
        h.run("SET", "short", "HYLL")
        XCTAssertEqual(h.run([Bytes("SET"), Bytes("enc"), Array("HYLL".utf8) + [2] + Bytes(repeating: 0, count: 11)]), .ok)
        XCTAssertEqual(h.run([Bytes("SET"), Bytes("dense"), Array("HYLL".utf8) + Bytes(repeating: 0, count: 12)]), .ok)
        for key in ["text", "int", "short", "enc", "dense"] {
            XCTAssertEqual(h.run("PFADD", key, "a"), notHLL, key)
            XCTAssertEqual(h.run("PFCOUNT", key), notHLL, key)
            XCTAssertEqual(h.run("PFCOUNT", key, "other"), notHLL, key)
            XCTAssertEqual(h.run("PFMERGE", "dest", key), notHLL, key)
        }
        XCTAssertEqual(h.run("EXISTS", "dest"), .integer(0))
    }

    func testCorruptedSparseOpcodes() {
        let h = EngineHarness()
        let corrupted = RESPValue.error("INVALIDOBJ Corrupted HLL object detected")
        // 16369 + 16 + 1 registers: one too many; and a value past the last register.
        let cases: [[UInt8]] = [[0x7F, 0xF0, 0x0F, 0x00], [0x7F, 0xFF, 0x80], [0x7F, 0xF0]]
        for (i, opcodes) in cases.enumerated() {
            let key = Bytes("bad\(i)".utf8)
            XCTAssertEqual(h.run([Bytes("SET"), key, sparseValue(opcodes)]), .ok)
            XCTAssertEqual(h.run([Bytes("PFCOUNT"), key]), corrupted, "\(opcodes)")
            XCTAssertEqual(h.run([Bytes("PFCOUNT"), key, Bytes("x")]), corrupted, "\(opcodes)")
            XCTAssertEqual(h.run([Bytes("PFMERGE"), Bytes("dest"), key]), corrupted, "\(opcodes)")
            XCTAssertEqual(h.run([Bytes("PFDEBUG"), Bytes("TODENSE"), key]), corrupted, "\(opcodes)")
        }
        XCTAssertEqual(h.run([Bytes("SET"), Bytes("short"), sparseValue([0x00])]), .ok, "covers register 0 only")
        XCTAssertEqual(h.run("PFADD", "short", "a", "b", "c", "d", "e", "f", "g", "h"), corrupted)
    }

    func testWrongTypeAndArity() {
        let h = EngineHarness()
        var zset = SortedSetValue()
        _ = zset.insert(Bytes("a".utf8), score: 1, limits: EncodingLimits())
        h.engine.setKey(h.engine.databases[0], Bytes("z".utf8), .zset(zset), now: 0)
        h.run("PFADD", "h", "a")
        XCTAssertEqual(h.run("PFADD", "z", "a"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("PFCOUNT", "z"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("PFCOUNT", "h", "z"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("PFMERGE", "z", "h"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("PFMERGE", "h", "z"), .error(ReplyError.wrongType))
        XCTAssertEqual(h.run("PFADD"), .error("ERR wrong number of arguments for 'pfadd' command"))
        XCTAssertEqual(h.run("PFCOUNT"), .error("ERR wrong number of arguments for 'pfcount' command"))
        XCTAssertEqual(h.run("PFMERGE"), .error("ERR wrong number of arguments for 'pfmerge' command"))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING"), .error("ERR wrong number of arguments for 'pfdebug' command"))
        XCTAssertEqual(h.run("PFCOUNT", "missing"), .integer(0))
    }

    func testPfdebugSubcommands() {
        let h = EngineHarness()
        h.run("PFADD", "h", "a", "b", "c")
        XCTAssertEqual(h.run("PFDEBUG", "DECODE", "h"),
                       .bulk("Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603"))
        XCTAssertEqual(h.run("PFDEBUG", "ENCODING", "missing"), .error("ERR The specified key does not exist"))
        XCTAssertEqual(h.run("PFDEBUG", "nope", "h"), .error("ERR Unknown PFDEBUG subcommand 'nope'"))
        XCTAssertEqual(h.run("PFDEBUG", "TODENSE", "h"), .integer(1))
        XCTAssertEqual(h.run("PFDEBUG", "TODENSE", "h"), .integer(0))
        XCTAssertEqual(h.run("PFDEBUG", "DECODE", "h"), .error("ERR HLL encoding is not sparse"))
        XCTAssertEqual(h.run("PFCOUNT", "h"), .integer(3))
    }

    func testRegistersNoHashCanProduceGiveRedisOverflowedCount() {
        let h = EngineHarness()
        let header = Array("HYLL".utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]
        XCTAssertEqual(h.run([Bytes("SET"), Bytes("max"), header + Bytes(repeating: 0xFF, count: 12288)]), .ok)
        XCTAssertEqual(h.run("PFCOUNT", "max"), .integer(Int64.min))
        XCTAssertEqual(h.run("PFCOUNT", "max"), .integer(Int64.min), "the overflowed count reads as a stale cache")
        XCTAssertEqual(h.run("PFCOUNT", "max", "other"), .integer(Int64.min))
    }

    func testEstimatorEdgeCases() {
        var empty = [Int](repeating: 0, count: 64)
        empty[0] = HyperLogLog.registerCount
        XCTAssertEqual(HyperLogLogEstimator.cardinality(empty), 0)
        XCTAssertEqual(HyperLogLogEstimator.sigma(1), .infinity)
        XCTAssertEqual(HyperLogLogEstimator.tau(0), 0)
        XCTAssertEqual(HyperLogLogEstimator.tau(1), 0)
    }
}
