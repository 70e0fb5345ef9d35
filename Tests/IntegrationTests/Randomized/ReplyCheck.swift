import RESP

/// How the replies to one randomized step are held against each other. Most steps use one
/// of the shared `Comparison`s; a few depend on state only the oracle can tell (a collection's
/// encoding decides whether its order is defined) or on the commands a transaction queued.
indirect enum ReplyCheck {
    case plain(Comparison)
    /// Element order is defined only for compact encodings (listpack, intset): exact when the
    /// oracle reports one for `key` just before the command, `otherwise` when it does not.
    case orderedIfCompact(key: String, otherwise: Comparison)
    /// EXEC: each element against the check of the command queued at that position; any
    /// other reply (EXECABORT, a null array after WATCH) exactly.
    case elementwise([ReplyCheck])

    /// Encodings whose iteration order is part of the observable behaviour.
    static let compactEncodings: Set<String> = ["listpack", "intset"]

    /// The check with every oracle-dependent part decided without asking: the lenient branch.
    var withoutOracle: ReplyCheck {
        switch self {
        case .plain: return self
        case .orderedIfCompact(_, let otherwise): return .plain(otherwise)
        case .elementwise(let checks): return .elementwise(checks.map(\.withoutOracle))
        }
    }

    func agrees(_ subject: RESPValue, _ oracle: RESPValue) -> Bool {
        switch self {
        case .plain(let comparison):
            return comparison.agrees(subject, oracle)
        case .orderedIfCompact(_, let otherwise):
            return otherwise.agrees(subject, oracle)
        case .elementwise(let checks):
            guard case .array(let mine?) = subject, case .array(let theirs?) = oracle,
                  mine.count == checks.count, theirs.count == checks.count else { return subject == oracle }
            return zip(checks, zip(mine, theirs)).allSatisfy { $0.agrees($1.0, $1.1) }
        }
    }

    var label: String {
        switch self {
        case .plain(let comparison): return comparison.label
        case .orderedIfCompact(let key, let otherwise): return "exact if \(key) is compact, else \(otherwise.label)"
        case .elementwise: return "element by element"
        }
    }
}
