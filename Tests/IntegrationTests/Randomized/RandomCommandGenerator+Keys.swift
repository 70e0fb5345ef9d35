/// Generic key commands and expiry. Relative TTLs are only set with NX/XX, never compared
/// with GT/LT: two servers set them a few milliseconds apart, so equal relative TTLs would
/// race. Absolute deadlines are far apart and compare deterministically.
extension RandomCommandGenerator {
    mutating func keyCommand() -> RandomStep {
        oneOf([
            (6, { g in RandomStep([g.rng.pick(["DEL", "UNLINK"])] + g.keys(1...3)) }),
            (4, { g in RandomStep(["EXISTS"] + g.keys(1...3)) }),
            (6, { g in RandomStep(["TYPE", g.key()]) }),
            (6, { g in RandomStep(["OBJECT", "ENCODING", g.key()]) }),
            (3, { g in RandomStep([g.rng.pick(["RENAME", "RENAMENX"]), g.key(), g.generalKey()]) }),
            (3, { g in RandomStep(["COPY", g.key(), g.generalKey()] + g.copyOptions()) }),
            (1, { g in RandomStep(["MOVE", g.key(), g.rng.pick(["1", "1", "0", "16", "x"])]) }),
            (4, { g in RandomStep([g.rng.pick(["EXPIRE", "PEXPIRE"]), g.key(), g.seconds() + (g.rng.chance(50) ? "" : "000")]
                                      + g.existenceCondition()) }),
            (4, { g in
                RandomStep([g.rng.pick(["EXPIREAT", "PEXPIREAT"]), g.key(), g.unixSeconds()] + g.expiryCondition())
            }),
            (4, { g in RandomStep(["TTL", g.key()], .approximately(2)) }),
            (2, { g in RandomStep(["PTTL", g.key()], .approximately(3000)) }),
            (2, { g in RandomStep(["EXPIRETIME", g.key()], .approximately(2)) }),
            (1, { g in RandomStep(["PEXPIRETIME", g.key()], .approximately(3000)) }),
            (3, { g in RandomStep(["PERSIST", g.key()]) }),
            (2, { g in RandomStep(["TOUCH"] + g.keys(1...3)) }),
            (2, { g in RandomStep(["DBSIZE"]) }),
            (2, { g in RandomStep(["KEYS", g.pattern()], .unordered) }),
            (2, { g in RandomStep(["SCAN", "0"] + g.scanOptions(types: true),
                                  .projected("scan page, keys sorted", RandomizedProjection.scanPage(pairs: false))) }),
            (1, { g in RandomStep(["RANDOMKEY"], .projected("nil or a key", RandomizedProjection.size)) }),
        ])
    }

    private mutating func copyOptions() -> [String] {
        var options: [String] = []
        if rng.chance(40) { options.append("REPLACE") }
        if rng.chance(15) { options += ["DB", rng.pick(["1", "0", "16", "x"])] }
        return options
    }

    /// NX or XX, the conditions that do not compare deadlines, or a pairing Redis rejects.
    private mutating func existenceCondition() -> [String] {
        switch rng.int(1...10) {
        case 1, 2: return ["NX"]
        case 3, 4: return ["XX"]
        case 5: return rng.pick([["NX", "XX"], ["NX", "GT"], ["GT", "LT"], ["LT", "NX"], ["GT", "BOGUS"]])
        default: return []
        }
    }

    private mutating func expiryCondition() -> [String] {
        rng.chance(50) ? [] : [rng.pick(["NX", "XX", "GT", "LT"])]
    }

    /// `COUNT` large enough that one call covers a whole small keyspace or collection, so
    /// the page is complete and cursors (implementation-specific) are 0 on both sides.
    mutating func scanOptions(types: Bool) -> [String] {
        var options: [String] = []
        if rng.chance(40) { options += ["MATCH", pattern()] }
        switch rng.int(1...12) {
        case 1: options += ["COUNT", rng.pick(["0", "-1", "abc"])]
        default: options += ["COUNT", "1000"]
        }
        if types && rng.chance(30) {
            options += ["TYPE", rng.pick(["string", "list", "set", "zset", "hash", "stream", "bogus"])]
        }
        return options
    }
}
