/// A value as stored in an RDB, independent of the server's in-memory types. Elements are in file order, which
/// for packed encodings is the order Redis serves them in.
public enum RDBValue: Equatable {
    case string([UInt8])
    case list([[UInt8]])
    case set([[UInt8]])
    case zset([(member: [UInt8], score: Double)])
    case hash([(field: [UInt8], value: [UInt8])])
    case stream(RDBStream)

    public static func == (a: RDBValue, b: RDBValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)), (.set(let x), .set(let y)): return x == y
        case (.zset(let x), .zset(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.member == $1.member && $0.score.bitPattern == $1.score.bitPattern }
        case (.hash(let x), .hash(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.field == $1.field && $0.value == $1.value }
        case (.stream(let x), .stream(let y)): return x == y
        default: return false
        }
    }

    /// TYPE's name for the value.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .set: return "set"
        case .zset: return "zset"
        case .hash: return "hash"
        case .stream: return "stream"
        }
    }
}

/// One key read from an RDB, with its metadata, in the neutral form.
public typealias RDBEntry = RDBKeyedValue<[UInt8], RDBValue>

/// One key read from an RDB, with its metadata, in the form an `RDBValueBuilder` built.
public struct RDBKeyedValue<Key, Value> {
    public var db: Int
    public var key: Key
    public var value: Value
    /// The on-disk encoding the value was read from.
    public var encoding: RDBValueType
    /// Absolute expiry, Unix milliseconds.
    public var expireAt: Int64?
    /// LRU idle seconds or LFU counter saved with the key, if any.
    public var idleSeconds: UInt64?
    public var frequency: UInt8?
    /// Offset of the key's type byte in the input.
    public var offset: Int

    public init(db: Int, key: Key, value: Value, encoding: RDBValueType, expireAt: Int64? = nil,
                idleSeconds: UInt64? = nil, frequency: UInt8? = nil, offset: Int = 0) {
        self.db = db
        self.key = key
        self.value = value
        self.encoding = encoding
        self.expireAt = expireAt
        self.idleSeconds = idleSeconds
        self.frequency = frequency
        self.offset = offset
    }
}

extension RDBKeyedValue: Equatable where Key: Equatable, Value: Equatable {}
