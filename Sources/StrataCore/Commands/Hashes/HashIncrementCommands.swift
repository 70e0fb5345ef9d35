import NIOCore
import RESP

/// HINCRBY (64-bit integers) and HINCRBYFLOAT (long doubles, stored in Redis's human-friendly text). A missing
/// key or field counts as 0; the increment is checked before the key.
enum HashIncrementCommands {
    static func hincrby(_ call: Call, _ out: inout ByteBuffer) {
        guard let increment = call.integer(3, &out) else { return }
        let key = call.args[1], field = call.args[2]
        var current: Int64 = 0
        let found = call.probeHash(key) { $0.value(field) }
        switch found {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present(let text?):
            guard let n = IntegerText.parse(text) else { return out.writeErrorReply("ERR hash value is not an integer") }
            current = n
        case .missing, .present(nil): break
        }
        let (sum, overflow) = current.addingReportingOverflow(increment)
        guard !overflow else { return out.writeErrorReply(ReplyError.overflow) }
        HashWriteCommands.setField(call, key, field, IntegerText.bytes(sum), keyExists: found.exists)
        call.notify(.hash, "hincrby", key)
        call.engine.dirty += 1
        out.writeIntegerReply(Int(sum))
    }

    static func hincrbyfloat(_ call: Call, _ out: inout ByteBuffer) {
        guard let increment = LongDoubleText.parse(call.args[3]) else { return out.writeErrorReply(ReplyError.notFloat) }
        guard increment.isFinite else { return out.writeErrorReply("ERR value is NaN or Infinity") }
        let key = call.args[1], field = call.args[2]
        var current: Float80 = 0
        let found = call.probeHash(key) { $0.value(field) }
        switch found {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present(let text?):
            guard let v = LongDoubleText.parse(text) else { return out.writeErrorReply("ERR hash value is not a float") }
            current = v
        case .missing, .present(nil): break
        }
        let sum = current + increment
        guard sum.isFinite else { return out.writeErrorReply("ERR increment would produce NaN or Infinity") }
        let text = formatLongDoubleHuman(sum)
        HashWriteCommands.setField(call, key, field, text, keyExists: found.exists)
        call.notify(.hash, "hincrbyfloat", key)
        call.engine.dirty += 1
        // Logged as the value it stored, so float formatting can never make a replay differ.
        if call.logsEffects { call.propagate([Bytes("HSET"), key, field, text]) }
        out.writeBulkReply(text)
    }
}
