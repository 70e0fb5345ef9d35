import NIOCore
import RESP

/// HSET, HMSET, HSETNX and HDEL.
enum HashWriteCommands {
    /// HSET replies how many fields were created, HMSET (its older form) replies OK.
    static func hset(replyOK: Bool) -> CommandHandler {
        { call, out in
            guard call.argc % 2 == 0 else { return call.wrongArity(&out) }
            let key = call.args[1], limits = call.limits
            let created: Int
            switch call.probeHash(key, { _ in () }) {
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .missing:
                var h = HashValue()
                created = setPairs(call, into: &h, limits: limits)
                call.storeNew(key, .hash(h))
            case .present:
                created = call.editHash(key) { setPairs(call, into: &$0, limits: limits) }.result
            }
            call.notify(.hash, "hset", key)
            call.engine.dirty += (call.argc - 2) / 2
            if replyOK { out.writeSimpleString("OK") } else { out.writeIntegerReply(created) }
        }
    }

    /// Sets the field/value pairs from argument 2 on; returns how many fields were new. (A function, not a closure
    /// held in a constant: that would allocate its context on every call.)
    private static func setPairs(_ call: Call, into h: inout HashValue, limits: EncodingLimits) -> Int {
        var created = 0
        for i in stride(from: 2, to: call.argc, by: 2) where h.set(call.args[i], call.args[i + 1], limits: limits) {
            created += 1
        }
        return created
    }

    static func hsetnx(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], field = call.args[2], value = call.args[3]
        switch call.probeHash(key, { $0.contains(field) }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present(true): return out.writeIntegerReply(0)
        case .present(false): setField(call, key, field, value, keyExists: true)
        case .missing: setField(call, key, field, value, keyExists: false)
        }
        call.notify(.hash, "hset", key)
        call.engine.dirty += 1
        out.writeIntegerReply(1)
    }

    /// Stores one field: in place when the key holds a hash, in a new hash otherwise.
    static func setField(_ call: Call, _ key: Bytes, _ field: Bytes, _ value: Bytes, keyExists: Bool) {
        if keyExists {
            call.editHash(key) { $0.set(field, value, limits: call.limits) }
        } else {
            var h = HashValue()
            h.set(field, value, limits: call.limits)
            call.storeNew(key, .hash(h))
        }
    }

    static func hdel(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], fields = call.args[2...]
        let check = call.changesAreObserved
        switch call.probeHash(key, { h in !check || fields.contains { h.contains($0) } }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing, .present(false): return out.writeIntegerReply(0)
        case .present(true): break
        }
        let (deleted, removed) = call.editHash(key) { h -> Int in
            var deleted = 0
            for field in fields where h.remove(field) {
                deleted += 1
                if h.isEmpty { break }
            }
            return deleted
        }
        if deleted > 0 { call.notify(.hash, "hdel", key) }
        if removed { call.notify(.generic, "del", key) }
        call.engine.dirty += deleted
        out.writeIntegerReply(deleted)
    }
}
