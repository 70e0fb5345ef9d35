import StrataCollections
import NIOCore
import RESP

/// INCR, DECR, INCRBY, DECRBY (64-bit integer arithmetic) and INCRBYFLOAT (long double arithmetic).
/// All of them keep the key's TTL and create a missing key as if it held 0.
enum IncrementCommands {
    /// INCR and DECR: a fixed step.
    static func step(_ delta: Int64) -> CommandHandler {
        { call, out in add(call, delta, &out) }
    }

    static func incrby(_ call: Call, _ out: inout ByteBuffer) {
        guard let delta = call.integer(2, &out) else { return }
        add(call, delta, &out)
    }

    /// DECRBY negates its argument, so the one value without a negation is refused up front.
    static func decrby(_ call: Call, _ out: inout ByteBuffer) {
        guard let delta = call.integer(2, &out) else { return }
        guard delta != .min else { return out.writeErrorReply("ERR decrement would overflow") }
        add(call, -delta, &out)
    }

    /// What one in-place increment found.
    private enum Step { case added(Int64), expired, wrongType, notInteger, overflow }

    /// Updates an existing integer in the same descent of the keyspace that finds it (the common case); a
    /// missing or expired key starts from 0.
    static func add(_ call: Call, _ delta: Int64, _ out: inout ByteBuffer) {
        let key = call.args[1], now = call.now, engine = call.engine
        let step: Step? = call.db.modify(key, unchanged: { if case .added = $0 { false } else { true } }) { entry in
            if entry.hasExpiry && entry.expireAt <= now { return .expired }
            guard case .string(let s) = entry.value else { return .wrongType }
            guard let current = s.integerValue else { return .notInteger }
            let (result, overflow) = current.addingReportingOverflow(delta)
            if overflow { return .overflow }
            entry.value = .string(.int(result))
            entry.access = engine.accessAfterUse(entry.access, now: now)
            return .added(result)
        }
        switch step {
        case .added(let result)?:
            engine.dirty += 1
            call.notify(.string, "incrby", key)
            out.writeIntegerReply(Int(result))
        case .wrongType?: out.writeErrorReply(ReplyError.wrongType)
        case .notInteger?: out.writeErrorReply(ReplyError.notInteger)
        case .overflow?: out.writeErrorReply(ReplyError.overflow)
        case .expired?, nil:
            if step != nil { engine.deleteExpired(call.db, CompactBytes(key)) }
            replace(call, .int(delta), exists: false)
            call.notify(.string, "incrby", key)
            out.writeIntegerReply(Int(delta))
        }
    }

    /// Adds in 80-bit long double precision and stores the sum as text in Redis's human-friendly format
    /// (no exponent, at most 17 fractional digits, trailing zeros dropped). The key's value is checked before
    /// the increment, as Redis does.
    static func incrbyfloat(_ call: Call, _ out: inout ByteBuffer) {
        var current: Float80 = 0
        var exists = false
        switch call.writableString(call.args[1]) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: break
        case .found(let s):
            guard let v = s.longDoubleValue else { return out.writeErrorReply(ReplyError.notFloat) }
            current = v
            exists = true
        }
        guard let increment = LongDoubleText.parse(call.args[2]) else { return out.writeErrorReply(ReplyError.notFloat) }
        let sum = current + increment
        guard sum.isFinite else { return out.writeErrorReply("ERR increment would produce NaN or Infinity") }
        let text = formatLongDoubleHuman(sum)
        replace(call, .bytes(text, edited: false), exists: exists)
        call.notify(.string, "incrbyfloat", call.args[1])
        // Logged as the value it stored, so float formatting can never make a replay differ.
        if call.logsEffects { call.propagate([Bytes("SET"), call.args[1], text, Bytes("KEEPTTL")]) }
        out.writeBulkReply(text)
    }

    /// Stores the new value: in place (keeping the TTL) when the key exists, as a new key otherwise.
    private static func replace(_ call: Call, _ value: StringValue, exists: Bool) {
        let key = call.args[1]
        if exists {
            call.db.modify(key) { $0.value = .string(value) }
        } else {
            call.engine.setKey(call.db, key, .string(value), now: call.now)
        }
        call.engine.dirty += 1
    }
}

extension StringValue {
    /// The value as a 64-bit integer, when its text is one under Redis's strict rules.
    var integerValue: Int64? {
        switch self {
        case .int(let n): return n
        case .bytes(let b, _): return IntegerText.parse(b)
        }
    }

    /// The value as a long double, when its text parses as one.
    var longDoubleValue: Float80? {
        switch self {
        case .int(let n): return Float80(n)
        case .bytes(let b, _): return LongDoubleText.parse(b)
        }
    }
}
