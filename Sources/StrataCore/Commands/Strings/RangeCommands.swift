import NIOCore
import RESP

/// The commands that read or write a string by byte position or length: GETRANGE (and its old name SUBSTR),
/// SETRANGE, APPEND, STRLEN.
enum RangeCommands {
    static func getrange(_ call: Call, _ out: inout ByteBuffer) {
        guard let start = call.integer(2, &out), let end = call.integer(3, &out) else { return }
        switch call.readString(call.args[1]) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeBulkReply([])
        case .found(let s):
            let bytes = s.bytes
            if let r = IndexRange.resolve(start: start, end: end, length: Int64(bytes.count), rejectReversedNegatives: true) {
                out.writeBulkReply(Array(bytes[Int(r.lowerBound)...Int(r.upperBound)]))
            } else {
                out.writeBulkReply([])
            }
        }
    }

    /// Overwrites from `offset`, zero-padding a shorter string. An empty value changes nothing (and creates no
    /// key) but still reports the length.
    static func setrange(_ call: Call, _ out: inout ByteBuffer) {
        guard let offset = call.integer(2, &out) else { return }
        guard offset >= 0 else { return out.writeErrorReply("ERR offset is out of range") }
        let key = call.args[1], value = call.args[3]
        var oldLength = 0
        var exists = false
        switch call.writableString(key) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: break
        case .found(let s):
            oldLength = s.length
            exists = true
        }
        guard !value.isEmpty else { return out.writeIntegerReply(oldLength) }
        guard fitsLimit(call, Int64(value.count), after: offset, &out) else { return }
        let start = Int(offset)
        let length: Int
        if exists {
            length = call.db.editString(key) { overwrite(&$0, at: start, with: value) } ?? 0
        } else {
            var bytes = Bytes()
            length = overwrite(&bytes, at: start, with: value)
            call.engine.setKey(call.db, key, .string(.bytes(bytes, edited: true)), now: call.now)
        }
        call.engine.dirty += 1
        call.notify(.string, "setrange", key)
        out.writeIntegerReply(length)
    }

    /// Writes `value` at `start`, zero-padding up to it; returns the new length.
    private static func overwrite(_ bytes: inout Bytes, at start: Int, with value: Bytes) -> Int {
        let end = start + value.count
        if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
        bytes.replaceSubrange(start..<end, with: value)
        return bytes.count
    }

    static func append(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], value = call.args[2]
        switch call.writableString(key) {
        case .wrongType:
            return out.writeErrorReply(ReplyError.wrongType)
        case .missing:
            call.engine.setKey(call.db, key, .string(StringValue(value)), now: call.now)
            call.engine.dirty += 1
            call.notify(.string, "append", key)
            out.writeIntegerReply(value.count)
        case .found(let s):
            guard fitsLimit(call, Int64(value.count), after: Int64(s.length), &out) else { return }
            let length = call.db.editString(key) { bytes in
                bytes.append(contentsOf: value)
                return bytes.count
            } ?? 0
            call.engine.dirty += 1
            call.notify(.string, "append", key)
            out.writeIntegerReply(length)
        }
    }

    static func strlen(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readString(call.args[1]) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeIntegerReply(0)
        case .found(let s): out.writeIntegerReply(s.length)
        }
    }

    /// Rule: a string may not grow past `proto-max-bulk-len` bytes. Writes the error when `count` bytes placed
    /// at `offset` would exceed it.
    static func fitsLimit(_ call: Call, _ count: Int64, after offset: Int64, _ out: inout ByteBuffer) -> Bool {
        let (total, overflow) = offset.addingReportingOverflow(count)
        guard overflow || total > Int64(call.maxStringLength) else { return true }
        out.writeErrorReply("ERR string exceeds maximum allowed size (proto-max-bulk-len)")
        return false
    }
}
