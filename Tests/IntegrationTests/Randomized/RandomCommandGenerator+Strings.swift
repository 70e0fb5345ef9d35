/// String and bit commands.
extension RandomCommandGenerator {
    mutating func stringCommand() -> RandomStep {
        oneOf([
            (12, { g in RandomStep(["SET", g.key(), g.value()] + g.setOptions()) }),
            (10, { g in RandomStep(["GET", g.key()]) }),
            (3, { g in RandomStep(["SETNX", g.key(), g.value()]) }),
            (2, { g in RandomStep(["SETEX", g.key(), g.seconds(), g.value()]) }),
            (2, { g in RandomStep(["GETSET", g.key(), g.value()]) }),
            (2, { g in RandomStep(["GETDEL", g.key()]) }),
            (3, { g in RandomStep(["GETEX", g.key()] + g.getexOptions()) }),
            (3, { g in RandomStep(["MGET"] + g.keys(1...4)) }),
            (2, { g in RandomStep(["MSET"] + g.keyValuePairs()) }),
            (2, { g in RandomStep(["MSETNX"] + g.keyValuePairs()) }),
            (5, { g in RandomStep(["APPEND", g.key(), g.value()]) }),
            (3, { g in RandomStep(["STRLEN", g.key()]) }),
            (4, { g in RandomStep([g.rng.pick(["INCR", "DECR"]), g.key()]) }),
            (4, { g in RandomStep([g.rng.pick(["INCRBY", "DECRBY"]), g.key(), g.integer(-100...100)]) }),
            (4, { g in RandomStep(["INCRBYFLOAT", g.key(), g.float()]) }),
            (3, { g in RandomStep([g.rng.pick(["GETRANGE", "SUBSTR"]), g.key(), g.index(), g.index()]) }),
            (3, { g in RandomStep(["SETRANGE", g.key(), g.offset(), g.value()]) }),
            (3, { g in RandomStep(["SETBIT", g.key(), g.bitOffset(), g.rng.pick(["0", "1", "1", "2"])]) }),
            (2, { g in RandomStep(["GETBIT", g.key(), g.bitOffset()]) }),
            (3, { g in RandomStep(["BITCOUNT", g.key()] + g.bitRange(maximumFields: 2)) }),
            (3, { g in RandomStep(["BITPOS", g.key(), g.rng.pick(["0", "1", "2"])] + g.bitRange(maximumFields: 3)) }),
            (2, { g in
                RandomStep(["BITOP", g.rng.pick(["AND", "OR", "XOR", "NOT", "NAND"]), g.key()] + g.keys(1...3))
            }),
            (2, { g in RandomStep(["LCS", g.key(), g.key()] + g.lcsOptions()) }),
        ])
    }

    private mutating func setOptions() -> [String] {
        var options: [String] = []
        if rng.chance(20) { options.append(rng.pick(["NX", "XX"])) }
        if rng.chance(15) { options.append("GET") }
        switch rng.int(1...10) {
        case 1: options += ["EX", seconds()]
        case 2: options += ["PX", rng.pick(["100000000", "0", "abc"])]
        case 3: options += ["EXAT", unixSeconds(past: false)]
        case 4: options.append("KEEPTTL")
        default: break
        }
        if rng.chance(3) { options.append(rng.pick(["EX", "BOGUS", "NX"])) }
        return options
    }

    private mutating func getexOptions() -> [String] {
        switch rng.int(1...6) {
        case 1: return ["EX", seconds()]
        case 2: return ["PXAT", unixSeconds() + "000"]
        case 3: return ["PERSIST"]
        case 4: return ["PERSIST", "EX", "10"]
        default: return []
        }
    }

    private mutating func keyValuePairs() -> [String] {
        var words = (0..<rng.int(1...3)).flatMap { _ in [key(), value()] }
        if rng.chance(5) { words.removeLast() }
        return words
    }

    /// A SETRANGE offset: small, negative, or just past the 512 MB string limit.
    private mutating func offset() -> String {
        switch rng.int(1...12) {
        case 1: return rng.pick(["-1", "abc", "536870912", "536870911"])
        default: return String(rng.int(0...40))
        }
    }

    private mutating func bitOffset() -> String {
        rng.chance(8) ? rng.pick(["-1", "4294967296", "abc"]) : String(rng.int(0...200))
    }

    /// `[start end [BYTE|BIT]]` truncated to at most `maximumFields` words (BITPOS allows
    /// a start alone).
    private mutating func bitRange(maximumFields: Int) -> [String] {
        let full = [index(), index(), rng.pick(["BYTE", "BIT", "bit", "WORD"])]
        return Array(full.prefix(rng.int(0...maximumFields)))
    }

    private mutating func lcsOptions() -> [String] {
        var options: [String] = []
        if rng.chance(30) { options.append("LEN") }
        if rng.chance(30) { options.append("IDX") }
        if rng.chance(20) { options += ["MINMATCHLEN", integer(0...4)] }
        if rng.chance(20) { options.append("WITHMATCHLEN") }
        return options
    }
}
