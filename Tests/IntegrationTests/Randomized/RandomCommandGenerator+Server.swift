/// Connection and server commands that change how later commands behave: encoding
/// thresholds (CONFIG SET), the protocol version (HELLO), SWAPDB, and wrong-arity calls.
extension RandomCommandGenerator {
    /// Thresholds the randomized run may change, with their Redis 7.0 defaults; each seed
    /// starts from these.
    static let encodingThresholds: [(name: String, defaultValue: String, choices: [String])] = [
        ("hash-max-listpack-entries", "128", ["0", "1", "4", "128"]),
        ("hash-max-listpack-value", "64", ["0", "4", "64"]),
        ("set-max-intset-entries", "512", ["0", "2", "4", "512"]),
        ("zset-max-listpack-entries", "128", ["0", "2", "4", "128"]),
        ("zset-max-listpack-value", "64", ["0", "4", "64"]),
        ("hll-sparse-max-bytes", "3000", ["0", "40", "300", "3000"]),
        ("list-max-listpack-size", "-2", ["-2", "4", "1"]),
    ]

    mutating func serverCommand() -> RandomStep {
        oneOf([
            (6, { g in
                let threshold = g.rng.pick(Self.encodingThresholds)
                return RandomStep(["CONFIG", "SET", threshold.name, g.rng.pick(threshold.choices)])
            }),
            (2, { g in RandomStep(["HELLO", g.rng.pick(["2", "3", "3", "4"])], .projected("field names", Projection.keys)) }),
            (1, { g in RandomStep(["SWAPDB", "0", g.rng.pick(["1", "1", "0", "16", "x"])]) }),
            (4, { g in g.wrongArityCall() }),
        ])
    }

    /// Per family, commands that become one argument short of their minimum arity when a
    /// single key follows them.
    static let wrongArityCalls: [RandomCommandFamily: [[String]]] = [
        .strings: [["SET"], ["APPEND"], ["GETRANGE"], ["SETRANGE"]],
        .keys: [["EXPIRE"], ["RENAME"]],
        .lists: [["LPUSH"], ["LINDEX"], ["LSET"], ["BLPOP"], ["LMOVE"]],
        .hashes: [["HSET"], ["HGET"], ["HINCRBY"]],
        .sets: [["SADD"], ["SMOVE"], ["SINTERCARD"]],
        .sortedSets: [["ZADD"], ["ZINCRBY"], ["ZRANGE"], ["ZRANGEBYLEX"], ["ZUNIONSTORE"]],
        .streams: [["XADD"], ["XRANGE"], ["XGROUP", "CREATE"]],
        .geo: [["GEOADD"], ["GEODIST"], ["GEOSEARCH"]],
    ]

    /// A wrong-arity call from one of the enabled families.
    private mutating func wrongArityCall() -> RandomStep {
        let calls = families.flatMap { Self.wrongArityCalls[$0] ?? [] }
        return RandomStep(calls.isEmpty ? ["GET"] : rng.pick(calls) + [key()])
    }
}
