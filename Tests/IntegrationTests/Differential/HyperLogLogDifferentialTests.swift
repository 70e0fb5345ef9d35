import XCTest

/// PFADD, PFCOUNT, PFMERGE and PFDEBUG compared with Redis, down to the bytes GET returns (sparse opcodes, the dense
/// register layout, the cached cardinality in the header).
final class HyperLogLogDifferentialTests: XCTestCase {
    private func pfadd(_ key: String, _ range: Range<Int>, prefix: String = "e") -> DifferentialStep {
        DifferentialStep(["PFADD", key] + range.map { "\(prefix)\($0)" })
    }

    func testSparseBytesAndCounts() {
        assertSameReplies([
            DifferentialCase("small sparse values", [
                ["PFADD", "h", "a", "b", "c"], ["GET", "h"], ["PFCOUNT", "h"], ["GET", "h"], ["PFADD", "h", "a"],
                ["PFADD", "h", "d", "e"], ["GET", "h"], ["PFADD", "h"], ["PFADD", "new"], ["GET", "new"],
                ["PFCOUNT", "new"], ["OBJECT", "ENCODING", "h"], ["PFDEBUG", "DECODE", "h"],
                ["PFDEBUG", "ENCODING", "h"], ["PFCOUNT", "missing"], ["EXISTS", "missing"],
            ]),
            DifferentialCase("sparse growth step by step", [
                pfadd("h", 0..<10), ["GET", "h"], pfadd("h", 10..<50), ["GET", "h"], ["PFCOUNT", "h"],
                pfadd("h", 50..<200), ["GET", "h"], ["PFCOUNT", "h"], ["PFDEBUG", "DECODE", "h"],
                pfadd("h", 200..<700), ["GET", "h"], ["PFCOUNT", "h"], ["PFDEBUG", "ENCODING", "h"],
            ]),
        ])
    }

    func testPromotionToDense() {
        assertSameReplies([
            DifferentialCase("past hll-sparse-max-bytes", [
                pfadd("h", 0..<1500), ["PFDEBUG", "ENCODING", "h"], ["STRLEN", "h"], ["PFCOUNT", "h"], ["GET", "h"],
                pfadd("h", 1500..<20000), ["PFCOUNT", "h"], ["GET", "h"],
            ]),
            DifferentialCase("configured sparse limit", [
                ["CONFIG", "SET", "hll-sparse-max-bytes", "60"], pfadd("h", 0..<10), ["PFDEBUG", "ENCODING", "h"],
                ["GET", "h"], pfadd("h", 10..<40), ["PFDEBUG", "ENCODING", "h"], ["GET", "h"], ["PFCOUNT", "h"],
                ["CONFIG", "SET", "hll-sparse-max-bytes", "0"], ["PFADD", "z", "x"], ["PFDEBUG", "ENCODING", "z"],
                ["CONFIG", "SET", "hll-sparse-max-bytes", "3000"],
            ]),
            DifferentialCase("pfdebug todense and getreg", [
                pfadd("h", 0..<30), ["PFDEBUG", "TODENSE", "h"], ["PFDEBUG", "TODENSE", "h"], ["GET", "h"],
                ["PFDEBUG", "DECODE", "h"], pfadd("g", 0..<30), ["PFDEBUG", "GETREG", "g"], ["PFDEBUG", "ENCODING", "g"],
                ["PFDEBUG", "ENCODING", "missing"], ["PFDEBUG", "BOGUS", "h"], ["PFDEBUG", "GETREG"],
            ]),
        ])
    }

    func testMerge() {
        assertSameReplies([
            DifferentialCase("sparse and dense sources", [
                pfadd("s1", 0..<100), pfadd("s2", 50..<300, prefix: "f"), pfadd("d", 0..<8000, prefix: "g"),
                ["PFMERGE", "m", "s1", "s2"], ["GET", "m"], ["PFCOUNT", "m"], ["PFCOUNT", "s1", "s2"],
                ["PFMERGE", "m2", "s1", "d"], ["GET", "m2"], ["PFCOUNT", "m2"], ["PFCOUNT", "s1", "s2", "d", "missing"],
                ["PFMERGE", "s1", "s2"], ["GET", "s1"], ["PFMERGE", "s2", "d"], ["PFDEBUG", "ENCODING", "s2"],
                ["PFMERGE", "alone"], ["GET", "alone"], ["PFMERGE", "m3", "missing"], ["GET", "m3"],
                ["PFMERGE", "d"], ["PFCOUNT", "d"],
            ]),
        ])
    }

    func testCommandIntrospection() {
        let core = Comparison.projected("name, arity, first/last key, step", Projection.commandInfoCore)
        let docs = Comparison.projected("documented names with summary/arguments", Projection.docsOutline)
        assertSameReplies([
            DifferentialCase("command info and docs", [
                DifferentialStep(["COMMAND", "INFO", "pfadd", "pfcount", "pfmerge", "pfdebug"], core),
                DifferentialStep(["COMMAND", "DOCS", "pfadd", "pfcount", "pfmerge", "pfdebug"], docs),
            ]),
        ])
    }

    func testErrors() {
        assertSameReplies([
            DifferentialCase("not a hyperloglog", [
                ["SET", "s", "hello"], ["PFADD", "s", "a"], ["PFCOUNT", "s"], ["PFCOUNT", "s", "x"],
                ["PFMERGE", "d", "s"], ["PFMERGE", "s", "d"], ["EXISTS", "d"], ["SET", "n", "12345"], ["PFADD", "n", "a"],
                ["SET", "short", "HYLL"], ["PFCOUNT", "short"], ["PFADD", "h", "a"], ["SETRANGE", "h", "4", "\u{2}"],
                ["PFCOUNT", "h"], ["SETRANGE", "h", "4", "\u{0}"], ["PFCOUNT", "h"], ["PFDEBUG", "ENCODING", "s"],
            ]),
            DifferentialCase("other types", [
                ["GEOADD", "z", "1", "1", "m"], ["PFADD", "hll", "a"], ["PFADD", "z", "a"], ["PFCOUNT", "z"],
                ["PFCOUNT", "hll", "z"], ["PFMERGE", "z", "hll"], ["PFMERGE", "hll", "z"], ["PFDEBUG", "ENCODING", "z"],
            ]),
            DifferentialCase("corrupted sparse opcodes", [
                ["PFADD", "h", "a"], ["APPEND", "h", "\u{0}"], ["PFCOUNT", "h"], ["PFCOUNT", "h", "h"],
                ["PFMERGE", "m", "h"], ["PFDEBUG", "TODENSE", "h"], ["PFDEBUG", "GETREG", "h"],
                ["PFADD", "c", "a"], ["SETRANGE", "c", "16", "\u{0}"], ["PFADD", "c", "x", "y", "z", "w"],
                ["GET", "c"],
            ]),
            DifferentialCase("registers above what hashes produce", [
                ["SET", "max", "HYLL"],
                DifferentialStep(["BITFIELD", "max", "SET", "u8", "#15", "128"]
                                 + (16..<12304).flatMap { ["SET", "u8", "#\($0)", "255"] }),
                ["STRLEN", "max"], ["PFCOUNT", "max"], ["PFCOUNT", "max"], ["PFCOUNT", "max", "other"],
                ["GETRANGE", "max", "0", "15"], ["PFADD", "max", "a"], ["PFDEBUG", "ENCODING", "max"],
            ]),
            DifferentialCase("wrong arity", [
                ["PFADD"], ["PFCOUNT"], ["PFMERGE"], ["PFDEBUG"], ["PFDEBUG", "ENCODING"],
                ["PFDEBUG", "ENCODING", "a", "b"],
            ]),
        ])
    }
}
