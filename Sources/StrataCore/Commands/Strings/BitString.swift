import NIOCore
import RESP

/// Bit addressing shared by SETBIT, GETBIT, BITFIELD and friends. Rule: bit 0 is the most significant bit of
/// byte 0; bits past the end of the string read as 0.
enum BitString {
    static let offsetError = "ERR bit offset is not an integer or out of range"

    /// Parses a bit offset. With `fieldWidth` (BITFIELD), "#N" means N fields of that width. Rule: the offset is
    /// non-negative and its byte lies below `proto-max-bulk-len`. Writes the error and returns nil otherwise.
    static func offset(_ call: Call, _ i: Int, fieldWidth: Int? = nil, _ out: inout ByteBuffer) -> Int64? {
        let arg = call.args[i]
        var parsed: Int64?
        if let width = fieldWidth, arg.first == UInt8(ascii: "#") {
            if let n = IntegerText.parse(arg.dropFirst()) {
                let (product, overflow) = n.multipliedReportingOverflow(by: Int64(width))
                parsed = overflow ? nil : product
            }
        } else {
            parsed = IntegerText.parse(arg)
        }
        guard let offset = parsed, offset >= 0, offset >> 3 < Int64(call.maxStringLength) else {
            out.writeErrorReply(offsetError)
            return nil
        }
        return offset
    }

    @inline(__always) static func bit(_ bytes: Bytes, _ offset: Int64) -> UInt8 {
        let byte = Int(offset >> 3)
        guard byte < bytes.count else { return 0 }
        return (bytes[byte] >> (7 - UInt8(offset & 7))) & 1
    }

    @inline(__always) static func setBit(_ bytes: inout Bytes, _ offset: Int64, _ on: Bool) {
        let byte = Int(offset >> 3)
        let mask: UInt8 = 0x80 >> UInt8(offset & 7)
        if on { bytes[byte] |= mask } else { bytes[byte] &= ~mask }
    }

    /// Runs `body` on the string under `key`, first created zeroed or zero-extended so that bit `maxBit` exists;
    /// the string ends up "raw" and keeps its TTL. Returns nil when the key holds another type (nothing runs);
    /// otherwise the body's result and whether the string was created or grew (a change on its own).
    /// `unchanged` tells from the result that the bits stayed as they were (SETBIT of a bit to its value): the
    /// key then does not count as modified for WATCH, as in Redis 7.0.
    static func edit<R>(_ call: Call, coveringBit maxBit: Int64, unchanged: @escaping (R) -> Bool = { _ in false },
                        _ body: (inout Bytes) -> R) -> (result: R, grew: Bool)? {
        let key = call.args[1]
        let needed = Int(maxBit >> 3) + 1
        switch call.writableString(key) {
        case .wrongType:
            return nil
        case .missing:
            var bytes = Bytes(repeating: 0, count: needed)
            let result = body(&bytes)
            call.engine.setKey(call.db, key, .string(.bytes(bytes, edited: true)), now: call.now)
            return (result, true)
        case .found:
            return call.db.editString(key, unchanged: { !$0.1 && unchanged($0.0) }) { bytes in
                let grew = bytes.count < needed
                if grew { bytes.append(contentsOf: repeatElement(0, count: needed - bytes.count)) }
                return (body(&bytes), grew)
            }
        }
    }
}
