import NIOCore
import RESP

/// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX/XX/GT/LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME and PERSIST.
extension Engine {
    static var expireCommands: [CommandSpec] {
        [
            expireSpec("expire", since: "1.0.0", summary: "Sets a key's time to live in seconds.",
                       argument: "seconds", ExpireTime(unit: .seconds, relative: true)),
            expireSpec("pexpire", since: "2.6.0", summary: "Sets a key's time to live in milliseconds.",
                       argument: "milliseconds", ExpireTime(unit: .milliseconds, relative: true)),
            expireSpec("expireat", since: "1.2.0", summary: "Sets the Unix time in seconds at which a key expires.",
                       argument: "unix-time-seconds", ExpireTime(unit: .seconds, relative: false)),
            expireSpec("pexpireat", since: "2.6.0",
                       summary: "Sets the Unix time in milliseconds at which a key expires.",
                       argument: "unix-time-milliseconds", ExpireTime(unit: .milliseconds, relative: false)),
            ttlSpec("ttl", since: "1.0.0", summary: "Returns a key's remaining time to live in seconds.",
                    TTLReport(unit: .seconds, absolute: false)),
            ttlSpec("pttl", since: "2.6.0", summary: "Returns a key's remaining time to live in milliseconds.",
                    TTLReport(unit: .milliseconds, absolute: false)),
            ttlSpec("expiretime", since: "7.0.0", summary: "Returns the Unix time in seconds at which a key expires.",
                    TTLReport(unit: .seconds, absolute: true)),
            ttlSpec("pexpiretime", since: "7.0.0",
                    summary: "Returns the Unix time in milliseconds at which a key expires.",
                    TTLReport(unit: .milliseconds, absolute: true)),
            CommandSpec("persist", arity: 2, flags: [.write, .fast], keys: (1, 1, 1), group: "generic",
                        since: "2.2.0", summary: "Removes a key's time to live.", syntax: "key", handler: persist),
        ]
    }

    private static func expireSpec(_ name: String, since: String, summary: String, argument: String,
                                   _ time: ExpireTime) -> CommandSpec {
        CommandSpec(name, arity: -3, flags: [.write, .fast], keys: (1, 1, 1), group: "generic", since: since,
                    summary: summary, syntax: "key \(argument) [NX | XX | GT | LT]") { call, out in
            expire(call, time, &out)
        }
    }

    private static func ttlSpec(_ name: String, since: String, summary: String, _ report: TTLReport) -> CommandSpec {
        CommandSpec(name, arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1), group: "generic", since: since,
                    summary: summary, syntax: "key") { call, out in
            guard let entry = call.engine.lookupRead(call.db, call.args[1], now: call.now, touch: false) else {
                return out.writeIntegerReply(-2)
            }
            out.writeIntegerReply(entry.hasExpiry ? Int(report.value(expireAt: entry.expireAt, now: call.now)) : -1)
        }
    }

    /// The EXPIRE family. Checks run in Redis's order: options, the time argument and its overflow, the key, the
    /// NX/XX/GT/LT condition (a key without TTL counts as expiring never); then a time not in the future deletes
    /// the key, any other sets its expiry. Both answer 1. The log records `PEXPIREAT key abs-ms [options]`, or the
    /// deletion (DEL, UNLINK under lazyfree-lazy-expire), never the relative request.
    static func expire(_ call: Call, _ time: ExpireTime, _ out: inout ByteBuffer) {
        var condition = ExpireCondition()
        for i in 3..<call.argc {
            guard condition.add(call.args[i]) else { return out.writeErrorReply(ReplyError.unsupportedOption(call.args[i])) }
        }
        if let conflict = condition.conflict { return out.writeErrorReply(conflict) }
        guard let amount = call.integer(2, &out) else { return }
        guard let when = time.absoluteMillis(amount, now: call.now) else {
            return out.writeErrorReply(ReplyError.invalidExpireTime(call.command.name))
        }
        let engine = call.engine, key = call.args[1]
        guard let entry = engine.lookupWrite(call.db, key, now: call.now),
              condition.allows(current: entry.expireAt, new: when) else {
            return out.writeIntegerReply(0)
        }
        engine.dirty += 1
        if call.isAlreadyExpired(when) {
            engine.deleteKey(call.db, key, now: call.now)
            call.notify(.generic, "del", key)
            call.propagateDeletion(key, .expire)
            out.writeIntegerReply(1)
        } else {
            call.db.modify(key) { $0.expireAt = when }
            if call.logsEffects {
                call.propagate([Bytes("PEXPIREAT"), key, IntegerText.bytes(when)] + call.args[3...])
            }
            out.writeIntegerReply(1)
            call.notify(.generic, "expire", key, afterReply: true)
        }
    }

    static func persist(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1]
        guard let entry = call.engine.lookupWrite(call.db, key, now: call.now), entry.hasExpiry else {
            return out.writeIntegerReply(0)
        }
        call.db.modify(key) { $0.expireAt = Entry.noExpiry }
        call.engine.dirty += 1
        call.notify(.generic, "persist", key)
        out.writeIntegerReply(1)
    }
}

/// Resolution of a time argument or reply.
enum TimeUnit {
    case seconds, milliseconds
}

/// How an EXPIRE-family command reads its time argument: in seconds or milliseconds, from now or from the epoch.
struct ExpireTime {
    let unit: TimeUnit
    let relative: Bool

    /// The absolute expiry in Unix ms, or nil when converting the units or adding the base time would overflow
    /// 64 bits (Redis's "invalid expire time"). Negative results are allowed: they delete the key.
    func absoluteMillis(_ amount: Int64, now: Int64) -> Int64? {
        var when = amount
        if unit == .seconds {
            guard when <= Int64.max / 1000, when >= Int64.min / 1000 else { return nil }
            when *= 1000
        }
        let base = relative ? now : 0
        guard when <= Int64.max - base else { return nil }
        return when + base
    }
}

/// What a TTL-family command reports for a key that has an expiry: the time left (never negative) or the
/// absolute expiry, in milliseconds or in seconds rounded half up.
struct TTLReport {
    let unit: TimeUnit
    let absolute: Bool

    func value(expireAt: Int64, now: Int64) -> Int64 {
        let ms = absolute ? expireAt : max(0, expireAt - now)
        guard unit == .seconds else { return ms }
        // (ms + 500) / 1000 without overflowing near Int64.max.
        return ms / 1000 + (ms % 1000 >= 500 ? 1 : 0)
    }
}

/// EXPIRE's NX | XX | GT | LT options. XX may combine with GT or LT; NX combines with nothing.
struct ExpireCondition {
    private var nx = false, xx = false, gt = false, lt = false

    /// Records one option; false when the argument is not one of the four.
    mutating func add(_ option: Bytes) -> Bool {
        if option.equalsIgnoringCase("NX") { nx = true }
        else if option.equalsIgnoringCase("XX") { xx = true }
        else if option.equalsIgnoringCase("GT") { gt = true }
        else if option.equalsIgnoringCase("LT") { lt = true }
        else { return false }
        return true
    }

    /// The error for an incompatible combination, if any.
    var conflict: String? {
        if nx && (xx || gt || lt) { return ReplyError.expireConditionConflict }
        if gt && lt { return ReplyError.expireGreaterLessConflict }
        return nil
    }

    /// Whether the new expiry may replace `current` (`Entry.noExpiry` for a persistent key, which GT treats as
    /// an infinite TTL and LT as greater than any time).
    func allows(current: Int64, new: Int64) -> Bool {
        let persistent = current == Entry.noExpiry
        if nx && !persistent { return false }
        if xx && persistent { return false }
        if gt && (persistent || new <= current) { return false }
        if lt && !persistent && new >= current { return false }
        return true
    }
}
