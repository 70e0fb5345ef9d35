import NIOCore
import RESP
import StrataCollections

/// LPOP, RPOP and LMPOP, and the pop-and-reply steps the blocking pops share with them.
enum ListPopCommands {
    /// LPOP/RPOP key [count]: one element as a bulk string, or with a count an array of up to count elements
    /// (nil array for a missing key, empty array for count 0).
    static func pop(_ end: ListEnd) -> CommandHandler {
        { call, out in
            guard call.argc <= 3 else { return call.wrongArity(&out) }
            var count: Int?
            if call.argc == 3 {
                guard let n = IntegerText.parse(call.args[2]), n >= 0 else {
                    return out.writeErrorReply("ERR value is out of range, must be positive")
                }
                count = Int(n)
            }
            let key = call.args[1]
            switch call.writableList(key) {
            case .missing: return count == nil ? out.writeNullReply(call.proto) : out.writeNullArrayReply(call.proto)
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .found: break
            }
            guard let count else { return popOne(call, key, end, &out) }
            guard count > 0 else { return out.writeArrayHeader(0) }
            popRange(call, key, end, count, &out)
        }
    }

    /// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first non-empty list.
    static func lmpop(_ call: Call, _ out: inout ByteBuffer) {
        guard let request = MultiPopRequest.parse(call, numkeysAt: 1, &out) else { return }
        switch firstList(call, request.keys) {
        case .none: out.writeNullArrayReply(call.proto)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .key(let key): popRangeWithKey(call, key, request.end, request.count, &out)
        }
    }

    /// What the multi-key pops find scanning their keys in order.
    enum FirstList {
        /// The first key holding a list (lists are never empty).
        case key(Bytes)
        case none
        /// A key of another type came before any list.
        case wrongType
    }

    static func firstList(_ call: Call, _ keys: ArraySlice<Bytes>) -> FirstList {
        for key in keys {
            switch call.writableList(key) {
            case .missing: continue
            case .wrongType: return .wrongType
            case .found: return .key(key)
            }
        }
        return .none
    }

    /// Pops one element of the (existing) list under `key` and replies with it as a bulk string.
    static func popOne(_ call: Call, _ key: Bytes, _ end: ListEnd, _ out: inout ByteBuffer) {
        call.engine.dirty += 1
        call.editList(key, event: end.popEvent) { list in out.writeBulkReply(list.pop(at: end)!) }
    }

    /// Pops up to `count` elements of the (existing) list under `key`, replying with them as an array in pop order.
    /// Returns how many it popped.
    @discardableResult
    static func popRange(_ call: Call, _ key: Bytes, _ end: ListEnd, _ count: Int, _ out: inout ByteBuffer) -> Int {
        call.editList(key, event: end.popEvent) { list in
            let n = min(count, list.count)
            call.engine.dirty += n
            out.writeArrayHeader(n)
            list.pop(n, at: end) { out.writeBulkReply($0) }
            return n
        }
    }

    /// LMPOP's and BLMPOP's step: replies with the key, then the popped elements as an array; logged as
    /// `LPOP|RPOP key n` with the number actually popped.
    static func popRangeWithKey(_ call: Call, _ key: Bytes, _ end: ListEnd, _ count: Int, _ out: inout ByteBuffer) {
        out.writeArrayHeader(2)
        out.writeBulkReply(key)
        let n = popRange(call, key, end, count, &out)
        if call.logsEffects { call.propagate([end.popCommand, key, IntegerText.bytes(Int64(n))]) }
    }

    /// BLPOP's and BRPOP's step: replies with the key and the one popped element; logged as `LPOP|RPOP key`.
    static func popOneWithKey(_ call: Call, _ key: Bytes, _ end: ListEnd, _ out: inout ByteBuffer) {
        out.writeArrayHeader(2)
        out.writeBulkReply(key)
        popOne(call, key, end, &out)
        if call.logsEffects { call.propagate([end.popCommand, key]) }
    }
}

/// The arguments LMPOP and BLMPOP share: `numkeys key [key ...] LEFT|RIGHT [COUNT count]`.
struct MultiPopRequest {
    let keys: ArraySlice<Bytes>
    let end: ListEnd
    let count: Int

    /// Parses from the numkeys argument at `numkeysAt`, writing Redis's error (and returning nil) on bad input.
    static func parse(_ call: Call, numkeysAt at: Int, _ out: inout ByteBuffer) -> MultiPopRequest? {
        guard let numkeys = IntegerText.parse(call.args[at]), numkeys > 0 else {
            out.writeErrorReply("ERR numkeys should be greater than 0")
            return nil
        }
        guard numkeys < call.argc - at - 1 else {
            out.writeErrorReply(ReplyError.syntax)
            return nil
        }
        let endAt = at + 1 + Int(numkeys)
        guard let end = call.listEnd(endAt, &out) else { return nil }
        var count: Int?
        var i = endAt + 1
        while i < call.argc {
            guard count == nil, call.arg(i, is: "COUNT"), i + 1 < call.argc else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            guard let n = IntegerText.parse(call.args[i + 1]), n > 0 else {
                out.writeErrorReply("ERR count should be greater than 0")
                return nil
            }
            count = Int(n)
            i += 2
        }
        return MultiPopRequest(keys: call.args[(at + 1)..<endAt], end: end, count: count ?? 1)
    }
}
