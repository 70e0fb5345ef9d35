/// Sorted-set commands. Lexicographic ranges run only on `lexKeys`; the only writes that
/// may create or grow a sorted set there are ZADDs of score 0 (see RandomCommandGenerator).
extension RandomCommandGenerator {
    mutating func sortedSetCommand() -> RandomStep {
        oneOf([
            (14, { g in g.zadd() }),
            (4, { g in RandomStep(["ZINCRBY", g.generalKey(), g.float(), g.element()]) }),
            (4, { g in RandomStep(["ZSCORE", g.key(), g.element()]) }),
            (2, { g in RandomStep(["ZMSCORE", g.key()] + g.elements(1...3)) }),
            (3, { g in RandomStep(["ZCARD", g.key()]) }),
            (3, { g in RandomStep(["ZCOUNT", g.key(), g.scoreBound(), g.scoreBound()]) }),
            (3, { g in RandomStep(["ZLEXCOUNT", g.lexKey(), g.lexBound(), g.lexBound()]) }),
            (8, { g in g.zrange(name: "ZRANGE") }),
            (3, { g in RandomStep(["ZRANGESTORE", g.generalKey()] + g.zrange(name: "ZRANGE").command.dropFirst()
                                    .filter { $0 != "WITHSCORES" }) }),
            (3, { g in
                RandomStep([g.rng.pick(["ZRANGEBYSCORE", "ZREVRANGEBYSCORE"]), g.key(), g.scoreBound(), g.scoreBound()]
                           + g.withScores() + g.limit())
            }),
            (3, { g in
                RandomStep([g.rng.pick(["ZRANGEBYLEX", "ZREVRANGEBYLEX"]), g.lexKey(), g.lexBound(), g.lexBound()] + g.limit())
            }),
            (2, { g in RandomStep(["ZREVRANGE", g.key(), g.index(), g.index()] + g.withScores()) }),
            (4, { g in RandomStep([g.rng.pick(["ZRANK", "ZREVRANK"]), g.key(), g.element()]) }),
            (4, { g in RandomStep(["ZREM", g.key()] + g.elements(1...3)) }),
            (2, { g in RandomStep(["ZREMRANGEBYRANK", g.key(), g.index(), g.index()]) }),
            (2, { g in RandomStep(["ZREMRANGEBYSCORE", g.key(), g.scoreBound(), g.scoreBound()]) }),
            (2, { g in RandomStep(["ZREMRANGEBYLEX", g.lexKey(), g.lexBound(), g.lexBound()]) }),
            (4, { g in RandomStep([g.rng.pick(["ZPOPMIN", "ZPOPMAX"]), g.key()] + (g.rng.chance(50) ? [g.count()] : [])) }),
            (2, { g in
                RandomStep(["ZMPOP"] + g.numberedKeys { $0.key() } + [g.rng.pick(["MIN", "MAX", "MID"])] + g.popCount())
            }),
            (1, { g in RandomStep([g.rng.pick(["BZPOPMIN", "BZPOPMAX"])] + g.keys(1...2) + [g.shortTimeout()]) }),
            (1, { g in
                RandomStep(["BZMPOP", g.shortTimeout()] + g.numberedKeys { $0.key() } + [g.rng.pick(["MIN", "MAX"])]
                           + g.popCount())
            }),
            (3, { g in
                RandomStep([g.rng.pick(["ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"]), g.generalKey()] + g.combineArguments())
            }),
            (3, { g in
                let name = g.rng.pick(["ZUNION", "ZINTER", "ZDIFF"])
                return RandomStep([name] + g.combineArguments() + g.withScores())
            }),
            (2, { g in
                RandomStep(["ZINTERCARD"] + g.numberedKeys { $0.key() } + (g.rng.chance(40) ? ["LIMIT", g.integer(0...3)] : []))
            }),
            (2, { g in g.scanCollection("ZSCAN", pairs: true) }),
            (2, { g in
                let count = g.rng.chance(80) ? [g.integer(-4...6)] : []
                let withScores = !count.isEmpty && g.rng.chance(40) ? ["WITHSCORES"] : []
                return RandomStep(["ZRANDMEMBER", g.key()] + count + withScores,
                                  .projected("number of picks", RandomizedProjection.size))
            }),
        ])
    }

    /// ZADD with options; on a lex key every score is 0 and INCR is left out.
    private mutating func zadd() -> RandomStep {
        let key = key()
        let lex = Self.lexKeys.contains(key)
        var options: [String] = []
        if rng.chance(15) { options.append(rng.pick(["NX", "XX"])) }
        if rng.chance(10) { options.append(rng.pick(["GT", "LT"])) }
        if rng.chance(15) { options.append("CH") }
        let increment = !lex && rng.chance(8)
        if increment { options.append("INCR") }
        let pairs = (0..<(increment ? 1 : rng.int(1...4))).flatMap { _ in [lex ? "0" : float(), element()] }
        return RandomStep(["ZADD", key] + options + (rng.chance(3) ? Array(pairs.dropLast()) : pairs))
    }

    /// ZRANGE in one of its forms: by rank, BYSCORE, or BYLEX on a lex key; with REV, LIMIT
    /// and WITHSCORES mixed in, including invalid combinations.
    private mutating func zrange(name: String) -> RandomStep {
        var words: [String]
        switch rng.int(1...6) {
        case 1, 2: words = [name, key(), index(), index()]
        case 3, 4: words = [name, key(), scoreBound(), scoreBound(), "BYSCORE"]
        default: words = [name, lexKey(), lexBound(), lexBound(), "BYLEX"]
        }
        if rng.chance(30) { words.append("REV") }
        words += limit()
        words += withScores()
        return RandomStep(words)
    }

    private mutating func withScores() -> [String] { rng.chance(35) ? ["WITHSCORES"] : [] }

    private mutating func limit() -> [String] {
        rng.chance(25) ? ["LIMIT", integer(-1...3), integer(-1...4)] : []
    }

    /// `numkeys key... [WEIGHTS w...] [AGGREGATE SUM|MIN|MAX]` for the union/inter/diff family.
    private mutating func combineArguments() -> [String] {
        var words = numberedKeys { $0.key() }
        let keyCount = Int(words[0]) ?? 1
        if rng.chance(30) {
            words += ["WEIGHTS"] + (0..<max(0, keyCount + (rng.chance(10) ? 1 : 0))).map { _ in float() }
        }
        if rng.chance(30) { words += ["AGGREGATE", rng.pick(["SUM", "MIN", "MAX", "AVG"])] }
        return words
    }
}
