import StrataText
import RDB

/// Value equality for `diff`: what a client would observe, so the order of hashtable-encoded sets and hashes
/// and the encoding itself do not matter; list order, sorted-set scores and stream contents do.
enum ValueComparison {
    static func same(_ a: RDBValue, _ b: RDBValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.set(let x), .set(let y)): return x.count == y.count && Set(x) == Set(y)
        case (.zset(let x), .zset(let y)):
            guard x.count == y.count else { return false }
            let scores = Dictionary(x.map { ($0.member, $0.score.bitPattern) }, uniquingKeysWith: { a, _ in a })
            return y.allSatisfy { scores[$0.member] == $0.score.bitPattern }
        case (.hash(let x), .hash(let y)):
            guard x.count == y.count else { return false }
            let values = Dictionary(x.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
            return y.allSatisfy { values[$0.field] == $0.value }
        case (.stream(let x), .stream(let y)): return x == y
        default: return false
        }
    }

    /// A 64-bit digest with the same notion of equality (order-insensitive where `same` is), so `diff` can keep
    /// one number per key of the first dump instead of its values.
    static func digest(_ v: RDBValue) -> UInt64 {
        func h(_ bytes: [UInt8], _ seed: UInt64) -> UInt64 { CRC64.checksum(bytes) ^ (seed &* 0x9E37_79B9_7F4A_7C15) }
        switch v {
        case .string(let s): return h(s, 1)
        case .list(let items):
            var crc = CRC64(2)
            for item in items {
                crc.update(Array(String(item.count).utf8) + [0])
                crc.update(item)
            }
            return crc.value
        case .set(let members): return members.reduce(h([], 3)) { $0 &+ h($1, 30) }
        case .zset(let members):
            return members.reduce(h([], 4)) { acc, m in
                acc &+ h(m.member + withUnsafeBytes(of: m.score.bitPattern, Array.init), 40)
            }
        case .hash(let pairs):
            return pairs.reduce(h([], 5)) { $0 &+ h(Array(String($1.field.count).utf8) + [0] + $1.field + $1.value, 50) }
        case .stream(let s): return h(Array(JSONText.value(.stream(s)).utf8), 6)
        }
    }
}
