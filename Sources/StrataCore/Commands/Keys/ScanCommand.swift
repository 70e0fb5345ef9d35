import StrataCollections
import StrataText
import NIOCore
import RESP

/// SCAN: incremental iteration over the keyspace with the trie's stateless 64-bit cursor (the next hash to visit),
/// so a full iteration returns every key present throughout it, whatever is written between calls.
extension Engine {
    static var scanCommand: CommandSpec {
        CommandSpec("scan", arity: -2, flags: [.readonly], group: "generic", since: "2.8.0",
                    summary: "Iterates over the keys of the database a few at a time.",
                    syntax: "cursor [MATCH pattern] [COUNT count] [TYPE type]", handler: scan)
    }

    /// Redis checks the cursor before the options, then filters each returned key by pattern, then deletes it
    /// when expired, then filters by type.
    static func scan(_ call: Call, _ out: inout ByteBuffer) {
        guard let cursor = ScanCursor.parse(call.args[1]) else { return out.writeErrorReply(ReplyError.invalidCursor) }
        guard let options = ScanOptions(call, from: 2, &out) else { return }
        let engine = call.engine, db = call.db
        var keys: [Bytes] = [], expired: [CompactBytes] = []
        keys.reserveCapacity(min(options.count, db.count))
        let next = db.entries.scan(cursor: cursor, count: options.count) { stored, entry in
            let key = stored.bytes
            if let pattern = options.pattern, !GlobPattern.matches(pattern, key) { return }
            if entry.isExpired(at: call.now) { return expired.append(stored) }
            if let type = options.type, !entry.value.typeName.utf8.elementsEqual(type) { return }
            keys.append(key)
        }
        for key in expired { engine.deleteExpired(db, key) }
        out.writeArrayHeader(2)
        out.writeBulkReply(String(next).utf8) // the cursor as an unsigned decimal
        out.writeArrayHeader(keys.count)
        for key in keys { out.writeBulkReply(key) }
    }
}

/// SCAN's cursor argument.
enum ScanCursor {
    /// Reads a cursor the way C's strtoul does, as Redis does: an optional sign then decimal digits, a '-' negating
    /// modulo 2^64, and the empty string meaning 0. Leading whitespace, trailing bytes, a sign without digits and
    /// values above 2^64-1 are invalid.
    static func parse(_ text: Bytes) -> UInt64? {
        var i = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
            guard text.count > 1 else { return nil }
        }
        var value: UInt64 = 0
        while i < text.count {
            let digit = text[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? 0 &- value : value
    }
}

/// SCAN's MATCH, COUNT and TYPE options. Later occurrences override earlier ones; COUNT must be at least 1.
/// HSCAN, SSCAN and ZSCAN take the same options but TYPE (`allowsType` false: a syntax error).
struct ScanOptions {
    /// Nil when there is no pattern or it is "*".
    var pattern: Bytes?
    var count = 10
    /// The requested type name, lower-cased (Redis compares it ignoring case).
    var type: Bytes?

    /// Parses the options from argument `from` on, or writes Redis's error and returns nil.
    init?(_ call: Call, from: Int, _ out: inout ByteBuffer, allowsType: Bool = true) {
        var i = from
        while i < call.argc {
            guard i + 1 < call.argc else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            let value = call.args[i + 1]
            if call.arg(i, is: "COUNT") {
                guard let n = call.integer(i + 1, &out) else { return nil }
                guard n >= 1 else {
                    out.writeErrorReply(ReplyError.syntax)
                    return nil
                }
                count = Int(n)
            } else if call.arg(i, is: "MATCH") {
                pattern = GlobPattern.isMatchAll(value) ? nil : value
            } else if allowsType, call.arg(i, is: "TYPE") {
                type = value.lowercasedASCII
            } else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            i += 2
        }
    }
}
