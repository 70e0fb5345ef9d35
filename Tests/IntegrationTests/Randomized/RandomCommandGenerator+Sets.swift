/// Set commands. SPOP only with a count that empties the set (a partial pop removes random
/// members and the datasets would part ways); SRANDMEMBER is compared by size.
extension RandomCommandGenerator {
    mutating func setCommand() -> RandomStep {
        oneOf([
            (12, { g in RandomStep(["SADD", g.key()] + g.elements(1...6)) }),
            (5, { g in RandomStep(["SREM", g.key()] + g.elements(1...3)) }),
            (4, { g in RandomStep(["SCARD", g.key()]) }),
            (4, { g in RandomStep(["SISMEMBER", g.key(), g.element()]) }),
            (3, { g in RandomStep(["SMISMEMBER", g.key()] + g.elements(1...3)) }),
            (4, { g in g.wholeCollection(["SMEMBERS"], unordered: .unordered) }),
            (2, { g in
                RandomStep(["SPOP", g.key(), g.rng.pick(["100000", "100000", "0", "-1", "abc"])], .unordered)
            }),
            (2, { g in
                RandomStep(["SRANDMEMBER", g.key()] + (g.rng.chance(80) ? [g.integer(-4...6)] : []),
                           .projected("number of picks", RandomizedProjection.size))
            }),
            (3, { g in RandomStep(["SMOVE", g.key(), g.key(), g.element()]) }),
            (3, { g in RandomStep([g.rng.pick(["SINTER", "SUNION", "SDIFF"])] + g.keys(1...3), .unordered) }),
            (3, { g in RandomStep([g.rng.pick(["SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"]), g.key()] + g.keys(1...3)) }),
            (2, { g in
                RandomStep(["SINTERCARD"] + g.numberedKeys { $0.key() } + (g.rng.chance(40) ? ["LIMIT", g.integer(0...3)] : []))
            }),
            (2, { g in g.scanCollection("SSCAN", pairs: false) }),
        ])
    }
}
