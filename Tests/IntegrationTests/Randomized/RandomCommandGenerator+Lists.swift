/// List commands, blocking ones with timeouts short enough to elapse (never 0).
extension RandomCommandGenerator {
    mutating func listCommand() -> RandomStep {
        oneOf([
            (12, { g in RandomStep([g.rng.pick(["LPUSH", "RPUSH"]), g.key()] + g.elements(1...5)) }),
            (3, { g in RandomStep([g.rng.pick(["LPUSHX", "RPUSHX"]), g.key()] + g.elements(1...3)) }),
            (8, { g in RandomStep([g.rng.pick(["LPOP", "RPOP"]), g.key()] + (g.rng.chance(50) ? [g.count()] : [])) }),
            (5, { g in RandomStep(["LLEN", g.key()]) }),
            (5, { g in RandomStep(["LINDEX", g.key(), g.index()]) }),
            (8, { g in RandomStep(["LRANGE", g.key(), g.index(), g.index()]) }),
            (3, { g in RandomStep(["LSET", g.key(), g.index(), g.element()]) }),
            (3, { g in
                RandomStep(["LINSERT", g.key(), g.rng.pick(["BEFORE", "AFTER", "AFTER", "MIDDLE"]), g.element(), g.element()])
            }),
            (3, { g in RandomStep(["LREM", g.key(), g.integer(-3...3), g.element()]) }),
            (3, { g in RandomStep(["LTRIM", g.key(), g.index(), g.index()]) }),
            (4, { g in RandomStep(["LPOS", g.key(), g.element()] + g.lposOptions()) }),
            (2, { g in RandomStep(["RPOPLPUSH", g.key(), g.key()]) }),
            (3, { g in RandomStep(["LMOVE", g.key(), g.key(), g.side(), g.side()]) }),
            (3, { g in RandomStep(["LMPOP"] + g.numberedKeys { $0.key() } + [g.side()] + g.popCount()) }),
            (1, { g in RandomStep([g.rng.pick(["BLPOP", "BRPOP"])] + g.keys(1...2) + [g.shortTimeout()]) }),
            (1, { g in RandomStep(["BRPOPLPUSH", g.key(), g.key(), g.shortTimeout()]) }),
            (1, { g in RandomStep(["BLMOVE", g.key(), g.key(), g.side(), g.side(), g.shortTimeout()]) }),
            (1, { g in
                RandomStep(["BLMPOP", g.shortTimeout()] + g.numberedKeys { $0.key() } + [g.side()] + g.popCount())
            }),
        ])
    }

    private mutating func lposOptions() -> [String] {
        var options: [String] = []
        if rng.chance(30) { options += ["RANK", rng.pick(["1", "2", "-1", "-2", "0", "-9223372036854775808"])] }
        if rng.chance(30) { options += ["COUNT", rng.pick(["0", "1", "2", "-1"])] }
        if rng.chance(20) { options += ["MAXLEN", rng.pick(["0", "2", "-1"])] }
        return options
    }

    /// The optional `COUNT n` of LMPOP/ZMPOP/BLMPOP/BZMPOP.
    mutating func popCount() -> [String] { rng.chance(50) ? ["COUNT", count()] : [] }
}
