import NIOCore
import RESP

/// ZRANDMEMBER key [count [WITHSCORES]] (Redis's zrandmemberWithCountCommand): without a count, one member or
/// null; a negative count samples with repetition; a positive count returns distinct members — the whole set (in
/// descending order, as Redis walks it) when count >= size, else a uniform random subset. With WITHSCORES, RESP3
/// nests [member, score] pairs.
enum ZRandMemberCommand {
    static func zrandmember(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc >= 3 else { return single(call, &out) }
        guard let requested = call.integer(2, &out) else { return }
        if requested == .min {
            return out.writeErrorReply("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
        }
        guard call.argc == 3 || (call.argc == 4 && call.arg(3, is: "WITHSCORES")) else {
            return out.writeErrorReply(ReplyError.syntax)
        }
        let withScores = call.argc == 4
        // Redis refuses counts whose reply length (|count| * 2 with scores) would overflow.
        if withScores && requested.magnitude > UInt64(Int64.max / 2) {
            return out.writeErrorReply("ERR value is out of range")
        }
        let z: SortedSetValue
        switch call.readSortedSet(call.args[1]) {
        case .missing: return out.writeArrayHeader(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let found): z = found
        }
        if requested == 0 { return out.writeArrayHeader(0) }
        let size = z.count
        if requested < 0 || requested == 1 {
            let count = Int(requested.magnitude)
            out.writeSortedSetHeader(count, withScores: withScores, call.proto)
            for _ in 0..<count {
                let e = z[Int.random(in: 0..<size, using: &call.engine.random)]
                out.writeSortedSetElement(e, withScores: withScores, call.proto)
            }
            return
        }
        let count = Int(requested)
        if count >= size {
            out.writeSortedSetHeader(size, withScores: withScores, call.proto)
            z.forEach(in: 0..<size, reversed: true) { out.writeSortedSetElement($0, withScores: withScores, call.proto) }
            return
        }
        out.writeSortedSetHeader(count, withScores: withScores, call.proto)
        for position in distinctPositions(count, of: size, &call.engine.random) {
            out.writeSortedSetElement(z[position], withScores: withScores, call.proto)
        }
    }

    /// `count` distinct positions in 0..<size (count < size), in random order: a partial Fisher-Yates shuffle when
    /// the set is small relative to the count, rejection sampling otherwise.
    private static func distinctPositions(_ count: Int, of size: Int, _ random: inout FastRandom) -> [Int] {
        if count * 3 > size {
            var all = Array(0..<size)
            for i in 0..<count { all.swapAt(i, Int.random(in: i..<size, using: &random)) }
            return Array(all[..<count])
        }
        var chosen = Set<Int>()
        var order: [Int] = []
        order.reserveCapacity(count)
        while order.count < count {
            let p = Int.random(in: 0..<size, using: &random)
            if chosen.insert(p).inserted { order.append(p) }
        }
        return order
    }

    /// ZRANDMEMBER key: one random member as a bulk string, or null.
    private static func single(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readSortedSet(call.args[1]) {
        case .missing: out.writeNullReply(call.proto)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let z):
            let e = z[Int.random(in: 0..<z.count, using: &call.engine.random)]
            e.member.withUnsafeBytes { out.writeBulkReply($0) }
        }
    }
}
