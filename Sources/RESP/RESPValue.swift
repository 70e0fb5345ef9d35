/// Any RESP2 or RESP3 value, as a client sees it: what tests, tools and replication parse from a
/// server and encode to one. (The server itself reads requests with `RESPRequestParser` and
/// writes replies straight into a `ByteBuffer`.)
///
/// Equality and hashing treat doubles by value except that every NaN equals every other NaN and
/// `0.0` differs from `-0.0` (both are distinct on the wire), so a decoded value always equals
/// the value it was encoded from.
public enum RESPValue: Sendable {
    /// `+OK`
    case simpleString(String)
    /// `-ERR ...` (also RESP3 blob errors `!<length>`); the text includes the error code.
    case error(String)
    /// `:42`
    case integer(Int64)
    /// `$<length>` bytes; nil for RESP2's null bulk `$-1`.
    case bulkString([UInt8]?)
    /// `*<count>` values; nil for RESP2's null array `*-1`.
    case array([RESPValue]?)
    /// RESP3 `_`
    case null
    /// RESP3 `,1.5`, `,inf`, `,nan`
    case double(Double)
    /// RESP3 `#t` / `#f`
    case boolean(Bool)
    /// RESP3 `(<digits>`, an integer of any size.
    case bigNumber(String)
    /// RESP3 `=<length>` with a three-byte format (`txt`, `mkd`) before a colon and the text.
    case verbatim(format: String, text: [UInt8])
    /// RESP3 `%<pairs>`
    case map([RESPPair])
    /// RESP3 `~<count>`
    case set([RESPValue])
    /// RESP3 `><count>`: an out-of-band message such as a pub/sub delivery.
    case push([RESPValue])
    /// RESP3 `|<pairs>`: metadata about the value that follows it, which is parsed as the next,
    /// separate value.
    case attribute([RESPPair])

    /// A command as a client sends it: an array of bulk strings.
    public static func command(_ arguments: [String]) -> RESPValue {
        .array(arguments.map { .bulkString(Array($0.utf8)) })
    }
}

/// One key/value entry of a RESP3 map or attribute, in wire order.
public struct RESPPair: Hashable, Sendable {
    public var key: RESPValue
    public var value: RESPValue

    public init(key: RESPValue, value: RESPValue) {
        self.key = key
        self.value = value
    }
}

extension RESPValue: Hashable {
    public static func == (lhs: RESPValue, rhs: RESPValue) -> Bool {
        switch (lhs, rhs) {
        case let (.simpleString(a), .simpleString(b)): return a == b
        case let (.error(a), .error(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.bulkString(a), .bulkString(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case (.null, .null): return true
        case let (.double(a), .double(b)): return Self.doubleIdentity(a) == Self.doubleIdentity(b)
        case let (.boolean(a), .boolean(b)): return a == b
        case let (.bigNumber(a), .bigNumber(b)): return a == b
        case let (.verbatim(formatA, textA), .verbatim(formatB, textB)): return formatA == formatB && textA == textB
        case let (.map(a), .map(b)): return a == b
        case let (.set(a), .set(b)): return a == b
        case let (.push(a), .push(b)): return a == b
        case let (.attribute(a), .attribute(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .simpleString(let text): hasher.combine(0); hasher.combine(text)
        case .error(let text): hasher.combine(1); hasher.combine(text)
        case .integer(let value): hasher.combine(2); hasher.combine(value)
        case .bulkString(let bytes): hasher.combine(3); hasher.combine(bytes)
        case .array(let elements): hasher.combine(4); hasher.combine(elements)
        case .null: hasher.combine(5)
        case .double(let value): hasher.combine(6); hasher.combine(Self.doubleIdentity(value))
        case .boolean(let value): hasher.combine(7); hasher.combine(value)
        case .bigNumber(let digits): hasher.combine(8); hasher.combine(digits)
        case .verbatim(let format, let text): hasher.combine(9); hasher.combine(format); hasher.combine(text)
        case .map(let pairs): hasher.combine(10); hasher.combine(pairs)
        case .set(let elements): hasher.combine(11); hasher.combine(elements)
        case .push(let elements): hasher.combine(12); hasher.combine(elements)
        case .attribute(let pairs): hasher.combine(13); hasher.combine(pairs)
        }
    }

    /// The bit pattern, with all NaNs collapsed into one.
    private static func doubleIdentity(_ value: Double) -> UInt64 {
        value.isNaN ? Double.nan.bitPattern : value.bitPattern
    }
}
