/// Redis's glob dialect (KEYS, SCAN MATCH, CONFIG GET, PSUBSCRIBE): `*` any run, `?` one byte, `[abc]` and
/// `[^a-z]` classes with ranges (ends in either order), `\x` the byte x itself. Matching is on bytes;
/// `ignoringCase` folds ASCII letters.
///
/// Matching keeps a single backtrack point, the most recent `*`: when the rest of the pattern fails, that
/// star takes one more byte. A later star makes earlier ones irrelevant, so this finds a match whenever one
/// exists, in O(pattern × string) steps even for hostile patterns like `a*a*a*…b`.
public enum GlobPattern {
    public static func matches(_ pattern: [UInt8], _ string: [UInt8], ignoringCase: Bool = false) -> Bool {
        pattern.withUnsafeBufferPointer { p in
            string.withUnsafeBufferPointer { s in
                match(p, s, ignoringCase)
            }
        }
    }

    /// True when the pattern matches everything, so callers can skip matching.
    public static func isMatchAll(_ pattern: [UInt8]) -> Bool { pattern == [42] }

    @inline(__always) private static func fold(_ c: UInt8, _ nocase: Bool) -> UInt8 {
        nocase && c >= 65 && c <= 90 ? c | 0x20 : c
    }

    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>, _ nocase: Bool) -> Bool {
        var pi = 0, si = 0
        // Pattern index just after the last star, and the string index that star's match ends at.
        var starPattern = -1, starString = 0
        while si < s.count {
            if pi < p.count {
                if p[pi] == 42 { // '*'
                    while pi < p.count && p[pi] == 42 { pi += 1 }
                    if pi == p.count { return true }
                    starPattern = pi
                    starString = si
                    continue
                }
                if let next = matchOne(p, pi, s[si], nocase) {
                    pi = next
                    si += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            starString += 1
            pi = starPattern
            si = starString
        }
        while pi < p.count && p[pi] == 42 { pi += 1 }
        return pi == p.count
    }

    /// Matches the single-byte token at `pi` (a literal, `?`, `\x` or a class) against `c`; returns the index
    /// after the token, or nil on mismatch.
    private static func matchOne(_ p: UnsafeBufferPointer<UInt8>, _ pi: Int, _ c: UInt8, _ nocase: Bool) -> Int? {
        switch p[pi] {
        case 63: // '?'
            return pi + 1
        case 92 where pi + 1 < p.count: // '\'
            return fold(p[pi + 1], nocase) == fold(c, nocase) ? pi + 2 : nil
        case 91: // '['
            var i = pi + 1
            let negate = i < p.count && p[i] == 94
            if negate { i += 1 }
            let folded = fold(c, nocase)
            var matched = false
            while i < p.count && p[i] != 93 {
                if p[i] == 92 && i + 1 < p.count {
                    i += 1
                    if fold(p[i], nocase) == folded { matched = true }
                } else if i + 2 < p.count && p[i + 1] == 45 && p[i + 2] != 93 {
                    var lo = fold(p[i], nocase), hi = fold(p[i + 2], nocase)
                    if lo > hi { swap(&lo, &hi) }
                    if folded >= lo && folded <= hi { matched = true }
                    i += 2
                } else if fold(p[i], nocase) == folded {
                    matched = true
                }
                i += 1
            }
            // An unterminated class ends at the end of the pattern, as in Redis.
            guard matched != negate else { return nil }
            return min(i + 1, p.count)
        default:
            return fold(p[pi], nocase) == fold(c, nocase) ? pi + 1 : nil
        }
    }
}
