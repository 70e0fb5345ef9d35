import NIOCore
import RESP

/// ZPOPMIN/ZPOPMAX, ZMPOP and their blocking forms BZPOPMIN/BZPOPMAX/BZMPOP (Redis's genericZpopCommand and
/// blockingGenericZpopCommand). Reply shapes: ZPOPMIN without COUNT is a flat [member, score]; with COUNT it is flat
/// in RESP2 and a list of [member, score] pairs in RESP3; BZPOPMIN answers a flat [key, member, score]; ZMPOP and
/// BZMPOP answer [key, [[member, score], ...]] in both protocols.
///
/// Effects (as Redis 7.0 propagates them): ZPOPMIN/ZPOPMAX go to the log as sent; BZPOPMIN/BZPOPMAX, served at once
/// or later, become `ZPOPMIN|ZPOPMAX key`; ZMPOP and BZMPOP become `ZPOPMIN|ZPOPMAX key n` with n the number of
/// members actually popped.
enum ZPopCommands {
    static func zpopmin(_ call: Call, _ out: inout ByteBuffer) { zpop(call, max: false, &out) }
    static func zpopmax(_ call: Call, _ out: inout ByteBuffer) { zpop(call, max: true, &out) }
    static func bzpopmin(_ call: Call, _ out: inout ByteBuffer) { bzpop(call, max: false, &out) }
    static func bzpopmax(_ call: Call, _ out: inout ByteBuffer) { bzpop(call, max: true, &out) }
    static func zmpop(_ call: Call, _ out: inout ByteBuffer) { mpop(call, numkeysIndex: 1, blocking: false, &out) }
    static func bzmpop(_ call: Call, _ out: inout ByteBuffer) { mpop(call, numkeysIndex: 2, blocking: true, &out) }

    private static func zpop(_ call: Call, max: Bool, _ out: inout ByteBuffer) {
        guard call.argc <= 3 else { return out.writeErrorReply(ReplyError.syntax) }
        var count: Int64?
        if call.argc == 3 {
            guard let n = IntegerText.parse(call.args[2]), n >= 0 else {
                return out.writeErrorReply("ERR value is out of range, must be positive")
            }
            count = n
        }
        let key = call.args[1]
        switch call.writableSortedSet(key) {
        case .missing: return out.writeArrayHeader(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present: break
        }
        if count == 0 { return out.writeArrayHeader(0) }
        let popped = pop(call, key, max: max, count: Int(count ?? 1))
        let nested = call.proto == .v3 && count != nil
        out.writeArrayHeader(nested ? popped.count : popped.count * 2)
        for e in popped { out.writeSortedSetElement(e, withScores: true, asPair: nested, call.proto) }
    }

    private static func bzpop(_ call: Call, max: Bool, _ out: inout ByteBuffer) {
        guard let timeout = call.blockingTimeout(call.argc - 1, &out) else { return }
        let keys = Array(call.args[1..<(call.argc - 1)])
        popOrBlock(call, keys: keys, max: max, count: 1, nested: false, timeout: timeout, &out)
    }

    /// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]; BZMPOP has the timeout first.
    private static func mpop(_ call: Call, numkeysIndex: Int, blocking: Bool, _ out: inout ByteBuffer) {
        guard let numkeys = IntegerText.parse(call.args[numkeysIndex]), numkeys >= 1 else {
            return out.writeErrorReply("ERR numkeys should be greater than 0")
        }
        guard numkeys < call.argc else { return out.writeErrorReply(ReplyError.syntax) }
        let whereIndex = numkeysIndex + Int(numkeys) + 1
        guard whereIndex < call.argc else { return out.writeErrorReply(ReplyError.syntax) }
        let max: Bool
        if call.arg(whereIndex, is: "MIN") { max = false }
        else if call.arg(whereIndex, is: "MAX") { max = true }
        else { return out.writeErrorReply(ReplyError.syntax) }
        var count: Int64?
        var j = whereIndex + 1
        while j < call.argc {
            guard count == nil, call.arg(j, is: "COUNT"), j + 1 < call.argc else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            guard let n = IntegerText.parse(call.args[j + 1]), n >= 1 else {
                return out.writeErrorReply("ERR count should be greater than 0")
            }
            count = n
            j += 2
        }
        let keys = Array(call.args[(numkeysIndex + 1)..<whereIndex])
        let n = Int(count ?? 1)
        if blocking {
            guard let timeout = call.blockingTimeout(1, &out) else { return }
            return popOrBlock(call, keys: keys, max: max, count: n, nested: true, timeout: timeout, &out)
        }
        if !serveFirst(call, keys: keys, max: max, count: n, nested: true, afterBlocking: false, &out) {
            out.writeNullArrayReply(call.proto)
        }
    }

    /// Pops from the first non-empty key, or blocks on all of them; a timeout answers a null array.
    private static func popOrBlock(_ call: Call, keys: [Bytes], max: Bool, count: Int, nested: Bool, timeout: Int64,
                                   _ out: inout ByteBuffer) {
        if serveFirst(call, keys: keys, max: max, count: count, nested: nested, afterBlocking: false, &out) { return }
        call.block(keys: keys, timeoutMillis: timeout, out: &out,
                   timeoutReply: { client, out in out.writeNullArrayReply(client.proto) },
                   retry: { retryCall, out in
                       serveFirst(retryCall, keys: keys, max: max, count: count, nested: nested, afterBlocking: true, &out)
                   })
    }

    /// Pops up to `count` elements from the first key holding a sorted set, replies with the key and records the
    /// pop as a plain ZPOPMIN/ZPOPMAX (with the popped count for the `nested` M forms); false (no reply) when no key
    /// holds one. A key of another type is a WRONGTYPE error, except for a blocked client being
    /// retried, which keeps waiting as in Redis (it only serves keys that hold sorted sets).
    @discardableResult
    private static func serveFirst(_ call: Call, keys: [Bytes], max: Bool, count: Int, nested: Bool,
                                   afterBlocking: Bool, _ out: inout ByteBuffer) -> Bool {
        for key in keys {
            switch call.writableSortedSet(key) {
            case .missing: continue
            case .wrongType:
                if afterBlocking { continue }
                out.writeErrorReply(ReplyError.wrongType)
                return true
            case .present: break
            }
            let popped = pop(call, key, max: max, count: count)
            let effect = Bytes(max ? "ZPOPMAX" : "ZPOPMIN")
            call.propagate(nested ? [effect, key, IntegerText.bytes(Int64(popped.count))] : [effect, key])
            if nested {
                out.writeArrayHeader(2)
                out.writeBulkReply(key)
                out.writeArrayHeader(popped.count)
                for e in popped { out.writeSortedSetElement(e, withScores: true, asPair: true, call.proto) }
            } else {
                out.writeArrayHeader(1 + popped.count * 2)
                out.writeBulkReply(key)
                for e in popped { out.writeSortedSetElement(e, withScores: true, asPair: false, call.proto) }
            }
            return true
        }
        return false
    }

    /// Removes up to `count` elements from the low (or high) end, in pop order; reports "zpopmin"/"zpopmax" and
    /// "del" when the set empties.
    private static func pop(_ call: Call, _ key: Bytes, max: Bool, count: Int) -> [ScoredMember] {
        var popped: [ScoredMember] = []
        call.editSortedSet(key, event: max ? "zpopmax" : "zpopmin") { z in
            let n = min(count, z.count)
            popped = z.removeSubrange(max ? (z.count - n)..<z.count : 0..<n)
            if max { popped.reverse() }
            return popped.count
        }
        return popped
    }
}
