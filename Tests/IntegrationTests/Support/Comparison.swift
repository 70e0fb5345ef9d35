import NIOCore
import RESP

/// How one step's reply from Strata is held against Redis's.
enum Comparison {
    /// Same value, element for element.
    case exact
    /// Same elements of the top-level aggregate in any order (KEYS, SMEMBERS, CONFIG GET *).
    case unordered
    /// Same reply kind only (TIME, CLIENT ID, INFO): the values legitimately differ.
    case ignoreValue
    /// Same shape; integers, doubles and numeric strings may differ by up to `tolerance`.
    case approximately(Double)
    /// Both replies are reduced by `reduce` (named by `what` in reports) and then compared
    /// exactly: only the part of a reply both servers must agree on, e.g. COMMAND INFO's
    /// name/arity/key positions or the field names of CLIENT LIST.
    case projected(String, (RESPValue) -> RESPValue)

    func agrees(_ strata: RESPValue, _ redis: RESPValue) -> Bool {
        switch self {
        case .exact: return strata == redis
        case .unordered: return strata.sortedElements == redis.sortedElements
        case .ignoreValue: return strata.kind == redis.kind
        case .approximately(let tolerance): return strata.isClose(to: redis, within: tolerance)
        case .projected(_, let reduce): return reduce(strata) == reduce(redis)
        }
    }

    var label: String {
        switch self {
        case .exact: return "exact"
        case .unordered: return "unordered"
        case .ignoreValue: return "reply kind only"
        case .approximately(let tolerance): return "within \(tolerance)"
        case .projected(let what, _): return what
        }
    }
}

extension RESPValue {
    /// The value's RESP encoding: a total order for sorting elements whatever their type.
    var wire: [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// The reply type, with the three null spellings kept apart.
    var kind: String {
        switch self {
        case .simpleString: return "simple string"
        case .error: return "error"
        case .integer: return "integer"
        case .bulkString(nil): return "null bulk string"
        case .bulkString: return "bulk string"
        case .array(nil): return "null array"
        case .array: return "array"
        case .null: return "null"
        case .double: return "double"
        case .boolean: return "boolean"
        case .bigNumber: return "big number"
        case .verbatim: return "verbatim string"
        case .map: return "map"
        case .set: return "set"
        case .push: return "push"
        case .attribute: return "attribute"
        }
    }

    /// The same aggregate with its elements (or map pairs) in wire order.
    var sortedElements: RESPValue {
        let byWire: (RESPValue, RESPValue) -> Bool = { $0.wire.lexicographicallyPrecedes($1.wire) }
        switch self {
        case .array(let items?): return .array(items.sorted(by: byWire))
        case .set(let items): return .set(items.sorted(by: byWire))
        case .map(let pairs):
            return .map(pairs.sorted { RESPValue.array([$0.key, $0.value]).wire
                .lexicographicallyPrecedes(RESPValue.array([$1.key, $1.value]).wire) })
        default: return self
        }
    }

    /// The number a reply carries: an integer, a double, or a bulk string that spells one.
    var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        case .bulkString(let bytes?): return Double(String(decoding: bytes, as: UTF8.self))
        default: return nil
        }
    }

    func isClose(to other: RESPValue, within tolerance: Double) -> Bool {
        if kind != other.kind { return false }
        if let mine = number, let theirs = other.number { return abs(mine - theirs) <= tolerance }
        switch (self, other) {
        case let (.array(mine?), .array(theirs?)):
            return mine.count == theirs.count
                && zip(mine, theirs).allSatisfy { $0.isClose(to: $1, within: tolerance) }
        default:
            return self == other
        }
    }
}
