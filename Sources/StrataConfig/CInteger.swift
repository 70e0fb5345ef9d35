/// Integer syntaxes redis.conf values are read with.
enum CInteger {
    /// The strict decimal syntax Redis uses for plain integer directives: an optional `-`, then
    /// either `0` alone or digits without a leading zero, nothing else (no `+`, no spaces,
    /// no `-0`), within the 64-bit signed range.
    static func strict(_ text: Substring) -> Int64? {
        var bytes = text.utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        guard let first = bytes.first, isDigit(first) else { return nil }
        if first == UInt8(ascii: "0") { return (bytes.count == 1 && !negative) ? 0 : nil }
        var magnitude: UInt64 = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The lenient C `strtoll` syntax that must consume the whole text: leading whitespace, an
    /// optional sign, then digits of `radix`. The empty text reads as 0 (as `strtoll` leaves
    /// nothing unconsumed); text without digits otherwise fails. Out-of-range values saturate
    /// and are reported in `overflowed`.
    static func lenient(_ text: Substring, radix: Int = 10) -> (value: Int64, overflowed: Bool)? {
        var bytes = text.utf8[...]
        if bytes.isEmpty { return (0, false) }
        while let byte = bytes.first, ConfigLineSplitter.isSeparator(byte) { bytes = bytes.dropFirst() }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        var overflowed = false
        for byte in bytes {
            guard let digit = ConfigLineSplitter.hexValue(byte), Int(digit) < radix else { return nil }
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { overflowed = true }
            magnitude = overflowed ? UInt64.max : sum
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return (Int64.min, true) }
            return (Int64(truncatingIfNeeded: 0 &- magnitude), overflowed)
        }
        if magnitude > UInt64(Int64.max) { return (Int64.max, true) }
        return (Int64(magnitude), overflowed)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
