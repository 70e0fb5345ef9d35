import NIOCore
import RESP

/// The sorted-set commands that read one key and answer a number or a score: ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK
/// ZCOUNT ZLEXCOUNT.
enum SortedSetReadCommands {
    static func zcard(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readSortedSet(call.args[1]) {
        case .missing: out.writeIntegerReply(0)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let z): out.writeIntegerReply(z.count)
        }
    }

    static func zscore(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readSortedSet(call.args[1]) {
        case .missing: out.writeNullReply(call.proto)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let z):
            if let s = z.score(of: call.args[2]) { out.writeDoubleReply(s, call.proto) } else { out.writeNullReply(call.proto) }
        }
    }

    /// A missing key answers a null per member, like an empty set.
    static func zmscore(_ call: Call, _ out: inout ByteBuffer) {
        var z = SortedSetValue()
        switch call.readSortedSet(call.args[1]) {
        case .missing: break
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let found): z = found
        }
        out.writeArrayHeader(call.argc - 2)
        for member in call.args[2...] {
            if let s = z.score(of: member) { out.writeDoubleReply(s, call.proto) } else { out.writeNullReply(call.proto) }
        }
    }

    static func zrank(_ call: Call, _ out: inout ByteBuffer) { rank(call, reversed: false, &out) }

    static func zrevrank(_ call: Call, _ out: inout ByteBuffer) { rank(call, reversed: true, &out) }

    /// ZRANK/ZREVRANK key member [WITHSCORE] (WITHSCORE as in Redis 7.2: [rank, score], or a null array).
    private static func rank(_ call: Call, reversed: Bool, _ out: inout ByteBuffer) {
        guard call.argc <= 4 else { return call.wrongArity(&out) }
        let withScore = call.argc == 4
        if withScore && !call.arg(3, is: "WITHSCORE") { return out.writeErrorReply(ReplyError.syntax) }
        let none: (inout ByteBuffer) -> Void = { out in
            if withScore { out.writeNullArrayReply(call.proto) } else { out.writeNullReply(call.proto) }
        }
        switch call.readSortedSet(call.args[1]) {
        case .missing: none(&out)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let z):
            guard let r = z.rank(of: call.args[2]) else { return none(&out) }
            if withScore { out.writeArrayHeader(2) }
            out.writeIntegerReply(reversed ? z.count - 1 - r : r)
            if withScore { out.writeDoubleReply(z[r].score, call.proto) }
        }
    }

    static func zcount(_ call: Call, _ out: inout ByteBuffer) {
        guard let range = ScoreRange(min: call.args[2], max: call.args[3]) else {
            return out.writeErrorReply("ERR min or max is not a float")
        }
        count(call, &out) { range.positions(in: $0) }
    }

    static func zlexcount(_ call: Call, _ out: inout ByteBuffer) {
        guard let range = LexRange(min: call.args[2], max: call.args[3]) else {
            return out.writeErrorReply("ERR min or max not valid string range item")
        }
        count(call, &out) { range.positions(in: $0) }
    }

    private static func count(_ call: Call, _ out: inout ByteBuffer, _ positions: (SortedSetValue) -> Range<Int>) {
        switch call.readSortedSet(call.args[1]) {
        case .missing: out.writeIntegerReply(0)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let z): out.writeIntegerReply(positions(z).count)
        }
    }
}
