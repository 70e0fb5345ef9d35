/// One element of a collection as the reader hands it to an `RDBValueBuilder`: an integer that a packed encoding
/// stored as one, or bytes that are valid only for the duration of the call (they point into the reader's buffer
/// or into a packed blob being decoded).
public enum RDBElement {
    case int(Int64)
    case bytes(UnsafeRawBufferPointer)

    /// The element as the string Redis returns for it (an integer in decimal), copied.
    public var bytes: [UInt8] {
        switch self {
        case .int(let n): return PackedEntry.decimal(n)
        case .bytes(let b): return Array(b)
        }
    }

    /// Calls `body` with the element's bytes, an integer formatted on the stack.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .bytes(let b):
            return body(b)
        case .int(let n):
            return withUnsafeTemporaryAllocation(byteCount: 20, alignment: 1) { scratch in
                var v = n.magnitude, at = 20
                repeat {
                    at -= 1
                    scratch[at] = UInt8(truncatingIfNeeded: 48 + v % 10)
                    v /= 10
                } while v > 0
                if n < 0 {
                    at -= 1
                    scratch[at] = UInt8(ascii: "-")
                }
                return body(UnsafeRawBufferPointer(rebasing: scratch[at...]))
            }
        }
    }
}

/// The kind of collection a value being built is.
public enum RDBCollectionKind {
    case list, set, hash, zset
}

/// Receives the parts of each key and value as the reader decodes them, and builds them into whatever form the
/// caller keeps (the neutral `RDBValue`, or the server's own value types with no intermediate copy).
///
/// Protocol of calls for one value: `string` for a string; for a collection, `begin`, then `element` (lists and
/// sets), `pair` (hashes) or `member` (sorted sets) once per element in file order, then `end`; `stream` for a
/// stream. A builder refuses contents the format allows but a loader must not accept (duplicate members, NaN
/// scores) by throwing from `end` or `stream`; the reader reports that at the offset it was told.
public protocol RDBValueBuilder {
    associatedtype Key
    associatedtype Value

    /// The key of a record, from bytes valid only during the call.
    mutating func key(_ bytes: UnsafeRawBufferPointer) -> Key
    /// The key's bytes, for error messages.
    func bytes(of key: Key) -> [UInt8]
    /// A string value, in a fresh array the builder may keep.
    mutating func string(_ bytes: [UInt8]) -> Value
    /// Starts a collection of about `countHint` elements (pairs for a hash; 0 when unknown).
    mutating func begin(_ kind: RDBCollectionKind, countHint: Int)
    mutating func element(_ element: RDBElement)
    mutating func pair(_ field: RDBElement, _ value: RDBElement)
    mutating func member(_ member: RDBElement, score: Double)
    /// The collection begun last, complete; throws the message of a refusal.
    mutating func end() throws(RDBContentError) -> Value
    mutating func stream(_ stream: RDBStream, encoding: RDBValueType) throws(RDBContentError) -> Value
}

/// Why a builder refuses a value whose encoding is valid (Redis's loader checks the same).
public struct RDBContentError: Error {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Builds the neutral `RDBValue` form, elements copied into arrays (tools, tests, DUMP payload inspection).
public struct RDBValueCollector: RDBValueBuilder {
    private var kind = RDBCollectionKind.list
    private var items: [[UInt8]] = []
    private var pairs: [(field: [UInt8], value: [UInt8])] = []
    private var members: [(member: [UInt8], score: Double)] = []

    public init() {}

    public func key(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { Array(bytes) }
    public func bytes(of key: [UInt8]) -> [UInt8] { key }
    public func string(_ bytes: [UInt8]) -> RDBValue { .string(bytes) }

    public mutating func begin(_ kind: RDBCollectionKind, countHint: Int) {
        self.kind = kind
        items = []
        pairs = []
        members = []
    }

    public mutating func element(_ element: RDBElement) { items.append(element.bytes) }
    public mutating func pair(_ field: RDBElement, _ value: RDBElement) { pairs.append((field.bytes, value.bytes)) }
    public mutating func member(_ member: RDBElement, score: Double) { members.append((member.bytes, score)) }

    public mutating func end() -> RDBValue {
        switch kind {
        case .list: return .list(items)
        case .set: return .set(items)
        case .hash: return .hash(pairs)
        case .zset: return .zset(members)
        }
    }

    public func stream(_ stream: RDBStream, encoding: RDBValueType) -> RDBValue { .stream(stream) }
}

extension RDBValue {
    /// Feeds this value to `builder` as the reader would have, with `encoding` the on-disk type it was read from.
    public func build<B: RDBValueBuilder>(into builder: inout B, encoding: RDBValueType) throws(RDBContentError) -> B.Value {
        switch self {
        case .string(let bytes):
            return builder.string(bytes)
        case .list(let items), .set(let items):
            builder.begin(typeName == "list" ? .list : .set, countHint: items.count)
            for item in items { item.withUnsafeBytes { builder.element(.bytes($0)) } }
        case .hash(let pairs):
            builder.begin(.hash, countHint: pairs.count)
            for p in pairs { p.field.withUnsafeBytes { f in p.value.withUnsafeBytes { v in builder.pair(.bytes(f), .bytes(v)) } } }
        case .zset(let members):
            builder.begin(.zset, countHint: members.count)
            for m in members { m.member.withUnsafeBytes { builder.member(.bytes($0), score: m.score) } }
        case .stream(let s):
            return try builder.stream(s, encoding: encoding)
        }
        return try builder.end()
    }
}
