/// How a numeric directive is written and which values it accepts.
///
/// Values are kept as `Int64`; a directive declared `unsigned` compares its value and bounds as
/// `UInt64` bit patterns (so a negative number is out of range, and `maxmemory` may use the
/// whole 64-bit range). Percent values (`maxmemory-clients 10%`) are kept negated, as Redis
/// does, so `-10` means 10%.
struct NumericRule: Sendable {
    /// The accepted syntax: plain strict decimal, a memory amount (`MemorySize`), a memory
    /// amount or `N%`, or a C octal number (`unixsocketperm 700`).
    enum Syntax: Sendable {
        case decimal, memory, memoryOrPercent, octal
    }

    let syntax: Syntax
    let lower: Int64
    let upper: Int64
    let unsigned: Bool
    /// Accepted values outside this range are moved to its nearest end (`hz` accepts any
    /// non-negative number but runs at 1...500).
    var clamp: ClosedRange<Int64>? = nil

    /// The upper bound for directives that take the full unsigned 64-bit range.
    static let unsignedMaximum = Int64(bitPattern: UInt64.max)

    func parse(_ text: String) throws(ConfigValueError) -> Int64 {
        let value = try read(text[...])
        try checkBounds(value)
        guard let clamp else { return value }
        return min(max(value, clamp.lowerBound), clamp.upperBound)
    }

    private func read(_ text: Substring) throws(ConfigValueError) -> Int64 {
        switch syntax {
        case .decimal:
            if let value = CInteger.strict(text) { return value }
            throw ConfigValueError("argument couldn't be parsed into an integer")
        case .memory:
            if let bytes = MemorySize.parse(text) { return Int64(bitPattern: bytes) }
            throw ConfigValueError("argument must be a memory value")
        case .memoryOrPercent:
            if let bytes = MemorySize.parse(text) { return Int64(bitPattern: bytes) }
            if text.count > 1, text.last == "%", let percent = CInteger.strict(text.dropLast()), percent >= 0 {
                return -percent
            }
            throw ConfigValueError("argument must be a memory or percent value")
        case .octal:
            if let (value, overflowed) = CInteger.lenient(text, radix: 8), !overflowed { return value }
            throw ConfigValueError("argument couldn't be parsed as an octal number")
        }
    }

    /// Range check, with Redis's wording: "argument must be between L and U inclusive" (bounds
    /// in octal for octal directives), or for a percentage below the lower bound "percentage
    /// argument must be less or equal to N".
    private func checkBounds(_ value: Int64) throws(ConfigValueError) {
        if unsigned {
            let (v, lo, hi) = (UInt64(bitPattern: value), UInt64(bitPattern: lower), UInt64(bitPattern: upper))
            guard v < lo || v > hi else { return }
            let radix = syntax == .octal ? 8 : 10
            throw ConfigValueError("argument must be between \(String(lo, radix: radix)) and \(String(hi, radix: radix)) inclusive")
        }
        if syntax == .memoryOrPercent, value < 0 {
            guard value < lower else { return }
            throw ConfigValueError("percentage argument must be less or equal to \(-lower)")
        }
        guard value < lower || value > upper else { return }
        throw ConfigValueError("argument must be between \(lower) and \(upper) inclusive")
    }

    /// The CONFIG GET form: `N%` for percentages, unsigned decimal for memory, octal digits
    /// for octal directives, signed decimal otherwise.
    func render(_ value: Int64) -> String {
        switch syntax {
        case .memoryOrPercent where value < 0: return "\(-value)%"
        case .memory, .memoryOrPercent: return String(UInt64(bitPattern: value))
        case .octal: return String(value, radix: 8)
        case .decimal: return String(value)
        }
    }

    /// The CONFIG REWRITE form: memory amounts use the largest exact `gb`/`mb`/`kb` unit.
    func rewriteForm(_ value: Int64) -> String {
        switch syntax {
        case .memoryOrPercent where value < 0: return "\(-value)%"
        case .memory, .memoryOrPercent: return MemorySize.rewriteForm(value)
        case .octal, .decimal: return render(value)
        }
    }
}
