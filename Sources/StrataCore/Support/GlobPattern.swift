/// Redis's glob dialect (KEYS, SCAN MATCH, PSUBSCRIBE): `*` any run, `?` one byte, `[abc]`, `[^a-z]` classes with
/// ranges, `\x` escapes x. Matching is on bytes; `ignoringCase` folds ASCII letters.
public enum GlobPattern {
    public static func matches(_ pattern: Bytes, _ string: Bytes, ignoringCase: Bool = false) -> Bool {
        pattern.withUnsafeBufferPointer { p in
            string.withUnsafeBufferPointer { s in
                match(p, 0, s, 0, ignoringCase, depth: 0)
            }
        }
    }

    /// True when the pattern matches everything, so callers can skip matching.
    public static func isMatchAll(_ pattern: Bytes) -> Bool { pattern == [42] }

    private static func fold(_ c: UInt8, _ nocase: Bool) -> UInt8 {
        nocase && c >= 65 && c <= 90 ? c | 0x20 : c
    }

    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ pi0: Int, _ s: UnsafeBufferPointer<UInt8>, _ si0: Int,
                              _ nocase: Bool, depth: Int) -> Bool {
        // Recursion only happens at '*'; bound it so hostile patterns cannot blow the stack.
        if depth > 1000 { return false }
        var pi = pi0, si = si0
        while pi < p.count {
            switch p[pi] {
            case 42: // '*'
                while pi + 1 < p.count && p[pi + 1] == 42 { pi += 1 }
                if pi + 1 == p.count { return true }
                var k = si
                while k <= s.count {
                    if match(p, pi + 1, s, k, nocase, depth: depth + 1) { return true }
                    k += 1
                }
                return false
            case 63: // '?'
                if si >= s.count { return false }
                si += 1
            case 91: // '['
                if si >= s.count { return false }
                pi += 1
                let negate = pi < p.count && p[pi] == 94
                if negate { pi += 1 }
                var matched = false
                while pi < p.count && p[pi] != 93 {
                    if p[pi] == 92 && pi + 1 < p.count {
                        pi += 1
                        if p[pi] == s[si] { matched = true }
                    } else if pi + 2 < p.count && p[pi + 1] == 45 && p[pi + 2] != 93 {
                        var lo = fold(p[pi], nocase), hi = fold(p[pi + 2], nocase)
                        if lo > hi { swap(&lo, &hi) }
                        let c = fold(s[si], nocase)
                        if c >= lo && c <= hi { matched = true }
                        pi += 2
                    } else if fold(p[pi], nocase) == fold(s[si], nocase) {
                        matched = true
                    }
                    pi += 1
                }
                if pi >= p.count { pi = p.count - 1 } // unterminated class: Redis treats end as ']'
                if matched == negate { return false }
                si += 1
            case 92 where pi + 1 < p.count: // '\'
                pi += 1
                if si >= s.count || fold(p[pi], nocase) != fold(s[si], nocase) { return false }
                si += 1
            default:
                if si >= s.count || fold(p[pi], nocase) != fold(s[si], nocase) { return false }
                si += 1
            }
            pi += 1
        }
        return si == s.count
    }
}
