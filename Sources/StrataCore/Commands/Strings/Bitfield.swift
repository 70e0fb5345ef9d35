import NIOCore
import RESP

/// An integer field inside a string: signed ("i1".."i64") or unsigned ("u1".."u63"), big-endian, starting at any
/// bit offset.
struct BitfieldType {
    let signed: Bool
    let bits: Int

    static let invalid = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."

    /// Parses "i<bits>" / "u<bits>" (either case); u64 is refused because replies are signed 64-bit integers.
    init?(_ text: Bytes) {
        guard let first = text.first, let bits = IntegerText.parse(text.dropFirst()) else { return nil }
        switch first | 0x20 {
        case UInt8(ascii: "i"): signed = true
        case UInt8(ascii: "u"): signed = false
        default: return nil
        }
        guard bits >= 1, bits <= (signed ? 64 : 63) else { return nil }
        self.bits = Int(bits)
    }

    /// The field at `offset`, sign-extended when signed; bits past the end of `bytes` read as 0.
    func read(_ bytes: Bytes, at offset: Int64) -> Int64 {
        var v: UInt64 = 0
        for i in 0..<Int64(bits) { v = v << 1 | UInt64(BitString.bit(bytes, offset + i)) }
        if signed, bits < 64, v >> (bits - 1) & 1 == 1 { v |= UInt64.max << bits }
        return Int64(bitPattern: v)
    }

    /// Stores the low `bits` bits of `value` at `offset`; `bytes` already covers the field.
    func write(_ value: Int64, to bytes: inout Bytes, at offset: Int64) {
        let v = UInt64(bitPattern: value)
        for i in 0..<bits { BitString.setBit(&bytes, offset + Int64(i), v >> (bits - 1 - i) & 1 == 1) }
    }

    /// `value + increment` checked against the field's range. Returns nil when it fits; otherwise the value the
    /// overflow policy substitutes: the nearest limit (SAT) or the sum modulo 2^bits, sign-extended for signed
    /// fields (WRAP). FAIL uses only the fact of the overflow. SET checks its value with an increment of 0; an
    /// unsigned field reads a negative value as its 64-bit two's complement, hence "too large".
    func overflow(_ value: Int64, adding increment: Int64, _ policy: BitfieldOverflow) -> Int64? {
        signed ? signedOverflow(value, increment, policy) : unsignedOverflow(UInt64(bitPattern: value), increment, policy)
    }

    /// Headroom is computed with wrapping arithmetic, as Redis computes it: a SET of a value far below an i1..i63
    /// field's minimum wraps the headroom negative and so saturates at the maximum, exactly like Redis.
    private func signedOverflow(_ value: Int64, _ increment: Int64, _ policy: BitfieldOverflow) -> Int64? {
        let maxValue: Int64 = bits == 64 ? .max : (1 << (bits - 1)) - 1
        let minValue = -maxValue - 1
        let roomUp = Int64(bitPattern: UInt64(bitPattern: maxValue) &- UInt64(bitPattern: value))
        let roomDown = minValue &- value
        let wide = bits != 64
        let tooHigh = value > maxValue || (wide && increment > roomUp) || (value >= 0 && increment > 0 && increment > roomUp)
        let tooLow = value < minValue || (wide && increment < roomDown) || (value < 0 && increment < 0 && increment < roomDown)
        guard tooHigh || tooLow else { return nil }
        switch policy {
        case .saturate: return tooHigh ? maxValue : minValue
        case .wrap, .fail:
            var sum = UInt64(bitPattern: value) &+ UInt64(bitPattern: increment)
            if bits < 64 {
                let high = UInt64.max << bits
                sum = sum >> (bits - 1) & 1 == 1 ? sum | high : sum & ~high
            }
            return Int64(bitPattern: sum)
        }
    }

    private func unsignedOverflow(_ value: UInt64, _ increment: Int64, _ policy: BitfieldOverflow) -> Int64? {
        let maxValue: UInt64 = (1 << UInt64(bits)) - 1
        let tooHigh = value > maxValue || (increment > 0 && UInt64(increment) > maxValue - value)
        let tooLow = !tooHigh && increment < 0 && increment.magnitude > value
        guard tooHigh || tooLow else { return nil }
        switch policy {
        case .saturate: return tooHigh ? Int64(maxValue) : 0
        case .wrap, .fail: return Int64((value &+ UInt64(bitPattern: increment)) & maxValue)
        }
    }
}

/// BITFIELD's OVERFLOW policies, applying to the SET and INCRBY operations that follow them.
enum BitfieldOverflow {
    case wrap, saturate, fail
}

/// One BITFIELD operation.
struct BitfieldOperation {
    enum Kind { case get, set(Int64), incrby(Int64) }

    let kind: Kind
    let type: BitfieldType
    let offset: Int64
    let policy: BitfieldOverflow

    var writes: Bool {
        if case .get = kind { return false }
        return true
    }
}

/// BITFIELD and BITFIELD_RO.
enum BitfieldCommand {
    /// Every operation is parsed before any runs; GET-only calls read without creating the key, otherwise the
    /// key is created or grown to cover the highest field written. Replies one element per operation: the value
    /// read, the old value (SET), the new value (INCRBY), or nil when an OVERFLOW FAIL operation was skipped.
    static func bitfield(readOnlyCommand: Bool) -> CommandHandler {
        { call, out in
            guard let ops = parse(call, &out) else { return }
            guard let highestBit = ops.lazy.filter(\.writes).map({ $0.offset + Int64($0.type.bits) - 1 }).max() else {
                let bytes: Bytes
                switch call.readString(call.args[1]) {
                case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
                case .missing: bytes = []
                case .found(let s): bytes = s.bytes
                }
                out.writeArrayHeader(ops.count)
                for op in ops { out.writeIntegerReply(Int(op.type.read(bytes, at: op.offset))) }
                return
            }
            guard !readOnlyCommand else {
                return out.writeErrorReply("ERR BITFIELD_RO only supports the GET subcommand")
            }
            var replies = ByteBuffer()
            guard let (effects, grew) = BitString.edit(call, coveringBit: highestBit, { bytes in
                ops.map { run($0, &bytes, call.proto, &replies) }
            }) else { return out.writeErrorReply(ReplyError.wrongType) }
            out.writeArrayHeader(ops.count)
            out.writeBuffer(&replies)
            // Each write counts as a change when it altered the field, or when the string had to be created or grown.
            let changes = effects.filter { $0 == .changed || (grew && $0 == .unchanged) }.count
            call.engine.dirty += changes
            if changes > 0 { call.notify(.string, "setbit", call.args[1], afterReply: true) }
        }
    }

    /// What one operation did to the string.
    enum Effect { case read, skipped, unchanged, changed }

    /// Runs one operation and writes its reply.
    private static func run(_ op: BitfieldOperation, _ bytes: inout Bytes, _ proto: RESPVersion,
                            _ out: inout ByteBuffer) -> Effect {
        let old = op.type.read(bytes, at: op.offset)
        let new: Int64, reply: Int64, substitute: Int64?
        switch op.kind {
        case .get:
            out.writeIntegerReply(Int(old))
            return .read
        case .set(let value):
            substitute = op.type.overflow(value, adding: 0, op.policy)
            new = substitute ?? value
            reply = old
        case .incrby(let increment):
            substitute = op.type.overflow(old, adding: increment, op.policy)
            new = substitute ?? old &+ increment
            reply = new
        }
        if substitute != nil, op.policy == .fail {
            out.writeNullReply(proto)
            return .skipped
        }
        out.writeIntegerReply(Int(reply))
        op.type.write(new, to: &bytes, at: op.offset)
        return new != old ? .changed : .unchanged
    }

    /// Parses `GET type offset`, `SET type offset value`, `INCRBY type offset increment` and `OVERFLOW policy`
    /// in order; writes the first error and returns nil.
    private static func parse(_ call: Call, _ out: inout ByteBuffer) -> [BitfieldOperation]? {
        var ops: [BitfieldOperation] = []
        var policy = BitfieldOverflow.wrap
        var i = 2
        while i < call.argc {
            let remaining = call.argc - i - 1
            if call.arg(i, is: "OVERFLOW"), remaining >= 1 {
                if call.arg(i + 1, is: "WRAP") { policy = .wrap }
                else if call.arg(i + 1, is: "SAT") { policy = .saturate }
                else if call.arg(i + 1, is: "FAIL") { policy = .fail }
                else {
                    out.writeErrorReply("ERR Invalid OVERFLOW type specified")
                    return nil
                }
                i += 2
                continue
            }
            let isGet = call.arg(i, is: "GET") && remaining >= 2
            let isSet = call.arg(i, is: "SET") && remaining >= 3
            let isIncr = call.arg(i, is: "INCRBY") && remaining >= 3
            guard isGet || isSet || isIncr else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            guard let type = BitfieldType(call.args[i + 1]) else {
                out.writeErrorReply(BitfieldType.invalid)
                return nil
            }
            guard let offset = BitString.offset(call, i + 2, fieldWidth: type.bits, &out) else { return nil }
            var kind = BitfieldOperation.Kind.get
            if !isGet {
                guard let n = call.integer(i + 3, &out) else { return nil }
                kind = isSet ? .set(n) : .incrby(n)
            }
            ops.append(BitfieldOperation(kind: kind, type: type, offset: offset, policy: policy))
            i += isGet ? 3 : 4
        }
        return ops
    }
}
