import NIOCore
import RESP
import StrataText

/// HSCAN and SSCAN. Redis checks the cursor first, then the key (a missing key answers an empty scan whatever
/// the options), then the options (MATCH, COUNT; no TYPE). A listpack hash or an intset answers everything with
/// cursor 0; a hashtable scans the trie with its write-proof cursor. MATCH filters hash fields (dropping their
/// values with them) and set members.
enum CollectionScan {
    static func hscan(_ call: Call, _ out: inout ByteBuffer) {
        guard let cursor = ScanCursor.parse(call.args[2]) else { return out.writeErrorReply(ReplyError.invalidCursor) }
        var items: [Bytes] = []
        let found = call.readHash(call.args[1]) { h -> UInt64? in
            guard let options = ScanOptions(call, from: 3, &out, allowsType: false) else { return nil }
            return h.scan(cursor: cursor, count: options.count) { field, value in
                let field = Array(field)
                if let pattern = options.pattern, !GlobPattern.matches(pattern, field) { return }
                items.append(field)
                items.append(Array(value))
            }
        }
        reply(found, items, &out)
    }

    static func sscan(_ call: Call, _ out: inout ByteBuffer) {
        guard let cursor = ScanCursor.parse(call.args[2]) else { return out.writeErrorReply(ReplyError.invalidCursor) }
        var items: [Bytes] = []
        let found = call.readSet(call.args[1]) { s -> UInt64? in
            guard let options = ScanOptions(call, from: 3, &out, allowsType: false) else { return nil }
            return s.scan(cursor: cursor, count: options.count) { member in
                let member = member.bytes
                if let pattern = options.pattern, !GlobPattern.matches(pattern, member) { return }
                items.append(member)
            }
        }
        reply(found, items, &out)
    }

    /// `[next cursor, [items...]]`; nothing when the options were refused (the error is written).
    private static func reply(_ found: KeyProbe<UInt64?>, _ items: [Bytes], _ out: inout ByteBuffer) {
        let next: UInt64
        switch found {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present(nil): return
        case .missing: next = 0
        case .present(let cursor?): next = cursor
        }
        out.writeArrayHeader(2)
        out.writeBulkReply(String(next).utf8)
        out.writeArrayHeader(items.count)
        for item in items { out.writeBulkReply(item) }
    }
}
