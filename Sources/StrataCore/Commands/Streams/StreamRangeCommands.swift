import NIOCore
import RESP

/// XRANGE, XREVRANGE, XLEN and XDEL: reading entries by ID and deleting them.
enum StreamRangeCommands {
    /// XRANGE key start end [COUNT count] / XREVRANGE key end start [COUNT count]. Ends are inclusive unless
    /// prefixed with "("; an ID without a sequence means seq 0 as a start and the largest seq as an end.
    static func range(reverse: Bool) -> CommandHandler {
        { call, out in
            let startArg = reverse ? 3 : 2, endArg = reverse ? 2 : 3
            guard var start = call.streamIntervalID(startArg, &out, missingSeq: 0) else { return }
            if start.exclusive {
                guard let next = start.id.successor else { return out.writeErrorReply(StreamError.invalidStart) }
                start.id = next
            }
            guard var end = call.streamIntervalID(endArg, &out, missingSeq: .max) else { return }
            if end.exclusive {
                guard let previous = end.id.predecessor else { return out.writeErrorReply(StreamError.invalidEnd) }
                end.id = previous
            }
            var count: Int64 = -1
            var j = 4
            while j < call.argc {
                guard call.arg(j, is: "COUNT"), j + 1 < call.argc else { return out.writeErrorReply(ReplyError.syntax) }
                guard let n = call.integer(j + 1, &out) else { return }
                count = max(0, n)
                j += 2
            }
            let s: StreamValue
            switch call.lookupStream(call.args[1]) {
            case .missing: return out.writeArrayHeader(0)
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .stream(let v): s = v
            }
            if count == 0 { return out.writeNullArrayReply(call.proto) }
            s.writeRange(from: start.id, to: end.id, count: Int(max(0, count)), reverse: reverse, &out)
        }
    }

    /// XLEN key
    static func xlen(_ call: Call, _ out: inout ByteBuffer) {
        switch call.lookupStream(call.args[1]) {
        case .missing: out.writeIntegerReply(0)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .stream(let s): out.writeIntegerReply(s.count)
        }
    }

    /// XDEL key id [id ...]: every ID is checked before any is deleted; an emptied stream stays.
    static func xdel(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1]
        switch call.lookupStreamForWrite(key) {
        case .missing: return out.writeIntegerReply(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .stream: break
        }
        var ids: [StreamID] = []
        for i in 2..<call.argc {
            guard let id = call.streamID(i, &out) else { return }
            ids.append(id)
        }
        let deleted = call.editStream(key) { s in ids.reduce(0) { $0 + (s.delete($1) ? 1 : 0) } }
        if deleted > 0 {
            call.notify(.stream, "xdel", key)
            call.engine.dirty += deleted
        }
        out.writeIntegerReply(deleted)
    }
}
