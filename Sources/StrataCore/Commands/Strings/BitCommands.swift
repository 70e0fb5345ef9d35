import NIOCore
import RESP

/// SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP: strings as bit arrays.
enum BitCommands {
    static func setbit(_ call: Call, _ out: inout ByteBuffer) {
        guard let offset = BitString.offset(call, 2, &out) else { return }
        guard let value = IntegerText.parse(call.args[3]), value == 0 || value == 1 else {
            return out.writeErrorReply("ERR bit is not an integer or out of range")
        }
        guard let (old, grew) = BitString.edit(call, coveringBit: offset, unchanged: { Int64($0) == value }, { bytes -> UInt8 in
            let old = BitString.bit(bytes, offset)
            BitString.setBit(&bytes, offset, value == 1)
            return old
        }) else { return out.writeErrorReply(ReplyError.wrongType) }
        if grew || Int64(old) != value {
            call.engine.dirty += 1
            call.notify(.string, "setbit", call.args[1])
        }
        out.writeIntegerReply(Int(old))
    }

    static func getbit(_ call: Call, _ out: inout ByteBuffer) {
        guard let offset = BitString.offset(call, 2, &out) else { return }
        switch call.readString(call.args[1]) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeIntegerReply(0)
        case .found(let s): out.writeIntegerReply(Int(BitString.bit(s.bytes, offset)))
        }
    }

    /// `key [start end [BYTE | BIT]]`. A missing key answers 0 before the range arguments are checked.
    static func bitcount(_ call: Call, _ out: inout ByteBuffer) {
        let bytes: Bytes
        switch call.readString(call.args[1]) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: return out.writeIntegerReply(0)
        case .found(let s): bytes = s.bytes
        }
        let bits: ClosedRange<Int64>?
        switch call.argc {
        case 2:
            bits = bytes.isEmpty ? nil : 0...Int64(bytes.count) * 8 - 1
        case 4, 5:
            guard let start = call.integer(2, &out), let end = call.integer(3, &out),
                  let inBits = unitIsBit(call, 4, &out) else { return }
            bits = bitRange(start: start, end: end, inBits: inBits, length: bytes.count, rejectReversedNegatives: true)
        default:
            return out.writeErrorReply(ReplyError.syntax)
        }
        out.writeIntegerReply(bits.map { countOnes(bytes, $0) } ?? 0)
    }

    /// `key bit [start [end [BYTE | BIT]]]`: the first bit equal to `bit` in the range. Not finding a 0 answers
    /// the position just past the range when no end was given (the string reads as zero-padded), -1 otherwise.
    static func bitpos(_ call: Call, _ out: inout ByteBuffer) {
        guard let target = call.integer(2, &out) else { return }
        guard target == 0 || target == 1 else { return out.writeErrorReply("ERR The bit argument must be 1 or 0.") }
        let bytes: Bytes
        switch call.readString(call.args[1]) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: return out.writeIntegerReply(target == 1 ? -1 : 0)
        case .found(let s): bytes = s.bytes
        }
        guard call.argc <= 6 else { return out.writeErrorReply(ReplyError.syntax) }
        var start: Int64 = 0, end: Int64 = -1
        var inBits = false
        if call.argc >= 4 {
            guard let s = call.integer(3, &out), let unit = unitIsBit(call, 5, &out) else { return }
            start = s
            inBits = unit
        }
        if call.argc >= 5 {
            guard let e = call.integer(4, &out) else { return }
            end = e
        }
        guard let range = bitRange(start: start, end: end, inBits: inBits, length: bytes.count,
                                   rejectReversedNegatives: false) else { return out.writeIntegerReply(-1) }
        if let pos = firstBit(target == 1, bytes, range) { return out.writeIntegerReply(Int(pos)) }
        out.writeIntegerReply(target == 0 && call.argc < 5 ? Int(range.upperBound + 1) : -1)
    }

    /// The BYTE | BIT unit at argument `i` (BYTE when absent); nil after a syntax error.
    private static func unitIsBit(_ call: Call, _ i: Int, _ out: inout ByteBuffer) -> Bool? {
        guard i < call.argc else { return false }
        if call.arg(i, is: "BIT") { return true }
        if call.arg(i, is: "BYTE") { return false }
        out.writeErrorReply(ReplyError.syntax)
        return nil
    }

    /// The range as bit positions, resolved in the unit the client chose.
    private static func bitRange(start: Int64, end: Int64, inBits: Bool, length: Int,
                                 rejectReversedNegatives: Bool) -> ClosedRange<Int64>? {
        let count = Int64(length) * (inBits ? 8 : 1)
        guard let r = IndexRange.resolve(start: start, end: end, length: count,
                                         rejectReversedNegatives: rejectReversedNegatives) else { return nil }
        return inBits ? r : r.lowerBound * 8...r.upperBound * 8 + 7
    }

    /// The set bits within `bits`, counted a word at a time.
    static func countOnes(_ bytes: Bytes, _ bits: ClosedRange<Int64>) -> Int {
        let first = Int(bits.lowerBound >> 3), last = Int(bits.upperBound >> 3)
        var n = bytes.withUnsafeBytes { raw -> Int in
            var i = first, n = 0
            while i + 8 <= last + 1 {
                n += raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).nonzeroBitCount
                i += 8
            }
            while i <= last {
                n += raw[i].nonzeroBitCount
                i += 1
            }
            return n
        }
        n -= (bytes[first] & ~(0xFF >> UInt8(bits.lowerBound & 7))).nonzeroBitCount
        n -= (bytes[last] & (0x7F >> UInt8(bits.upperBound & 7))).nonzeroBitCount
        return n
    }

    /// The position of the first bit equal to `one` within `bits`, skipping whole words that cannot hold it.
    static func firstBit(_ one: Bool, _ bytes: Bytes, _ bits: ClosedRange<Int64>) -> Int64? {
        let first = Int(bits.lowerBound >> 3), last = Int(bits.upperBound >> 3)
        let flip: UInt8 = one ? 0 : 0xFF
        let skipWord: UInt64 = one ? 0 : .max
        return bytes.withUnsafeBytes { raw -> Int64? in
            var i = first
            while i <= last {
                if i != first, i + 8 <= last, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == skipWord {
                    i += 8
                    continue
                }
                // Searching for a set bit: zeros are flipped into ones; bits outside the range are masked away.
                var b = raw[i] ^ flip
                if i == first { b &= 0xFF >> UInt8(bits.lowerBound & 7) }
                if i == last { b &= 0xFF << (7 - UInt8(bits.upperBound & 7)) }
                if b != 0 { return Int64(i) * 8 + Int64(b.leadingZeroBitCount) }
                i += 1
            }
            return nil
        }
    }

    /// BITOP AND | OR | XOR | NOT: combines the sources byte by byte (shorter ones read as zero-padded) into
    /// `destkey`, replacing it; an all-empty result deletes it. Replies the result's length.
    static func bitop(_ call: Call, _ out: inout ByteBuffer) {
        guard let op = BitOperation(call.args[1]) else { return out.writeErrorReply(ReplyError.syntax) }
        guard op != .not || call.argc == 4 else {
            return out.writeErrorReply("ERR BITOP NOT must be called with a single source key.")
        }
        var sources: [Bytes] = []
        sources.reserveCapacity(call.argc - 3)
        for key in call.args[3...] {
            switch call.readString(key) {
            case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
            case .missing: sources.append([])
            case .found(let s): sources.append(s.bytes)
            }
        }
        let length = sources.map(\.count).max() ?? 0
        let dest = call.args[2]
        guard length > 0 else {
            if call.engine.deleteKey(call.db, dest, now: call.now) {
                call.engine.dirty += 1
                call.notify(.generic, "del", dest)
            }
            return out.writeIntegerReply(0)
        }
        var result = sources[0]
        result.append(contentsOf: repeatElement(0, count: length - result.count))
        op.apply(to: &result, sources.dropFirst())
        call.engine.setKey(call.db, dest, .string(.bytes(result, edited: true)), now: call.now)
        call.engine.dirty += 1
        call.notify(.string, "set", dest)
        out.writeIntegerReply(length)
    }
}

/// The operations of BITOP.
enum BitOperation {
    case and, or, xor, not

    init?(_ name: Bytes) {
        if name.equalsIgnoringCase("AND") { self = .and }
        else if name.equalsIgnoringCase("OR") { self = .or }
        else if name.equalsIgnoringCase("XOR") { self = .xor }
        else if name.equalsIgnoringCase("NOT") { self = .not }
        else { return nil }
    }

    /// Folds `others` into `result` (already as long as the longest source); NOT inverts `result` alone.
    func apply(to result: inout Bytes, _ others: ArraySlice<Bytes>) {
        if self == .not {
            for i in result.indices { result[i] = ~result[i] }
            return
        }
        for source in others {
            for i in result.indices {
                let b = i < source.count ? source[i] : 0
                switch self {
                case .and: result[i] &= b
                case .or: result[i] |= b
                case .xor: result[i] ^= b
                case .not: break
                }
            }
        }
    }
}
