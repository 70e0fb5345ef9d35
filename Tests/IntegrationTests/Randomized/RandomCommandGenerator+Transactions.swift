/// MULTI … EXEC/DISCARD around a few data commands, sometimes after a WATCH (which the
/// transaction's own writes, or one before MULTI, trigger). EXEC's reply is compared element
/// by element with the queued commands' checks; oracle-dependent checks take their lenient
/// branch there, since encodings may change during the transaction.
extension RandomCommandGenerator {
    mutating func transaction() -> [RandomStep] {
        var steps: [RandomStep] = []
        if rng.chance(30) {
            steps.append(RandomStep(["WATCH"] + keys(1...2)))
            if rng.chance(50) { steps.append(dataCommand()) }
        }
        steps.append(RandomStep(["MULTI"]))
        let queued = (0..<rng.int(0...4)).map { _ in dataCommand() }
        steps += queued.map { RandomStep($0.command) }
        switch rng.int(1...10) {
        case 1: steps.append(RandomStep(["DISCARD"]))
        case 2: steps.append(RandomStep(["MULTI"]))
                steps.append(RandomStep(["EXEC"], .elementwise(queued.map(\.check.withoutOracle))))
        default: steps.append(RandomStep(["EXEC"], .elementwise(queued.map(\.check.withoutOracle))))
        }
        return steps
    }
}
