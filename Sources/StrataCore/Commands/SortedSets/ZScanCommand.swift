import NIOCore
import RESP
import StrataText

/// ZSCAN key cursor [MATCH pattern] [COUNT count]: the cursor is checked first, then the key, then the options
/// (TYPE is for SCAN only). A listpack-encoded set answers everything at once with cursor 0, as Redis does; a
/// skiplist-encoded one is walked with its trie's stable cursor. Scores are bulk strings in both protocols, in
/// the text each encoding stores (see `SortedSetValue.listpackScoreText`).
enum ZScanCommand {
    static func zscan(_ call: Call, _ out: inout ByteBuffer) {
        guard let cursor = ScanCursor.parse(call.args[2]) else { return out.writeErrorReply(ReplyError.invalidCursor) }
        let z: SortedSetValue
        switch call.readSortedSet(call.args[1]) {
        case .missing:
            out.writeArrayHeader(2)
            out.writeBulkReply(string: "0")
            return out.writeArrayHeader(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let found): z = found
        }
        guard let options = ScanOptions(call, from: 3, &out) else { return }
        guard options.type == nil else { return out.writeErrorReply(ReplyError.syntax) }
        let listpack = z.encodingName == "listpack"
        var found: [ScoredMember] = []
        let next = z.scan(cursor: cursor, count: options.count) { member, score in
            if let pattern = options.pattern, !member.withUnsafeBytes({ GlobPattern.matches(pattern, Array($0)) }) { return }
            found.append(ScoredMember(member, score))
        }
        out.writeArrayHeader(2)
        out.writeBulkReply(string: String(next))
        out.writeArrayHeader(found.count * 2)
        for e in found {
            e.member.withUnsafeBytes { out.writeBulkReply($0) }
            out.writeBulkReply(listpack ? SortedSetValue.listpackScoreText(e.score) : formatDouble17g(e.score))
        }
    }
}
