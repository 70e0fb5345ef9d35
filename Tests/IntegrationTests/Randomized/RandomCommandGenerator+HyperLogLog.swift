/// HyperLogLog commands. Large PFADDs (and small `hll-sparse-max-bytes`, see the server
/// family) drive sparse registers into the dense representation; a string written with SET
/// or APPEND on top of one exercises the corruption checks.
extension RandomCommandGenerator {
    mutating func hyperLogLogCommand() -> RandomStep {
        oneOf([
            (10, { g in
                let size = g.rng.chance(15) ? 200 : g.rng.int(0...6)
                return RandomStep(["PFADD", g.key()] + (0..<size).map { _ in g.hllElement() })
            }),
            (6, { g in RandomStep(["PFCOUNT"] + g.keys(1...3)) }),
            (3, { g in RandomStep(["PFMERGE", g.key()] + g.keys(0...3)) }),
            (1, { g in RandomStep(["GETRANGE", g.key(), "0", "15"]) }),
        ])
    }

    private mutating func hllElement() -> String {
        rng.chance(30) ? element() : "e\(rng.int(0...5000))"
    }
}
