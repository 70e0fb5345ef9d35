import NIOCore
import RESP

/// XCLAIM and XAUTOCLAIM: moving pending entries that sat idle long enough to another consumer. Pending entries
/// whose stream entry was deleted are dropped from the group as they are met.
///
/// Effects (never the request): one XCLAIM per pending entry claimed or dropped, in the order they were met, with
/// the entry's resulting (or, when dropped, last) owner, delivery time and count; an XCLAIM whose LASTID moved the
/// group's last delivered ID without claiming anything logs XGROUP SETID (see StreamEffects.swift).
enum StreamClaimCommands {
    /// True when the key holds a stream with the group named in argument 2; otherwise writes WRONGTYPE or NOGROUP.
    private static func groupExists(_ call: Call, _ out: inout ByteBuffer) -> Bool {
        let key = call.args[1], name = call.args[2]
        var stream: StreamValue?
        switch call.lookupStream(key) {
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
            return false
        case .missing: break
        case .stream(let v): stream = v
        }
        guard stream?.group(name) != nil else {
            out.writeErrorReply(StreamError.noKeyOrGroup(key, name))
            return false
        }
        return true
    }

    /// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms] [RETRYCOUNT count] [FORCE]
    /// [JUSTID] [LASTID id]
    static func xclaim(_ call: Call, _ out: inout ByteBuffer) {
        guard groupExists(call, &out) else { return }
        guard var minIdle = call.integer(4, &out, error: "ERR Invalid min-idle-time argument for XCLAIM") else {
            return
        }
        minIdle = max(0, minIdle)
        var ids: [StreamID] = []
        var j = 5
        while j < call.argc, let parsed = StreamID.parse(call.args[j], missingSeq: 0, strict: true) {
            ids.append(parsed.id)
            j += 1
        }
        var force = false, justID = false
        var retryCount: Int64 = -1, deliveryTime: Int64 = -1
        var lastID = StreamID.zero
        while j < call.argc {
            let more = call.argc - 1 - j
            if call.arg(j, is: "FORCE") {
                force = true
            } else if call.arg(j, is: "JUSTID") {
                justID = true
            } else if call.arg(j, is: "IDLE") && more > 0 {
                j += 1
                guard let n = call.integer(j, &out, error: "ERR Invalid IDLE option argument for XCLAIM") else {
                    return
                }
                deliveryTime = call.now &- n
            } else if call.arg(j, is: "TIME") && more > 0 {
                j += 1
                guard let n = call.integer(j, &out, error: "ERR Invalid TIME option argument for XCLAIM") else {
                    return
                }
                deliveryTime = n
            } else if call.arg(j, is: "RETRYCOUNT") && more > 0 {
                j += 1
                guard let n = call.integer(j, &out, error: "ERR Invalid RETRYCOUNT option argument for XCLAIM") else {
                    return
                }
                retryCount = n
            } else if call.arg(j, is: "LASTID") && more > 0 {
                j += 1
                guard let id = call.streamID(j, &out) else { return }
                lastID = id
            } else {
                return out.writeErrorReply("ERR Unrecognized XCLAIM option '\(call.args[j].text)'")
            }
            j += 1
        }
        // No IDLE/TIME (-1), or a time before the epoch or in the future: delivered now.
        if deliveryTime < 0 || deliveryTime > call.now { deliveryTime = call.now }
        let key = call.args[1], name = call.args[2], consumer = call.args[3]
        var created = false
        call.propagateNothing()
        call.editStream(key) { s in
            let live = ids.map { s.entries.position(of: $0) != nil }
            var claimed: [StreamID] = []
            s.modifyGroup(name) { g in
                var logged = false
                let movesLastID = lastID > g.lastID
                if movesLastID { g.lastID = lastID }
                for (k, id) in ids.enumerated() {
                    guard live[k] else {
                        if let dropped = g.pending[id], g.acknowledge(id) {
                            call.propagateXClaim(key, group: name, id: id, dropped, lastID: g.lastID)
                            call.engine.dirty += 1
                            logged = true
                        }
                        continue
                    }
                    let existing = g.pending[id]
                    if let existing, minIdle > 0, call.now - existing.deliveryTime < minIdle { continue }
                    guard var e = existing ?? (force ? StreamPendingEntry(consumer: [], deliveryTime: call.now,
                                                                           deliveryCount: 1) : nil) else { continue }
                    if claimed.isEmpty { created = g.touchConsumer(consumer, now: call.now) }
                    e.deliveryTime = deliveryTime
                    if retryCount >= 0 { e.deliveryCount = retryCount } else if !justID { e.deliveryCount += 1 }
                    claim(id, e, to: consumer, in: &g)
                    claimed.append(id)
                    call.propagateXClaim(key, group: name, id: id, g.pending[id]!, lastID: g.lastID)
                    call.engine.dirty += 1
                    logged = true
                }
                if movesLastID && !logged {
                    call.propagateGroupPosition(key, g)
                    call.engine.dirty += 1
                }
            }
            out.writeArrayHeader(claimed.count)
            for id in claimed {
                if justID {
                    out.writeStreamID(id)
                } else if !s.writeEntry(id, &out) {
                    out.writeNullReply(call.proto)
                }
            }
        }
        if created { call.notify(.stream, "xgroup-createconsumer", key) }
    }

    /// Gives pending entry `id` (new or existing) to `consumer` with the timing in `entry`.
    private static func claim(_ id: StreamID, _ entry: StreamPendingEntry, to consumer: Bytes,
                              in g: inout StreamConsumerGroup) {
        if g.pending[id] == nil {
            g.pending.updateValue(StreamPendingEntry(consumer: consumer, deliveryTime: entry.deliveryTime,
                                                     deliveryCount: entry.deliveryCount), forKey: id)
            g.modifyConsumer(consumer) { $0.pending.updateValue((), forKey: id) }
            return
        }
        g.transfer(id, to: consumer)
        g.pending.modifyValue(forKey: id) {
            $0.deliveryTime = entry.deliveryTime
            $0.deliveryCount = entry.deliveryCount
        }
    }

    /// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]: claims up to COUNT entries idle
    /// for at least min-idle-time, scanning at most ten times COUNT pending entries from `start`. Replies the ID to
    /// continue from (0-0 at the end), the claimed entries, and the pending IDs dropped because their entries are
    /// gone.
    static func xautoclaim(_ call: Call, _ out: inout ByteBuffer) {
        guard var minIdle = call.integer(4, &out, error: "ERR Invalid min-idle-time argument for XAUTOCLAIM") else {
            return
        }
        minIdle = max(0, minIdle)
        guard var start = call.streamIntervalID(5, &out, missingSeq: 0) else { return }
        if start.exclusive {
            guard let next = start.id.successor else { return out.writeErrorReply(StreamError.invalidStart) }
            start.id = next
        }
        var count = 100
        var justID = false
        var j = 6
        while j < call.argc {
            let more = call.argc - 1 - j
            if call.arg(j, is: "COUNT") && more > 0 {
                guard let n = IntegerText.parse(call.args[j + 1]), n >= 1, n <= Int64.max / 16 else {
                    return out.writeErrorReply("ERR COUNT must be > 0")
                }
                count = Int(n)
                j += 1
            } else if call.arg(j, is: "JUSTID") {
                justID = true
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            j += 1
        }
        guard groupExists(call, &out) else { return }
        let key = call.args[1], name = call.args[2], consumer = call.args[3]
        var created = false
        call.propagateNothing()
        call.editStream(key) { s in
            // Decide on a read-only walk (its view of the group ends before the group is edited), then apply.
            var claimed: [StreamID] = [], dropped: [StreamID] = []
            // The pending IDs met, in order, and whether each is dropped (else claimed).
            var met: [(id: StreamID, dropped: Bool)] = []
            var cursor = StreamID.zero
            do {
                guard let group = s.group(name) else { return }
                var attempts = count * 10, remaining = count
                group.pending.forEach(from: start.id) { id, entry in
                    guard attempts > 0, remaining > 0 else {
                        cursor = id
                        return false
                    }
                    attempts -= 1
                    if s.entries.position(of: id) == nil {
                        dropped.append(id)
                        met.append((id, true))
                        remaining -= 1
                    } else if minIdle == 0 || call.now - entry.deliveryTime >= minIdle {
                        claimed.append(id)
                        met.append((id, false))
                        remaining -= 1
                    }
                    return true
                }
            }
            s.modifyGroup(name) { g in
                if !claimed.isEmpty { created = g.touchConsumer(consumer, now: call.now) }
                for (id, isDropped) in met {
                    var e = g.pending[id]!
                    if isDropped {
                        _ = g.acknowledge(id)
                    } else {
                        e.deliveryTime = call.now
                        if !justID { e.deliveryCount += 1 }
                        claim(id, e, to: consumer, in: &g)
                        e = g.pending[id]!
                    }
                    call.propagateXClaim(key, group: name, id: id, e, lastID: g.lastID)
                    call.engine.dirty += 1
                }
            }
            out.writeArrayHeader(3)
            out.writeStreamID(cursor)
            out.writeArrayHeader(claimed.count)
            for id in claimed {
                if justID { out.writeStreamID(id) } else { _ = s.writeEntry(id, &out) }
            }
            out.writeArrayHeader(dropped.count)
            for id in dropped { out.writeStreamID(id) }
        }
        if created { call.notify(.stream, "xgroup-createconsumer", key) }
    }
}
