import NIOCore
import RESP

/// XACK and XPENDING: acknowledging delivered entries and inspecting what is still pending.
enum StreamPendingCommands {
    /// XACK key group id [id ...]: the number of IDs that were pending. A missing key or group acknowledges
    /// nothing; IDs are all checked before any is acknowledged.
    static func xack(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], name = call.args[2]
        var hasGroup = false
        switch call.lookupStream(key) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: break
        case .stream(let s): hasGroup = s.group(name) != nil
        }
        guard hasGroup else { return out.writeIntegerReply(0) }
        var ids: [StreamID] = []
        for i in 3..<call.argc {
            guard let id = call.streamID(i, &out) else { return }
            ids.append(id)
        }
        let acknowledged = call.editStream(key) { s in
            s.modifyGroup(name) { g in ids.reduce(0) { $0 + (g.acknowledge($1) ? 1 : 0) } } ?? 0
        }
        call.engine.dirty += acknowledged
        out.writeIntegerReply(acknowledged)
    }

    /// XPENDING key group [[IDLE min-idle] start end count [consumer]]: a summary (count, smallest and largest
    /// pending ID, and per consumer how many it holds), or the pending entries in a range with their owner, idle
    /// time and delivery count.
    static func xpending(_ call: Call, _ out: inout ByteBuffer) {
        let summary = call.argc == 3
        guard summary || (6...9).contains(call.argc) else { return out.writeErrorReply(ReplyError.syntax) }
        var start = StreamID.zero, end = StreamID.max
        var count: Int64 = 0, minIdle: Int64 = 0
        var consumerName: Bytes?
        if !summary {
            var first = 3
            if call.arg(3, is: "IDLE") {
                guard let n = call.integer(4, &out) else { return }
                minIdle = n
                guard call.argc >= 8 else { return out.writeErrorReply(ReplyError.syntax) }
                first += 2
            }
            guard let n = call.integer(first + 2, &out) else { return }
            count = max(0, n)
            guard let s = call.streamIntervalID(first, &out, missingSeq: 0) else { return }
            start = s.id
            if s.exclusive {
                guard let next = start.successor else { return out.writeErrorReply(StreamError.invalidStart) }
                start = next
            }
            guard let e = call.streamIntervalID(first + 1, &out, missingSeq: .max) else { return }
            end = e.id
            if e.exclusive {
                guard let previous = end.predecessor else { return out.writeErrorReply(StreamError.invalidEnd) }
                end = previous
            }
            if first + 3 < call.argc { consumerName = call.args[first + 3] }
        }
        let key = call.args[1], name = call.args[2]
        var stream: StreamValue?
        switch call.lookupStream(key) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: break
        case .stream(let v): stream = v
        }
        guard let group = stream?.group(name) else {
            return out.writeErrorReply(StreamError.noKeyOrGroup(key, name))
        }
        if summary { return writeSummary(group, call.proto, &out) }
        if let consumerName, group.consumer(consumerName) == nil { return out.writeArrayHeader(0) }
        var rows: [(StreamID, StreamPendingEntry)] = []
        var remaining = count
        let visit: (StreamID) -> Bool = { id in
            guard remaining > 0, id <= end else { return false }
            let entry = group.pending[id]!
            if minIdle != 0 && call.now - entry.deliveryTime < minIdle { return true }
            rows.append((id, entry))
            remaining -= 1
            return true
        }
        if let consumerName {
            group.consumer(consumerName)!.pending.forEach(from: start) { id, _ in visit(id) }
        } else {
            group.pending.forEach(from: start) { id, _ in visit(id) }
        }
        out.writeArrayHeader(rows.count)
        for (id, entry) in rows {
            out.writeArrayHeader(4)
            out.writeStreamID(id)
            out.writeBulkReply(entry.consumer)
            out.writeIntegerReply(Int(max(0, call.now - entry.deliveryTime)))
            out.writeIntegerReply(Int(entry.deliveryCount))
        }
    }

    private static func writeSummary(_ group: StreamConsumerGroup, _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeArrayHeader(4)
        out.writeIntegerReply(group.pending.count)
        guard let first = group.pending.first, let last = group.pending.last else {
            out.writeNullReply(proto)
            out.writeNullReply(proto)
            out.writeNullArrayReply(proto)
            return
        }
        out.writeStreamID(first.key)
        out.writeStreamID(last.key)
        let holders = group.consumers.filter { !$0.pending.isEmpty }
        out.writeArrayHeader(holders.count)
        for c in holders {
            out.writeArrayHeader(2)
            out.writeBulkReply(c.name)
            out.writeBulkReply(IntegerText.bytes(Int64(c.pending.count)))
        }
    }
}
