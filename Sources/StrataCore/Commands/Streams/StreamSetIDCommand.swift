import NIOCore
import RESP

enum StreamSetIDCommand {
    /// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]: sets the stream's last
    /// generated ID and counters (what replicas and AOF use to reproduce trims and deletions). The last ID may
    /// not go below the last entry (Redis 7.0 does not compare it with the largest deleted ID).
    static func xsetid(_ call: Call, _ out: inout ByteBuffer) {
        guard let id = call.streamID(2, &out) else { return }
        var entriesAdded: Int64 = -1
        var maxDeleted = StreamID.zero
        var i = 3
        while i < call.argc {
            let more = call.argc - 1 - i
            if call.arg(i, is: "ENTRIESADDED") && more > 0 {
                guard let n = call.integer(i + 1, &out) else { return }
                guard n >= 0 else { return out.writeErrorReply("ERR entries_added must be positive") }
                entriesAdded = n
            } else if call.arg(i, is: "MAXDELETEDID") && more > 0 {
                guard let m = call.streamID(i + 1, &out) else { return }
                guard id >= m else {
                    return out.writeErrorReply(
                        "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
                }
                maxDeleted = m
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            i += 2
        }
        let key = call.args[1]
        let s: StreamValue
        switch call.lookupStreamForWrite(key) {
        case .missing: return out.writeErrorReply(ReplyError.noSuchKey)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .stream(let v): s = v
        }
        if s.count > 0 {
            guard id >= s.lastLiveID else {
                return out.writeErrorReply("ERR The ID specified in XSETID is smaller than the target stream top item")
            }
            if entriesAdded != -1 && Int64(s.count) > entriesAdded {
                return out.writeErrorReply(
                    "ERR The entries_added specified in XSETID is smaller than the target stream length")
            }
        }
        call.editStream(key) { s in
            s.lastID = id
            if entriesAdded != -1 { s.entriesAdded = entriesAdded }
            if !maxDeleted.isZero { s.maxDeletedID = maxDeleted }
        }
        out.writeSimpleString("OK")
        call.notify(.stream, "xsetid", key)
        call.engine.dirty += 1
    }
}
