/// One element of a packed encoding (listpack, ziplist, intset, zipmap): Redis stores an element that reads as an
/// integer as the integer, anything else as bytes.
public enum PackedEntry: Equatable, Hashable {
    case bytes([UInt8])
    case int(Int64)

    /// The element as the string Redis would return for it.
    public var bytes: [UInt8] {
        switch self {
        case .bytes(let b): return b
        case .int(let n): return PackedEntry.decimal(n)
        }
    }

    /// Calls `body` with the element as a builder takes it.
    func build(_ body: (RDBElement) -> Void) {
        switch self {
        case .int(let n): body(.int(n))
        case .bytes(let b): b.withUnsafeBytes { body(.bytes($0)) }
        }
    }

    /// `n` in decimal, as Redis's ll2string writes it.
    public static func decimal(_ n: Int64) -> [UInt8] {
        var magnitude = n.magnitude
        var digits = 1
        var bound: UInt64 = 10
        while digits < 20, magnitude >= bound {
            digits += 1
            bound = bound &* 10
        }
        let count = digits + (n < 0 ? 1 : 0)
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            var at = count
            repeat {
                at -= 1
                out[at] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if n < 0 { out[0] = UInt8(ascii: "-") }
            initialized = count
        }
    }

    /// The integer a string element denotes when Redis would store it as one: canonical decimal (no sign on zero,
    /// no leading zeros or plus, at most 20 characters) within Int64.
    public static func canonicalInteger(_ bytes: some Collection<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 20 else { return nil }
        var iterator = bytes.makeIterator()
        var first = iterator.next()!
        let negative = first == UInt8(ascii: "-")
        if negative {
            guard let next = iterator.next() else { return nil }
            first = next
        }
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0") { return bytes.count == 1 ? 0 : nil }
        var value = -Int64(first - UInt8(ascii: "0"))  // accumulate negatively: Int64.min has no positive twin
        while let b = iterator.next() {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(b - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = s
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }
}

/// A malformed packed blob, with the offset inside the blob where decoding failed.
public struct PackedFormatError: Error, Equatable, CustomStringConvertible {
    public let format: String
    public let offset: Int
    public let reason: String

    public init(_ format: String, offset: Int, _ reason: String) {
        self.format = format
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid \(format) at byte \(offset): \(reason)" }
}

/// Little-endian reads over a packed blob with bounds checks that report the format and offset. The blob is
/// borrowed: the cursor lives only inside the caller's access to it (an array's storage or the reader's buffer).
struct PackedCursor {
    let bytes: UnsafeRawBufferPointer
    let format: String
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer, format: String) {
        self.bytes = bytes
        self.format = format
    }

    var remaining: Int { bytes.count - position }

    func fail(_ reason: String, at offset: Int? = nil) -> PackedFormatError {
        PackedFormatError(format, offset: offset ?? position, reason)
    }

    mutating func byte() throws(PackedFormatError) -> UInt8 {
        guard position < bytes.count else { throw fail("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned little-endian integer of `width` bytes.
    mutating func unsigned(_ width: Int) throws(PackedFormatError) -> UInt64 {
        guard remaining >= width else { throw fail("unexpected end") }
        var v: UInt64 = 0
        for k in 0..<width { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += width
        return v
    }

    /// A two's-complement little-endian integer of `width` bytes.
    mutating func signed(_ width: Int) throws(PackedFormatError) -> Int64 {
        let raw = try unsigned(width)
        let shift = UInt64(64 - 8 * width)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    /// Steps over the next `count` bytes and returns where they are.
    mutating func skip(_ count: Int) throws(PackedFormatError) -> Range<Int> {
        guard count >= 0, remaining >= count else { throw fail("length \(count) runs past the end") }
        defer { position += count }
        return position..<(position + count)
    }

    /// The next `count` bytes, without copying them.
    mutating func slice(_ count: Int) throws(PackedFormatError) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[try skip(count)])
    }

    mutating func take(_ count: Int) throws(PackedFormatError) -> [UInt8] {
        Array(try slice(count))
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the closure's typed error (the standard one rethrows it as `any Error`).
    func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var result: Result<R, E>?
        withUnsafeBytes { raw in result = Result { () throws(E) in try body(raw) } }
        return try result!.get()
    }

    /// Appends `value` as `width` little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt64, width: Int) {
        for k in 0..<width { append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
}
