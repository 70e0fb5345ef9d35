/// Decimal integers as RESP writes them: optional `-`, then digits with no leading zero
/// (`0` alone is the only spelling of zero), no `+`, no spaces, within `Int64`.
/// Redis's `string2ll` accepts exactly these, so `$04`, `*+1` and `$-0` are protocol errors.
@usableFromInline
enum DecimalInteger {
    /// Parses a canonical decimal integer; nil for anything else, including overflow.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count > 0, count <= 20 else { return nil }
        if count == 1, bytes[0] == UInt8(ascii: "0") { return 0 }
        let negative = bytes[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        guard index < count, bytes[index] >= UInt8(ascii: "1"), bytes[index] <= UInt8(ascii: "9") else { return nil }
        var magnitude: UInt64 = 0
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Most bytes `write` produces: `-9223372036854775808`.
    @usableFromInline static let maxWidth = 20

    /// Writes `value` in decimal at the start of `out` (which must hold `maxWidth` bytes) and
    /// returns the number of bytes written. No `String` is created.
    @inlinable
    static func write(_ value: Int, to out: UnsafeMutableRawBufferPointer) -> Int {
        var magnitude = value.magnitude
        var width = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            width = 1
        }
        var probe = magnitude
        repeat {
            width += 1
            probe /= 10
        } while probe != 0
        var index = width
        repeat {
            index -= 1
            out[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
            magnitude /= 10
        } while magnitude != 0
        return width
    }
}
