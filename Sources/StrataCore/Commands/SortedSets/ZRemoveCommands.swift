import NIOCore
import RESP

/// ZREM and ZREMRANGEBYRANK/BYSCORE/BYLEX. Ranges are parsed before the key is looked up, as in Redis.
enum ZRemoveCommands {
    static func zrem(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1]
        switch call.writableSortedSet(key) {
        case .missing: return out.writeIntegerReply(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: break
        }
        let removed = call.editSortedSet(key, event: "zrem") { z in
            var n = 0
            for member in call.args[2...] where z.remove(member) { n += 1 }
            return n
        }
        out.writeIntegerReply(removed)
    }

    static func zremrangebyrank(_ call: Call, _ out: inout ByteBuffer) {
        guard let start = call.integer(2, &out), let stop = call.integer(3, &out) else { return }
        removeRange(call, event: "zremrangebyrank", &out) { RankRange.positions(start: start, stop: stop, count: $0.count) }
    }

    static func zremrangebyscore(_ call: Call, _ out: inout ByteBuffer) {
        guard let range = ScoreRange(min: call.args[2], max: call.args[3]) else {
            return out.writeErrorReply("ERR min or max is not a float")
        }
        removeRange(call, event: "zremrangebyscore", &out) { range.positions(in: $0) }
    }

    static func zremrangebylex(_ call: Call, _ out: inout ByteBuffer) {
        guard let range = LexRange(min: call.args[2], max: call.args[3]) else {
            return out.writeErrorReply("ERR min or max not valid string range item")
        }
        removeRange(call, event: "zremrangebylex", &out) { range.positions(in: $0) }
    }

    private static func removeRange(_ call: Call, event: String, _ out: inout ByteBuffer,
                                    _ positions: (SortedSetValue) -> Range<Int>) {
        let key = call.args[1]
        switch call.writableSortedSet(key) {
        case .missing: return out.writeIntegerReply(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: break
        }
        let removed = call.editSortedSet(key, event: event) { z in z.removeSubrange(positions(z)).count }
        out.writeIntegerReply(removed)
    }
}
