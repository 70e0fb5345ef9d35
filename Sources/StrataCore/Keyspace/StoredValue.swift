/// A value held under a key. One case per Redis data type; each case's payload picks its own encoding and keeps
/// its heap estimate current in O(1), because `Database` re-estimates an entry around every change.
/// (HyperLogLogs are strings and geo sets are sorted sets, as in Redis.)
public enum StoredValue {
    case string(StringValue)
    // Values wider than a pointer are boxed (`indirect`): an `Entry` lives inline in the keyspace trie, so every
    // key pays for the widest case, and `Entry` must stay 24 bytes (EntryLayoutTests). A box costs an allocation
    // per edit, so the value types edited on the hot path keep their state behind one reference of their own and
    // are stored unboxed.
    case list(ListValue)
    case hash(HashValue)
    case set(SetValue)
    case zset(SortedSetValue)
    indirect case stream(StreamValue)

    /// A value with no heap storage, left in an entry while its real value is being edited (see `Database.edit`).
    static let placeholder = StoredValue.string(.int(0))

    /// The name TYPE reports.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .hash: return "hash"
        case .set: return "set"
        case .zset: return "zset"
        case .stream: return "stream"
        }
    }

    /// The name OBJECT ENCODING reports, under the same rules Redis 7.0 uses.
    public var encodingName: String {
        switch self {
        case .string(let s): return s.encodingName
        case .list(let v): return v.encodingName
        case .hash(let v): return v.encodingName
        case .set(let v): return v.encodingName
        case .zset(let v): return v.encodingName
        case .stream: return "stream"
        }
    }

    /// Estimated heap bytes of the value (not of its key or entry), kept in O(1).
    var memoryEstimate: Int {
        switch self {
        case .string(.int): return 0
        case .string(.bytes(let b, _)): return MemoryEstimate.byteArray(b.count)
        case .list(let v): return v.memoryEstimate
        case .hash(let v): return HashValue.boxBytes + v.memoryEstimate
        case .set(let v): return SetValue.boxBytes + v.memoryEstimate
        case .zset(let v): return v.memoryEstimate
        case .stream(let v): return StoredValue.box(v) + v.memoryEstimate
        }
    }

    /// Heap bytes of the box an indirect case allocates: object header plus the payload.
    @inline(__always) static func box<T>(_: T) -> Int { MemoryEstimate.mallocSize(16 + MemoryLayout<T>.size) }
}
