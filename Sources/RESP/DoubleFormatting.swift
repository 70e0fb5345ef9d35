/// A double as Redis replies it: `inf`, `-inf`, `nan`, otherwise C's `%.17g` (17 significant
/// digits, trailing zeros dropped, exponent form `1e+20` when the exponent is below -4 or above
/// 16). So `1.1` is `1.1000000000000001`, `3` is `3`, `-0.0` is `-0`. Every double survives a
/// round trip through this text.
public func formatDouble17g(_ value: Double) -> [UInt8] {
    withUnsafeTemporaryAllocation(byteCount: DoubleFormatting.maxWidth, alignment: 1) { scratch in
        let width = DoubleFormatting.write17g(value, to: scratch)
        return Array(UnsafeRawBufferPointer(rebasing: scratch[..<width]))
    }
}

/// A long double as Redis's `INCRBYFLOAT` and `HINCRBYFLOAT` store it: `inf`/`-inf`, otherwise
/// C's `%.17Lf` (fixed notation, 17 decimals) with trailing zeros and then a trailing `.`
/// removed, and `-0` written `0`. With 80-bit long doubles, `10.5 + 0.1` prints `10.6`.
public func formatLongDoubleHuman(_ value: CLongDouble) -> [UInt8] {
    if value.isInfinite { return Array((value < 0 ? "-inf" : "inf").utf8) }
    return withUnsafeTemporaryAllocation(byteCount: DoubleFormatting.maxLongDoubleWidth, alignment: 1) { scratch in
        var width = CFloatPrinting.write17Lf(value, to: scratch)
        let text = UnsafeRawBufferPointer(rebasing: scratch[..<width])
        if text.contains(UInt8(ascii: ".")) {
            while text[width - 1] == UInt8(ascii: "0") { width -= 1 }
            if text[width - 1] == UInt8(ascii: ".") { width -= 1 }
        }
        if width == 2 && text[0] == UInt8(ascii: "-") && text[1] == UInt8(ascii: "0") { return [UInt8(ascii: "0")] }
        return Array(text[..<width])
    }
}

/// Shared by the public formatters and the reply writer, which formats into scratch space to
/// avoid an array per reply.
enum DoubleFormatting {
    /// Longest `%.17g` output: `-2.2250738585072014e-308` is 24 bytes.
    static let maxWidth = 32
    /// Longest `%.17Lf` output, for the largest 80-bit long double (~1.19e4932), as Redis's
    /// `MAX_LONG_DOUBLE_CHARS`.
    static let maxLongDoubleWidth = 5 * 1024

    /// Writes `formatDouble17g(value)` into `out` (at least `maxWidth` bytes); returns its length.
    static func write17g(_ value: Double, to out: UnsafeMutableRawBufferPointer) -> Int {
        if value.isNaN { return copy("nan", to: out) }
        if value.isInfinite { return copy(value < 0 ? "-inf" : "inf", to: out) }
        // Integers below 1e17 print as all their digits, which is exact and needs no printf.
        if value.magnitude < 1e17, value.rounded(.towardZero) == value, !(value == 0 && value.sign == .minus) {
            return DecimalInteger.write(Int(value), to: out)
        }
        return CFloatPrinting.write17g(value, to: out)
    }

    private static func copy(_ text: StaticString, to out: UnsafeMutableRawBufferPointer) -> Int {
        out.copyMemory(from: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        return text.utf8CodeUnitCount
    }
}
