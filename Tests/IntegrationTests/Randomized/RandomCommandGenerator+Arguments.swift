/// Argument pools: small so values repeat and collide, salted with the edge cases each kind
/// of argument has in Redis's parsers.
extension RandomCommandGenerator {
    /// 64 bytes is the default listpack value limit; this crosses it.
    static let longText = String(repeating: "x", count: 70)

    /// Any key: mostly a general one, sometimes a lex key (so use it only where a command
    /// cannot leave a sorted set with mixed scores there).
    mutating func key() -> String {
        rng.chance(8) ? rng.pick(Self.lexKeys) : generalKey()
    }

    /// A general key, usually one of the current family's own.
    mutating func generalKey() -> String { rng.pick(rng.chance(85) ? Array(home) : Self.generalKeys) }

    mutating func lexKey() -> String { rng.pick(Self.lexKeys) }

    mutating func keys(_ range: ClosedRange<Int>) -> [String] { (0..<rng.int(range)).map { _ in key() } }

    mutating func value() -> String {
        switch rng.int(1...12) {
        case 1: return ""
        case 2: return Self.longText
        case 3: return rng.pick(["9223372036854775807", "-9223372036854775808", "12345678901234567890"])
        case 4: return rng.pick(["3.5", "-0.25", "1e3", "inf", "abc"])
        case 5...7: return String(rng.int(-20...1000))
        default: return "v\(rng.int(0...30))"
        }
    }

    /// A collection element (set/zset member, list element, hash field): a small pool, with
    /// integers (intset) and a long string (past listpack limits) mixed in.
    mutating func element() -> String {
        switch rng.int(1...20) {
        case 1: return Self.longText
        case 2: return ""
        case 3...7: return String(rng.int(-3...12))
        default: return "m\(rng.int(0...14))"
        }
    }

    mutating func elements(_ range: ClosedRange<Int>) -> [String] { (0..<rng.int(range)).map { _ in element() } }

    /// An integer argument: usually small, sometimes at or past the 64-bit limits or malformed.
    mutating func integer(_ typical: ClosedRange<Int> = -5...10) -> String {
        switch rng.int(1...20) {
        case 1: return rng.pick(["9223372036854775807", "-9223372036854775808", "9223372036854775808"])
        case 2: return rng.pick(["abc", "1.5", "", " 1", "+3", "0x10", "1e2"])
        default: return String(rng.int(typical))
        }
    }

    /// A count for pops and random picks: never huge except as a parse error.
    mutating func count() -> String {
        switch rng.int(1...12) {
        case 1: return "0"
        case 2: return "-1"
        case 3: return rng.pick(["abc", "9223372036854775808", "-9223372036854775808"])
        case 4: return "100000"
        default: return String(rng.int(1...6))
        }
    }

    /// A list or rank index, positive or negative, in and out of range.
    mutating func index() -> String {
        switch rng.int(1...15) {
        case 1: return rng.pick(["9223372036854775807", "-9223372036854775808", "abc"])
        case 2: return rng.pick(["100", "-100"])
        default: return String(rng.int(-6...8))
        }
    }

    /// A floating-point argument (scores, increments): finite, infinite, malformed.
    mutating func float() -> String {
        switch rng.int(1...20) {
        case 1: return rng.pick(["inf", "-inf", "+inf"])
        case 2: return rng.pick(["nan", "abc", "", "1e400", "0x1p3"])
        case 3: return rng.pick(["1e300", "-0", "0.1", "1.5e-7", "3.000"])
        default: return String(rng.int(-5...20))
        }
    }

    /// A score bound for ZRANGEBYSCORE and friends: inclusive, exclusive, infinite, malformed.
    mutating func scoreBound() -> String {
        switch rng.int(1...12) {
        case 1: return rng.pick(["-inf", "+inf", "inf", "(-inf", "(+inf"])
        case 2: return rng.pick(["abc", "(", "((1", "nan", ""])
        case 3, 4: return "(" + String(rng.int(-3...15))
        default: return String(rng.int(-3...15))
        }
    }

    /// A lexicographic bound: `-`, `+`, `[x` or `(x`, sometimes malformed.
    mutating func lexBound() -> String {
        switch rng.int(1...12) {
        case 1: return rng.pick(["-", "+"])
        case 2: return rng.pick(["m", "abc", "", "[", "(", "-x"])
        case 3...6: return "(" + element()
        default: return "[" + element()
        }
    }

    /// A relative TTL in seconds: long enough never to elapse during a run, or already
    /// elapsed (deletes the key), or invalid.
    mutating func seconds() -> String {
        switch rng.int(1...10) {
        case 1: return rng.pick(["0", "-5"])
        case 2: return rng.pick(["abc", "9223372036854775807", "1.5"])
        default: return String(rng.pick([100_000, 200_000, 300_000, 5_000_000]))
        }
    }

    /// An absolute unix time in seconds: far future, invalid, or (when `past`) already gone,
    /// which EXPIREAT and GETEX turn into a deletion. SET … EXAT keeps a key with a past
    /// deadline until the server's background expiry finds it, so DBSIZE would depend on
    /// timing: SET asks without `past`.
    mutating func unixSeconds(past: Bool = true) -> String {
        switch rng.int(1...10) {
        case 1: return past ? rng.pick(["1", "0", "-1"]) : "0"
        case 2: return rng.pick(["abc", "9223372036854775807"])
        default: return String(rng.pick([4_102_444_800, 4_133_980_800, 4_165_516_800]))
        }
    }

    /// A glob pattern for KEYS/SCAN/HSCAN MATCH.
    mutating func pattern() -> String {
        rng.pick(["*", "key:*", "key:1*", "*:2", "lex:*", "k?y:*", "[kl]*", "*[", "m*", "*1", "\\*", "nomatch"])
    }

    /// LEFT or RIGHT, sometimes neither.
    mutating func side() -> String { rng.chance(5) ? "UP" : rng.pick(["LEFT", "RIGHT"]) }

    /// A timeout for blocking commands that never blocks for long: short, negative or bad.
    mutating func shortTimeout() -> String {
        rng.chance(80) ? "0.01" : rng.pick(["-1", "abc", "inf"])
    }

    /// `numkeys key...` with numkeys usually right, sometimes not.
    mutating func numberedKeys(_ picker: (inout RandomCommandGenerator) -> String) -> [String] {
        let chosen = (0..<rng.int(1...3)).map { _ in picker(&self) }
        let numkeys = rng.chance(90) ? String(chosen.count) : rng.pick(["0", "-1", "5", "abc"])
        return [numkeys] + chosen
    }
}
