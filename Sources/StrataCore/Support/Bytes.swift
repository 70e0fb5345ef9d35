/// Keys, values and arguments are raw bytes: Redis strings are binary-safe.
public typealias Bytes = [UInt8]

extension Array where Element == UInt8 {
    /// The bytes of a Swift string, UTF-8 encoded.
    @inlinable public init(_ s: String) { self = Array(s.utf8) }

    /// A lossy UTF-8 rendering, for logs and error texts.
    public var text: String { String(decoding: self, as: UTF8.self) }

    /// True when the bytes equal `ascii` ignoring ASCII letter case (command names, options).
    @inlinable public func equalsIgnoringCase(_ ascii: StaticString) -> Bool {
        guard count == ascii.utf8CodeUnitCount else { return false }
        let p = ascii.utf8Start
        for i in 0..<count {
            let a = self[i], b = p[i]
            if a == b { continue }
            let fa = a | 0x20
            if fa != b | 0x20 || fa < 97 || fa > 122 { return false }
        }
        return true
    }

    /// ASCII lower-cased copy.
    public var lowercasedASCII: Bytes { map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 } }
}

/// Integer formatting without going through `String`.
public enum IntegerText {
    /// Decimal digits of `n`.
    public static func bytes(_ n: Int64) -> Bytes {
        if n == 0 { return [48] }
        var out = Bytes()
        out.reserveCapacity(20)
        var v = n.magnitude
        while v > 0 { out.append(UInt8(48 + v % 10)); v /= 10 }
        if n < 0 { out.append(45) }
        out.reverse()
        return out
    }

    /// Parses a signed 64-bit integer with Redis's strict rules: optional '-', digits only, no leading zeros
    /// (except "0" itself), no '+', no spaces, at most 20 characters, no overflow. "-0" is rejected.
    public static func parse<C: Collection>(_ s: C) -> Int64? where C.Element == UInt8 {
        let n = s.count
        guard n > 0, n <= 20 else { return nil }
        var i = s.startIndex
        if n == 1, s[i] == 48 { return 0 }
        var negative = false
        if s[i] == 45 {
            negative = true
            i = s.index(after: i)
            guard i != s.endIndex else { return nil }
        }
        guard s[i] >= 49 && s[i] <= 57 else { return nil }
        var v: UInt64 = 0
        while i != s.endIndex {
            let c = s[i]
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { return nil }
            v = a
            i = s.index(after: i)
        }
        if negative {
            guard v <= UInt64(Int64.max) + 1 else { return nil }
            return v == UInt64(Int64.max) + 1 ? Int64.min : -Int64(v)
        }
        guard v <= UInt64(Int64.max) else { return nil }
        return Int64(v)
    }
}
