/// Hash commands. Whole-hash replies are ordered only in listpack encoding.
extension RandomCommandGenerator {
    mutating func hashCommand() -> RandomStep {
        oneOf([
            (12, { g in RandomStep([g.rng.pick(["HSET", "HMSET"]), g.key()] + g.fieldValuePairs()) }),
            (3, { g in RandomStep(["HSETNX", g.key(), g.element(), g.value()]) }),
            (8, { g in RandomStep(["HGET", g.key(), g.element()]) }),
            (3, { g in RandomStep(["HMGET", g.key()] + g.elements(1...4)) }),
            (4, { g in RandomStep(["HDEL", g.key()] + g.elements(1...3)) }),
            (3, { g in RandomStep(["HLEN", g.key()]) }),
            (2, { g in RandomStep(["HSTRLEN", g.key(), g.element()]) }),
            (2, { g in RandomStep(["HEXISTS", g.key(), g.element()]) }),
            (4, { g in RandomStep(["HINCRBY", g.key(), g.element(), g.integer(-100...100)]) }),
            (3, { g in RandomStep(["HINCRBYFLOAT", g.key(), g.element(), g.float()]) }),
            (3, { g in g.wholeCollection(["HGETALL"], unordered: .projected("pairs sorted", Projection.sortedPairs)) }),
            (2, { g in g.wholeCollection(["HKEYS"], unordered: .unordered) }),
            (2, { g in g.wholeCollection(["HVALS"], unordered: .unordered) }),
            (2, { g in g.scanCollection("HSCAN", pairs: true) }),
            (2, { g in
                let count = g.rng.chance(80) ? [g.integer(-4...6)] : []
                let withValues = !count.isEmpty && g.rng.chance(40) ? ["WITHVALUES"] : []
                return RandomStep(["HRANDFIELD", g.key()] + count + withValues,
                                  .projected("number of picks", RandomizedProjection.size))
            }),
        ])
    }

    private mutating func fieldValuePairs() -> [String] {
        var words = (0..<rng.int(1...4)).flatMap { _ in [element(), value()] }
        if rng.chance(4) { words.removeLast() }
        return words
    }

    /// A read of a whole collection (`command` followed by a key) whose order is defined only
    /// while the collection is compact.
    mutating func wholeCollection(_ command: [String], unordered: Comparison) -> RandomStep {
        let key = key()
        return RandomStep([command[0], key] + command.dropFirst(), .orderedIfCompact(key: key, otherwise: unordered))
    }

    /// HSCAN/SSCAN/ZSCAN from cursor 0 with a COUNT that finishes in one call.
    mutating func scanCollection(_ name: String, pairs: Bool) -> RandomStep {
        let key = key()
        let cursor = rng.chance(5) ? "abc" : "0"
        return RandomStep([name, key, cursor] + scanOptions(types: false),
                          .orderedIfCompact(key: key, otherwise: .projected("scan page, elements sorted",
                                                                            RandomizedProjection.scanPage(pairs: pairs))))
    }
}
