/// Memory amounts in redis.conf: digits with an optional case-insensitive unit,
/// `b` (bytes), `k` = 1000, `kb` = 1024, `m` = 1000², `mb` = 1024², `g` = 1000³, `gb` = 1024³.
/// No sign, no spaces, no fractions. Like Redis, an empty number reads as 0, a number too large
/// for 64 bits saturates, and the unit multiplication wraps around.
enum MemorySize {
    static func parse(_ text: Substring) -> UInt64? {
        let digits = text.utf8.prefix(while: CInteger.isDigit)
        let unit = text.utf8[digits.endIndex...]
        guard let multiplier = multiplier(of: unit) else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            value = overflow1 || overflow2 ? UInt64.max : sum
            if value == UInt64.max { break }
        }
        return value &* multiplier
    }

    private static func multiplier(of unit: Substring.UTF8View.SubSequence) -> UInt64? {
        switch String(decoding: unit, as: UTF8.self).lowercased() {
        case "", "b": return 1
        case "k": return 1000
        case "kb": return 1024
        case "m": return 1000 * 1000
        case "mb": return 1024 * 1024
        case "g": return 1000 * 1000 * 1000
        case "gb": return 1024 * 1024 * 1024
        default: return nil
        }
    }

    /// The form CONFIG REWRITE writes: the largest of `gb`, `mb`, `kb` that divides the value
    /// exactly, else plain bytes (0 stays `0`).
    static func rewriteForm(_ bytes: Int64) -> String {
        for (unit, size) in [("gb", Int64(1) << 30), ("mb", Int64(1) << 20), ("kb", Int64(1) << 10)]
        where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return String(bytes)
    }
}
