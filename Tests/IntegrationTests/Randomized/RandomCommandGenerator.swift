/// Produces a reproducible stream of commands over every data type from a seed. The keyspace
/// is small: each data family mostly works on its own four `generalKeys` (so collections grow
/// deep enough to change encoding) but regularly reaches into the others' and the generic
/// commands touch all of them, so types collide and WRONGTYPE paths run often. Arguments mix
/// ordinary values with edge cases (negative indexes, zero and huge counts, malformed
/// numbers, infinities).
///
/// The stream never depends on replies, and every generated command has a deterministic
/// effect on both servers: no short TTLs, no partial SPOP, and lexicographic ranges only on
/// `lexKeys`, whose sorted sets only ever receive score 0 (Redis leaves lex ranges over mixed
/// scores unspecified).
struct RandomCommandGenerator {
    var rng: SplitMix64
    let families: [RandomCommandFamily]
    /// Command names never generated (a command drawn with one of them is drawn again).
    let skipped: Set<String>
    /// Milliseconds part of the next explicit stream ID: grows so most XADDs succeed.
    var streamClock = 1
    /// The keys the family being generated prefers.
    var home: ArraySlice<String> = Self.generalKeys[...]

    static let generalKeys = (0..<32).map { "key:\($0)" }
    static let lexKeys = ["lex:a", "lex:b", "lex:c"]

    /// Four general keys per data family, in declaration order; every key for the others.
    static func homeKeys(_ family: RandomCommandFamily) -> ArraySlice<String> {
        let owners: [RandomCommandFamily] = [.strings, .lists, .hashes, .sets, .sortedSets, .streams, .hyperloglog, .geo]
        guard let slot = owners.firstIndex(of: family) else { return generalKeys[...] }
        return generalKeys[(slot * 4)..<(slot * 4 + 4)]
    }

    init(seed: UInt64, families: [RandomCommandFamily] = RandomCommandFamily.allCases, skipped: Set<String> = []) {
        rng = SplitMix64(seed: seed)
        self.families = families
        self.skipped = skipped
    }

    /// The next command, or several for a transaction.
    mutating func next() -> [RandomStep] {
        let total = families.reduce(0) { $0 + $1.weight }
        var roll = rng.int(1...total)
        let family = families.first { roll -= $0.weight; return roll <= 0 } ?? families[families.count - 1]
        return family == .transactions ? transaction() : [command(of: family)]
    }

    /// One command of a data family (what a transaction queues).
    mutating func dataCommand() -> RandomStep {
        let dataFamilies = families.filter { $0 != .transactions && $0 != .server }
        return command(of: dataFamilies.isEmpty ? .strings : rng.pick(dataFamilies))
    }

    private mutating func command(of family: RandomCommandFamily) -> RandomStep {
        for _ in 0..<10_000 {
            let step = anyCommand(of: family)
            if !skipped.contains(step.command[0]) { return step }
        }
        preconditionFailure("STRATA_RANDOM_SKIP leaves nothing to generate in the \(family) family")
    }

    private mutating func anyCommand(of family: RandomCommandFamily) -> RandomStep {
        home = Self.homeKeys(family)
        switch family {
        case .strings: return stringCommand()
        case .keys: return keyCommand()
        case .lists: return listCommand()
        case .hashes: return hashCommand()
        case .sets: return setCommand()
        case .sortedSets: return sortedSetCommand()
        case .streams: return streamCommand()
        case .hyperloglog: return hyperLogLogCommand()
        case .geo: return geoCommand()
        case .server, .transactions: return serverCommand()
        }
    }

    /// A command drawn from weighted alternatives: `choices` pairs a weight with a builder.
    mutating func oneOf(_ choices: [(Int, (inout RandomCommandGenerator) -> RandomStep)]) -> RandomStep {
        var roll = rng.int(1...choices.reduce(0) { $0 + $1.0 })
        for (weight, build) in choices {
            roll -= weight
            if roll <= 0 { return build(&self) }
        }
        return choices[choices.count - 1].1(&self)
    }
}
