import StrataCollections

/// One member of a set as the set holds it: an integer (intset members, and members parsed from arguments that
/// are canonical integers) or a byte string. A member is the same whichever way it is held: `.int(12)` and the
/// bytes "12" are equal members.
public enum SetElement {
    case int(Int64)
    case bytes(CompactBytes)

    /// A member given as bytes: canonical integers (Redis's string2ll rules) become `.int`.
    public init(_ member: Bytes) {
        if let n = IntegerText.parse(member) { self = .int(n) } else { self = .bytes(CompactBytes(member)) }
    }

    /// A member given as raw bytes, under the same rule.
    init(_ member: UnsafeRawBufferPointer) {
        if member.count <= 20, let n = IntegerText.parse(member) { self = .int(n) } else { self = .bytes(CompactBytes(member)) }
    }

    /// The member's bytes (an integer's decimal text).
    public var bytes: Bytes {
        switch self {
        case .int(let n): return IntegerText.bytes(n)
        case .bytes(let b): return b.bytes
        }
    }

    /// Calls `body` with the member's bytes without allocating (an integer's decimal text is formatted on the
    /// stack).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .bytes(let b):
            return try b.withUnsafeBytes(body)
        case .int(let n):
            return try withUnsafeTemporaryAllocation(byteCount: 20, alignment: 1) { scratch in
                var v = n.magnitude, at = 20
                repeat {
                    at -= 1
                    scratch[at] = UInt8(48 + v % 10)
                    v /= 10
                } while v > 0
                if n < 0 {
                    at -= 1
                    scratch[at] = UInt8(ascii: "-")
                }
                return try body(UnsafeRawBufferPointer(rebasing: scratch[at...]))
            }
        }
    }

    /// The member as an integer when it is one (a hashtable member may spell an integer too).
    var integer: Int64? {
        switch self {
        case .int(let n): return n
        case .bytes(let b): return b.count <= 20 ? b.withUnsafeBytes { IntegerText.parse($0) } : nil
        }
    }

    /// The member as a hashtable key.
    var compact: CompactBytes {
        switch self {
        case .int(let n): return CompactBytes(IntegerText.bytes(n))
        case .bytes(let b): return b
        }
    }
}
