import Glibc

/// Parsing of long double arguments (INCRBYFLOAT) with Redis's acceptance rules.
enum LongDoubleText {
    /// Texts this long or longer are refused without parsing.
    static let maxLength = 5 * 1024

    /// Parses `text` the way C's `strtold` reads it (decimal, hex, "inf"...), accepting it only when: it is not
    /// empty and shorter than `maxLength`, does not start with whitespace, is consumed entirely (so no embedded
    /// NUL or trailing junk), is not NaN, and did not overflow to infinity or underflow to zero.
    static func parse(_ text: Bytes) -> Float80? {
        let n = text.count
        guard n > 0, n < maxLength, !isWhitespace(text[0]) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Float80? in
            let base = buf.baseAddress!
            for i in 0..<n { base[i] = CChar(bitPattern: text[i]) }
            base[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtold(base, &end)
            let outOfRange = errno == ERANGE && (value.isInfinite || value == 0)
            guard let end, end - base == n, !outOfRange, !value.isNaN else { return nil }
            return value
        }
    }

    /// C's `isspace` in the C locale.
    private static func isWhitespace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
}
