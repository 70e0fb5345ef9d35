import NIOCore
import RESP
import StrataCollections

/// LPUSH, RPUSH, LPUSHX, RPUSHX and LINSERT: the commands that add elements.
enum ListPushCommands {
    /// LPUSH/RPUSH (create the list) and LPUSHX/RPUSHX (`onlyExisting`: push only onto an existing list).
    static func push(_ end: ListEnd, onlyExisting: Bool) -> CommandHandler {
        { call, out in
            let key = call.args[1]
            let exists: Bool
            switch call.writableList(key) {
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .missing:
                guard !onlyExisting else { return out.writeIntegerReply(0) }
                exists = false
            case .found: exists = true
            }
            out.writeIntegerReply(call.pushList(key, call.args[2...], at: end, exists: exists))
        }
    }

    /// LINSERT key BEFORE|AFTER pivot element: the new length, 0 for a missing key, -1 when the pivot is absent.
    static func linsert(_ call: Call, _ out: inout ByteBuffer) {
        let after: Bool
        if call.arg(2, is: "AFTER") {
            after = true
        } else if call.arg(2, is: "BEFORE") {
            after = false
        } else {
            return out.writeErrorReply(ReplyError.syntax)
        }
        let key = call.args[1]
        switch call.writableList(key) {
        case .missing: return out.writeIntegerReply(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: break
        }
        let pivot = CompactBytes(call.args[3])
        // The first match from the head: LPOS's search with its defaults.
        let at = call.scanList(key) { PositionOptions().matches(of: pivot, in: $0).first }
        guard let at else { return out.writeIntegerReply(-1) }
        call.engine.dirty += 1
        let length = call.editList(key, event: "linsert") { list in
            list.insert(call.args[4], at: after ? at + 1 : at)
            return list.count
        }
        out.writeIntegerReply(length)
    }
}
