import NIOCore
import RESP
import StrataCollections

/// LSET, LREM and LTRIM: the commands that rewrite a list in place.
enum ListEditCommands {
    /// LSET key index element: the key is checked before the index is parsed, as Redis does.
    static func lset(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1]
        let count: Int
        switch call.writableList(key) {
        case .missing: return out.writeErrorReply(ReplyError.noSuchKey)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let n): count = n
        }
        guard let index = call.integer(2, &out) else { return }
        guard let i = ListRange.position(index, count: count) else {
            return out.writeErrorReply("ERR index out of range")
        }
        call.engine.dirty += 1
        call.editList(key, event: "lset") { $0.set(call.args[3], at: i) }
        out.writeSimpleString("OK")
    }

    /// LREM key count element: removes the first `count` matches from the head (from the tail when negative, all
    /// when 0). A list without a match is left untouched (and unreported).
    static func lrem(_ call: Call, _ out: inout ByteBuffer) {
        guard let count = call.integer(2, &out) else { return }
        let key = call.args[1]
        let element = CompactBytes(call.args[3])
        // Int64.min's magnitude exceeds every list length: like 0, it removes every match (from the tail).
        let limit = count == 0 || count == .min ? nil : Int(count.magnitude)
        switch call.writableList(key) {
        case .missing: return out.writeIntegerReply(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: break
        }
        let matches = call.scanList(key) { countMatches(of: element, in: $0, limit: limit) }
        guard matches > 0 else { return out.writeIntegerReply(0) }
        call.engine.dirty += matches
        let removed = call.editList(key, event: "lrem") { $0.remove(element, limit: limit, fromBack: count < 0) }
        out.writeIntegerReply(removed)
    }

    private static func countMatches(of element: CompactBytes, in list: ListValue, limit: Int?) -> Int {
        var n = 0
        list.items.forEachIndexed { _, e in
            if e == element { n += 1 }
            return n != limit
        }
        return n
    }

    /// LTRIM key start stop: keeps the inclusive range (deleting the key when it is empty); always OK.
    static func ltrim(_ call: Call, _ out: inout ByteBuffer) {
        guard let start = call.integer(2, &out), let stop = call.integer(3, &out) else { return }
        let key = call.args[1]
        let count: Int
        switch call.writableList(key) {
        case .missing: return out.writeSimpleString("OK")
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let n): count = n
        }
        let keep = ListRange.resolve(start: start, stop: stop, count: count)
        call.engine.dirty += count - (keep?.count ?? 0)
        call.editList(key, event: "ltrim") { $0.trim(to: keep) }
        out.writeSimpleString("OK")
    }
}
