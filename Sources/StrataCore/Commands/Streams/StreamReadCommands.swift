import NIOCore
import RESP

/// XREAD and XREADGROUP: reading new entries from several streams, optionally blocking until some arrive, and
/// for XREADGROUP delivering them to a consumer of a group (recording them as pending) or re-reading the
/// consumer's pending history.
///
/// XREAD is a read. XREADGROUP (served at once or after blocking) never logs its request; its effects are, per
/// stream served (see StreamEffects.swift): XGROUP CREATECONSUMER when it created the consumer and claims nothing
/// for it (NOACK, or a history read); an XCLAIM per entry delivered into the pending list, or re-delivered from the
/// consumer's history (Redis 7.0 logs nothing for those, so its replicas keep the old delivery time and count);
/// then XGROUP SETID with ENTRIESREAD when the group's last delivered ID moved (Redis 7.0 logs that only for
/// NOACK, so without it its replicas do not track the group's read counter).
enum StreamReadCommands {
    /// Entries a blocked XREAD gets when no COUNT was given (Redis's XREAD_BLOCKED_DEFAULT_COUNT).
    static let blockedDefaultCount = 1000

    /// XREAD [COUNT count] [BLOCK ms] STREAMS key [key ...] id [id ...]
    /// XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]
    static func read(group isGroupRead: Bool) -> CommandHandler {
        { call, out in
            guard let request = StreamReadRequest.parse(call, group: isGroupRead, &out) else { return }
            let (reader, ids, count) = (request.reader, request.ids, request.count)
            if isGroupRead { call.propagateNothing() }
            // Serve what is there now.
            var body = ByteBuffer()
            var served = 0
            for (k, key) in request.keys.enumerated() {
                // Decide on a look at the stream that ends before the stream is edited (a live copy would make
                // the edit copy the stream).
                let plan: (serve: Bool, after: StreamID, history: Bool)? = {
                    guard case .stream(let s) = call.lookupStream(key) else { return nil }
                    guard let reader else { return (s.count > 0 && s.lastLiveID > ids[k], ids[k], false) }
                    if ids[k] != .max { return (true, ids[k], true) }
                    let groupLast = s.group(reader.group)!.lastID
                    return (s.count > 0 && s.lastLiveID > groupLast, groupLast, false)
                }()
                guard let plan else { continue }
                let (serve, after, history) = plan
                // Redis 7.0 creates (and marks seen) the consumer only for a stream it serves right away.
                guard serve else { continue }
                if let reader { touchConsumer(call, key, reader, claimsForIt: !reader.noAck && !history) }
                served += 1
                if call.proto == .v2 { body.writeArrayHeader(2) }
                body.writeBulkReply(key)
                if history {
                    writeHistory(call, key, after: after, count: count, reader!, &body)
                } else {
                    writeNewEntries(call, key, after: after, count: count, reader, &body)
                }
            }
            if served > 0 {
                if call.proto == .v2 { out.writeArrayHeader(served) } else { out.writeMapHeader(served, call.proto) }
                out.writeBuffer(&body)
                return
            }
            guard let timeout = request.timeout else { return out.writeNullArrayReply(call.proto) }
            let keys = request.keys
            let blockedCount = count > 0 ? count : blockedDefaultCount
            call.block(keys: keys, timeoutMillis: timeout, out: &out,
                       timeoutReply: { client, out in out.writeNullArrayReply(client.proto) },
                       retry: { call, out in retry(call, keys: keys, ids: ids, count: blockedCount, reader, &out) })
        }
    }

    /// A blocked read gets another chance after one of its streams changed. A group reader whose stream went
    /// away or whose group was destroyed is answered with an error; otherwise the first stream with entries past
    /// the awaited ID is served.
    static func retry(_ call: Call, keys: [Bytes], ids: [StreamID], count: Int,
                      _ reader: StreamReadRequest.GroupReader?, _ out: inout ByteBuffer) -> Bool {
        for (k, key) in keys.enumerated() {
            enum Outcome { case gone, noGroup, wait, serve(after: StreamID) }
            let outcome: Outcome = {
                guard let entry = call.engine.lookupWrite(call.db, key, now: call.now),
                      case .stream(let s) = entry.value else { return .gone }
                var after = ids[k]
                if let reader {
                    guard let group = s.group(reader.group) else { return .noGroup }
                    after = group.lastID
                }
                return s.lastID > after ? .serve(after: after) : .wait
            }()
            let after: StreamID
            switch outcome {
            case .gone:
                guard reader != nil else { continue }
                out.writeErrorReply("UNBLOCKED the stream key no longer exists")
                return true
            case .noGroup:
                out.writeErrorReply("NOGROUP the consumer group this client was blocked on no longer exists")
                return true
            case .wait: continue
            case .serve(let from): after = from
            }
            if let reader {
                call.propagateNothing()
                touchConsumer(call, key, reader, claimsForIt: !reader.noAck)
            }
            if call.proto == .v2 {
                out.writeArrayHeader(1)
                out.writeArrayHeader(2)
            } else {
                out.writeMapHeader(1, call.proto)
            }
            out.writeBulkReply(key)
            writeNewEntries(call, key, after: after, count: count, reader, &out)
            return true
        }
        return false
    }

    /// Marks the reading consumer as seen, creating it (with its keyspace event) if it is new. A creation is logged
    /// unless the read goes on to log XCLAIMs for the consumer (`claimsForIt`), which create it when replayed.
    static func touchConsumer(_ call: Call, _ key: Bytes, _ reader: StreamReadRequest.GroupReader, claimsForIt: Bool) {
        let created = call.editStream(key) { s in
            s.modifyGroup(reader.group) { $0.touchConsumer(reader.consumer, now: call.now) } ?? false
        }
        if created {
            call.notify(.stream, "xgroup-createconsumer", key)
            call.engine.dirty += 1
            if !claimsForIt { call.propagateConsumerCreation(key, group: reader.group, consumer: reader.consumer) }
        }
    }

    /// Writes the entries after `after` (at most `count` when > 0). For a group reader, the group's last
    /// delivered ID and read counter advance, and unless NOACK each entry becomes pending for the consumer.
    static func writeNewEntries(_ call: Call, _ key: Bytes, after: StreamID, count: Int,
                                _ reader: StreamReadRequest.GroupReader?,
                                _ out: inout ByteBuffer) {
        guard let start = after.successor else { return out.writeArrayHeader(0) }
        guard let reader else {
            // The command already looked the key up (and counted the hit); read it without counting again.
            if case .stream(let s)? = call.db.peek(key)?.value {
                s.writeRange(from: start, to: .max, count: count, reverse: false, &out)
            }
            return
        }
        call.editStream(key) { s in
            let ids = s.writeRange(from: start, to: .max, count: count, reverse: false, &out)
            guard var (lastID, read) = s.group(reader.group).map({ ($0.lastID, $0.entriesRead) }) else { return }
            for id in ids where id > lastID {
                if read != StreamConsumerGroup.unknownEntriesRead && !s.rangeHasTombstones(from: id) {
                    read += 1
                } else if s.entriesAdded > 0 {
                    read = s.estimatedEntriesRead(upTo: id)
                }
                lastID = id
            }
            s.modifyGroup(reader.group) { g in
                let moved = lastID != g.lastID
                if !reader.noAck {
                    // Each XCLAIM carries the last delivered ID as it stood once that entry was delivered.
                    var last = g.lastID
                    for id in ids {
                        g.deliver(id, to: reader.consumer, now: call.now)
                        last = max(last, id)
                        call.propagateXClaim(key, group: reader.group, id: id, g.pending[id]!, lastID: last)
                    }
                }
                g.lastID = lastID
                g.entriesRead = read
                if moved { call.propagateGroupPosition(key, g) }
            }
        }
        call.engine.dirty += 1
    }

    /// Writes the consumer's pending entries after `after` (at most `count` when > 0), counting a new delivery of
    /// each; an entry deleted from the stream since shows as [id, null].
    static func writeHistory(_ call: Call, _ key: Bytes, after: StreamID, count: Int,
                             _ reader: StreamReadRequest.GroupReader,
                             _ out: inout ByteBuffer) {
        call.editStream(key) { s in
            var pendingIDs: [StreamID] = []
            if let start = after.successor, let consumer = s.group(reader.group)?.consumer(reader.consumer) {
                consumer.pending.forEach(from: start) { id, _ in
                    pendingIDs.append(id)
                    return count <= 0 || pendingIDs.count < count
                }
            }
            out.writeArrayHeader(pendingIDs.count)
            var delivered: [StreamID] = []
            for id in pendingIDs {
                if s.writeEntry(id, &out) {
                    delivered.append(id)
                } else {
                    out.writeArrayHeader(2)
                    out.writeStreamID(id)
                    out.writeNullArrayReply(call.proto)
                }
            }
            s.modifyGroup(reader.group) { g in
                for id in delivered {
                    g.pending.modifyValue(forKey: id) {
                        $0.deliveryTime = call.now
                        $0.deliveryCount += 1
                    }
                    call.propagateXClaim(key, group: reader.group, id: id, g.pending[id]!, lastID: g.lastID)
                }
            }
            call.engine.dirty += delivered.count
        }
    }
}
