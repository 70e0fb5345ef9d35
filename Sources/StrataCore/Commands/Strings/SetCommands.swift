import NIOCore
import RESP

/// SET and the older commands that are SET with fixed options: SETNX, SETEX, PSETEX, GETSET.
enum SetCommands {
    static func set(_ call: Call, _ out: inout ByteBuffer) {
        guard let options = SetOptions.parse(call, from: 3, forSet: true, &out) else { return }
        var expireAt = Entry.noExpiry
        if let expiry = options.expiry {
            guard let at = expiry.resolve(call, &out) else { return }
            expireAt = at
        }
        guard let stored = store(call, value: call.args[2], condition: options.condition, returnOld: options.returnOld,
                                 expireAt: expireAt, keepTTL: options.keepTTL, &out) else { return }
        if stored, call.logsEffects {
            if expireAt != Entry.noExpiry {
                propagateSet(call, expireAt: expireAt)
            } else if options.returnOld {
                // GET only shapes the reply: the effect is the request without it.
                call.propagate(call.args.enumerated().filter { $0.offset < 3 || !$0.element.equalsIgnoringCase("GET") }
                    .map(\.element))
            }
        }
        guard !options.returnOld else { return }
        if stored { out.writeSimpleString("OK") } else { out.writeNullReply(call.proto) }
    }

    static func setnx(_ call: Call, _ out: inout ByteBuffer) {
        let stored = store(call, value: call.args[2], condition: .ifAbsent, returnOld: false, &out) ?? false
        out.writeIntegerReply(stored ? 1 : 0)
    }

    /// SETEX (seconds) and PSETEX (milliseconds): `key ttl value`.
    static func setWithTTL(_ kind: ExpiryArgument.Kind) -> CommandHandler {
        { call, out in
            guard let at = ExpiryArgument(kind: kind, index: 2).resolve(call, &out) else { return }
            _ = store(call, value: call.args[3], condition: nil, returnOld: false, expireAt: at, &out)
            if call.logsEffects { propagateSet(call, value: call.args[3], expireAt: at) }
            out.writeSimpleString("OK")
        }
    }

    /// GETSET is logged as the SET it amounts to.
    static func getset(_ call: Call, _ out: inout ByteBuffer) {
        guard store(call, value: call.args[2], condition: nil, returnOld: true, &out) != nil else { return }
        if call.logsEffects { call.propagate([Bytes("SET"), call.args[1], call.args[2]]) }
    }

    /// A SET that gave the key an expiry, whatever its form (EX, PX, EXAT, SETEX...), is logged as
    /// `SET key value PXAT abs-ms`, so a replay sets the same absolute expiry; NX/XX and GET are dropped (the
    /// condition held here), as Redis does.
    private static func propagateSet(_ call: Call, value: Bytes? = nil, expireAt at: Int64) {
        call.propagate([Bytes("SET"), call.args[1], value ?? call.args[2], Bytes("PXAT"), IntegerText.bytes(at)])
    }

    /// The step every SET variant shares. With `returnOld`, first replies with the old value (nil when absent)
    /// or WRONGTYPE; then applies the NX/XX condition and stores `value` under `call.args[1]`. Returns whether
    /// the value was stored, or nil when an error was written.
    static func store(_ call: Call, value: Bytes, condition: SetOptions.Condition?, returnOld: Bool,
                      expireAt: Int64 = Entry.noExpiry, keepTTL: Bool = false, _ out: inout ByteBuffer) -> Bool? {
        let key = call.args[1]
        if returnOld {
            switch call.readString(key) {
            case .wrongType:
                out.writeErrorReply(ReplyError.wrongType)
                return nil
            case .missing: out.writeNullReply(call.proto)
            case .found(let old): out.writeBulkReply(old.bytes)
            }
        }
        if let condition {
            let exists = call.engine.lookupWrite(call.db, key, now: call.now) != nil
            guard exists == (condition == .ifPresent) else { return false }
        }
        call.engine.setKey(call.db, key, .string(StringValue(value)), expireAt: expireAt, keepTTL: keepTTL, now: call.now)
        call.engine.dirty += 1
        // With GET the old value was already answered: the events follow the reply, as in Redis.
        call.notify(.string, "set", key, afterReply: returnOld)
        if expireAt != Entry.noExpiry { call.notify(.generic, "expire", key, afterReply: returnOld) }
        return true
    }
}
