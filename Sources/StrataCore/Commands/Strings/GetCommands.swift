import NIOCore
import RESP

/// GET and the reads that also change the key: GETDEL, GETEX.
enum GetCommands {
    static func get(_ call: Call, _ out: inout ByteBuffer) {
        _ = replyValue(call, &out)
    }

    static func getdel(_ call: Call, _ out: inout ByteBuffer) {
        guard replyValue(call, &out) != nil else { return }
        call.engine.deleteKey(call.db, call.args[1], now: call.now)
        call.engine.dirty += 1
        call.propagateDeletion(call.args[1], .userDel)
        call.notify(.generic, "del", call.args[1], afterReply: true)
    }

    /// GETEX: the options are checked first, then the key, then the expiry's number (Redis's order, so a missing
    /// key answers nil even with an invalid expiry). An expiry already in the past deletes the key. Logged as what
    /// it did: PEXPIREAT key abs-ms, DEL (UNLINK under lazyfree-lazy-expire), or PERSIST; a plain read logs nothing.
    static func getex(_ call: Call, _ out: inout ByteBuffer) {
        guard let options = SetOptions.parse(call, from: 2, forSet: false, &out) else { return }
        let key = call.args[1], db = call.db
        let value: StringValue
        switch call.readString(key) {
        case .missing: return out.writeNullReply(call.proto)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let s): value = s
        }
        var expireAt = Entry.noExpiry
        if let expiry = options.expiry {
            guard let at = expiry.resolve(call, &out) else { return }
            expireAt = at
        }
        out.writeBulkReply(value.bytes)
        if options.expiry != nil {
            if call.isAlreadyExpired(expireAt) {
                call.engine.deleteKey(db, key, now: call.now)
                call.notify(.generic, "del", key, afterReply: true)
                call.propagateDeletion(key, .expire)
            } else {
                db.modify(key) { $0.expireAt = expireAt }
                call.notify(.generic, "expire", key, afterReply: true)
                if call.logsEffects { call.propagate([Bytes("PEXPIREAT"), key, IntegerText.bytes(expireAt)]) }
            }
            call.engine.dirty += 1
        } else if options.persist, db.peek(key)?.hasExpiry == true {
            db.modify(key) { $0.expireAt = Entry.noExpiry }
            call.engine.dirty += 1
            call.notify(.generic, "persist", key, afterReply: true)
            if call.logsEffects { call.propagate([Bytes("PERSIST"), key]) }
        }
    }

    /// Replies with the string under `call.args[1]`: its bytes, nil when absent, or WRONGTYPE.
    /// Returns the value when there was one.
    private static func replyValue(_ call: Call, _ out: inout ByteBuffer) -> StringValue? {
        switch call.readString(call.args[1]) {
        case .missing:
            out.writeNullReply(call.proto)
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
        case .found(let s):
            out.writeBulkReply(s.bytes)
            return s
        }
        return nil
    }
}
