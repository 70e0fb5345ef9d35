/// A Redis string. Integers that print canonically are kept as integers (encoding "int"), as Redis does, so INCR
/// does not parse and INFO/OBJECT ENCODING agree with Redis.
public enum StringValue {
    case int(Int64)
    /// Raw bytes. `edited` records that the string was changed in place (APPEND, SETRANGE, SETBIT...): Redis then
    /// reports "raw" even for short strings, and "embstr" only for freshly created ones of at most 44 bytes.
    case bytes(Bytes, edited: Bool)

    /// The longest string Redis stores with the embedded ("embstr") encoding.
    public static let embeddedLimit = 44

    /// Builds the value SET would store: canonical integers of at most 20 characters become `.int`.
    public init(_ bytes: Bytes) {
        if bytes.count <= 20, let n = IntegerText.parse(bytes) {
            self = .int(n)
        } else {
            self = .bytes(bytes, edited: false)
        }
    }

    /// The string's bytes.
    public var bytes: Bytes {
        switch self {
        case .int(let n): return IntegerText.bytes(n)
        case .bytes(let b, _): return b
        }
    }

    /// STRLEN without materialising integers.
    public var length: Int {
        switch self {
        case .int(let n): return IntegerText.bytes(n).count
        case .bytes(let b, _): return b.count
        }
    }

    public var encodingName: String {
        switch self {
        case .int: return "int"
        case .bytes(let b, let edited): return !edited && b.count <= StringValue.embeddedLimit ? "embstr" : "raw"
        }
    }
}
