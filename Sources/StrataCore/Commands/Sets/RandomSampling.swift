import NIOCore
import RESP

/// The count argument and the sampling rules HRANDFIELD, SRANDMEMBER and SPOP share.
enum RandomSampling {
    /// Parses the signed count of HRANDFIELD and SRANDMEMBER: any 64-bit integer but the one without a negation.
    static func signedCount(_ call: Call, _ i: Int, _ out: inout ByteBuffer) -> Int64? {
        guard let n = call.integer(i, &out) else { return nil }
        guard n != .min else {
            out.writeErrorReply("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
            return nil
        }
        return n
    }

    /// `count` distinct positions in 0..<size (count < size), in random order: a partial shuffle of all positions
    /// when many are wanted, rejection of repeats when few are.
    static func distinctOffsets(_ count: Int, in size: Int, using random: inout FastRandom) -> [Int] {
        if count * 3 >= size {
            var all = Array(0..<size)
            for i in 0..<count { all.swapAt(i, Int.random(in: i..<size, using: &random)) }
            return Array(all.prefix(count))
        }
        var seen = Set<Int>(minimumCapacity: count)
        var picked: [Int] = []
        picked.reserveCapacity(count)
        while picked.count < count {
            let i = Int.random(in: 0..<size, using: &random)
            if seen.insert(i).inserted { picked.append(i) }
        }
        return picked
    }
}
