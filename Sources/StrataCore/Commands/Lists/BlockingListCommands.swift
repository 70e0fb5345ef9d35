import NIOCore
import RESP
import StrataCollections

/// BLPOP, BRPOP, BLMPOP, BLMOVE and BRPOPLPUSH: the list pops that wait for data. Each first tries what its
/// non-blocking form would do; finding nothing, it blocks on its keys. When a key it waits on changes, it is
/// served from that key (the ready key, not the first in argument order, as in Redis) if a list is there now, and
/// keeps waiting otherwise. A timeout answers a nil array.
enum BlockingListCommands {
    /// BLPOP/BRPOP key [key ...] timeout.
    static func bpop(_ end: ListEnd) -> CommandHandler {
        { call, out in
            guard let timeout = call.blockingTimeout(call.argc - 1, &out) else { return }
            let keys = call.args[1..<(call.argc - 1)]
            switch ListPopCommands.firstList(call, keys) {
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .key(let key): return ListPopCommands.popOneWithKey(call, key, end, &out)
            case .none: break
            }
            call.block(keys: Array(keys), timeoutMillis: timeout, out: &out, timeoutReply: nullArray) { call, out in
                guard let key = readyList(call) else { return false }
                ListPopCommands.popOneWithKey(call, key, end, &out)
                return true
            }
        }
    }

    /// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: the timeout is checked after the rest.
    static func blmpop(_ call: Call, _ out: inout ByteBuffer) {
        guard let request = MultiPopRequest.parse(call, numkeysAt: 2, &out),
              let timeout = call.blockingTimeout(1, &out) else { return }
        switch ListPopCommands.firstList(call, request.keys) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .key(let key): return ListPopCommands.popRangeWithKey(call, key, request.end, request.count, &out)
        case .none: break
        }
        call.block(keys: Array(request.keys), timeoutMillis: timeout, out: &out, timeoutReply: nullArray) { call, out in
            guard let key = readyList(call) else { return false }
            ListPopCommands.popRangeWithKey(call, key, request.end, request.count, &out)
            return true
        }
    }

    /// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout.
    static func blmove(_ call: Call, _ out: inout ByteBuffer) {
        guard let from = call.listEnd(3, &out), let to = call.listEnd(4, &out),
              let timeout = call.blockingTimeout(5, &out) else { return }
        blockingMove(call, from: from, to: to, timeout: timeout, &out)
    }

    /// BRPOPLPUSH source destination timeout: BLMOVE source destination RIGHT LEFT timeout.
    static func brpoplpush(_ call: Call, _ out: inout ByteBuffer) {
        guard let timeout = call.blockingTimeout(3, &out) else { return }
        blockingMove(call, from: .tail, to: .head, timeout: timeout, &out)
    }

    /// Moves at once when the source holds a list. Otherwise blocks on the source only (the destination's type is
    /// checked when an element arrives: a WRONGTYPE then ends the wait); inside MULTI answers a nil bulk string.
    private static func blockingMove(_ call: Call, from: ListEnd, to: ListEnd, timeout: Int64, _ out: inout ByteBuffer) {
        switch call.writableList(call.args[1]) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: return move(call, from: from, to: to, &out)
        case .missing: break
        }
        guard !call.client.executingTransaction else { return out.writeNullReply(call.proto) }
        call.block(keys: [call.args[1]], timeoutMillis: timeout, out: &out, timeoutReply: nullArray) { call, out in
            guard readyList(call) != nil else { return false }
            move(call, from: from, to: to, &out)
            return true
        }
    }

    /// The move, served at once or later, logged as the non-blocking command with the request's words:
    /// BRPOPLPUSH as `RPOPLPUSH source destination`, BLMOVE as `LMOVE source destination wherefrom whereto`.
    private static func move(_ call: Call, from: ListEnd, to: ListEnd, _ out: inout ByteBuffer) {
        guard ListMoveCommands.moveFromExisting(call, from: from, to: to, &out), call.logsEffects else { return }
        if call.command.name == "brpoplpush" {
            call.propagate([Bytes("RPOPLPUSH"), call.args[1], call.args[2]])
        } else {
            call.propagate([Bytes("LMOVE")] + call.args[1...4])
        }
    }

    /// The key that woke a blocked command, when it now holds a list.
    private static func readyList(_ call: Call) -> Bytes? {
        guard let key = call.readyKey, case .found = call.writableList(key) else { return nil }
        return key
    }

    private static func nullArray(_ client: ClientSession, _ out: inout ByteBuffer) {
        out.writeNullArrayReply(client.proto)
    }
}
