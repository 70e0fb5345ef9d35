import NIOCore
import RESP

/// The trimming options shared by XADD and XTRIM: MAXLEN or MINID, exact (`=`, the default) or approximate
/// (`~`, whole nodes only), and LIMIT on the entries an approximate trim may remove (default 100 nodes' worth).
struct StreamTrimOptions {
    var bound: StreamEntries.TrimBound?
    var approximate = false
    var limit = 0
    /// Where the threshold argument is (after its `=` or `~`), and where each LIMIT is: the effect of an approximate
    /// trim rewrites them.
    var thresholdIndex = 0
    var limitIndices: [Int] = []
}

/// Everything before the field/value pairs of XADD (or all of XTRIM's arguments).
struct StreamAddOptions {
    var trim = StreamTrimOptions()
    var noMakeStream = false
    /// The explicit ID, if one was given instead of "*"; `autoSequence` when it was "ms-*" (XADD picks the
    /// sequence number).
    var id: StreamID?
    var autoSequence = false
    /// Index of the first field argument (XADD).
    var fieldsStart = 0
}

enum StreamAddTrimCommands {
    /// Parses XADD's options (from argument 2 up to the ID) or XTRIM's, in Redis's order of checks.
    static func parseOptions(_ call: Call, xadd: Bool, _ out: inout ByteBuffer) -> StreamAddOptions? {
        var o = StreamAddOptions()
        var limitGiven = false
        var i = 2
        let args = call.args
        while i < args.count {
            let more = args.count - 1 - i
            let a = args[i]
            if xadd && a == [42] {
                break
            } else if more > 0 && (a.equalsIgnoringCase("maxlen") || a.equalsIgnoringCase("minid")) {
                guard o.trim.bound == nil else {
                    out.writeErrorReply("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")
                    return nil
                }
                o.trim.approximate = false
                if more >= 2 && args[i + 1] == [126] {
                    o.trim.approximate = true
                    i += 1
                } else if more >= 2 && args[i + 1] == [61] {
                    i += 1
                }
                if a.equalsIgnoringCase("maxlen") {
                    guard let n = call.integer(i + 1, &out) else { return nil }
                    guard n >= 0 else {
                        out.writeErrorReply("ERR The MAXLEN argument must be >= 0.")
                        return nil
                    }
                    o.trim.bound = .maxLen(Int(n))
                } else {
                    guard let id = call.streamID(i + 1, &out) else { return nil }
                    o.trim.bound = .minID(id)
                }
                o.trim.thresholdIndex = i + 1
                i += 1
            } else if more > 0 && a.equalsIgnoringCase("limit") {
                guard let n = call.integer(i + 1, &out) else { return nil }
                guard n >= 0 else {
                    out.writeErrorReply("ERR The LIMIT argument must be >= 0.")
                    return nil
                }
                o.trim.limit = Int(n)
                o.trim.limitIndices.append(i)
                limitGiven = true
                i += 1
            } else if xadd && a.equalsIgnoringCase("nomkstream") {
                o.noMakeStream = true
            } else if xadd {
                guard let parsed = StreamID.parse(a, missingSeq: 0, strict: true, allowAutoSeq: true) else {
                    out.writeErrorReply(StreamError.invalidID)
                    return nil
                }
                o.id = parsed.id
                o.autoSequence = parsed.autoSeq
                break
            } else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            i += 1
        }
        if o.trim.limit != 0 && o.trim.bound == nil {
            out.writeErrorReply("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
            return nil
        }
        if !xadd && o.trim.bound == nil {
            out.writeErrorReply("ERR syntax error, XTRIM must be called with a trimming strategy")
            return nil
        }
        if call.client.mustObey {
            // A logged trim was made exact, with its threshold the one reached: trim all the way (Redis's effects
            // keep the LIMIT of the request).
            o.trim.limit = 0
        } else if limitGiven {
            guard o.trim.approximate else {
                out.writeErrorReply("ERR syntax error, LIMIT cannot be used without the special ~ option")
                return nil
            }
        } else if o.trim.approximate {
            let perNode = call.engine.settings.encodingLimits.streamNodeMaxEntries
            o.trim.limit = perNode > 0 && perNode <= 10_000 ? 100 * perNode : 10_000
        } else {
            o.trim.limit = 0
        }
        o.fieldsStart = i + 1
        return o
    }

    /// The request as its deterministic effect (Redis's streamRewriteApproxSpecifier and streamRewriteTrimArgument,
    /// and XADD's ID rewrite): an approximate trim becomes the exact trim to the threshold it reached (`~` becomes
    /// `=`, the threshold `exactThreshold`), and XADD's `*` or `ms-*` becomes the ID it generated (`addedID`). LIMIT
    /// is left out: an exact trim takes none (Redis keeps it and ignores it when loading, but only from its AOF or
    /// master; without it the effect loads from any client and trims the same).
    static func effect(_ call: Call, _ o: StreamAddOptions, exactThreshold: Bytes?, addedID: StreamID?) -> [Bytes] {
        var args = call.args
        if let exactThreshold, o.trim.approximate {
            args[o.trim.thresholdIndex - 1] = [61]
            args[o.trim.thresholdIndex] = exactThreshold
        }
        if let addedID { args[o.fieldsStart - 1] = addedID.bytes }
        for i in o.trim.limitIndices.reversed() { args.removeSubrange(i...(i + 1)) }
        return args
    }

    /// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]
    ///
    /// Effect: the request with the generated ID in place of `*` or `ms-*` and an approximate trim made exact (see
    /// `effect`); as sent otherwise.
    static func xadd(_ call: Call, _ out: inout ByteBuffer) {
        guard let o = parseOptions(call, xadd: true, &out) else { return }
        let pairs = call.args.count - o.fieldsStart
        guard pairs >= 2, pairs % 2 == 0 else { return call.wrongArity(&out) }
        if let id = o.id, !o.autoSequence, id.isZero { return out.writeErrorReply(StreamError.xaddZeroID) }
        let key = call.args[1]
        // Only the last ID is kept from the lookup: holding the value itself would make the edit below copy it.
        let last: StreamID?
        switch call.lookupStreamForWrite(key) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing:
            if o.noMakeStream { return out.writeNullReply(call.proto) }
            last = nil
        case .stream(let s): last = s.lastID
        }
        if last == .max { return out.writeErrorReply(StreamError.exhausted) }
        guard let id = nextID(after: last ?? .zero, explicit: o.id, autoSequence: o.autoSequence, now: call.now) else {
            return out.writeErrorReply(StreamError.xaddIDTooSmall)
        }
        let fields = call.args[o.fieldsStart...]
        let limits = call.engine.settings.encodingLimits
        if last == nil {
            var s = StreamValue()
            s.append(id, fields, limits: limits)
            call.engine.setKey(call.db, key, .stream(s), now: call.now)
        } else {
            call.editStream(key) { $0.append(id, fields, limits: limits) }
        }
        out.writeStreamID(id)
        call.notify(.stream, "xadd", key)
        call.engine.dirty += 1
        var exactThreshold: Bytes?
        if let bound = o.trim.bound {
            let trimmed = call.editStream(key) { s -> Int in
                let n = s.trim(bound, approximate: o.trim.approximate, limit: o.trim.limit)
                if o.trim.approximate { exactThreshold = s.exactTrimThreshold(for: bound) }
                return n
            }
            if trimmed > 0 { call.notify(.stream, "xtrim", key) }
        }
        let generated = o.id == nil || o.autoSequence
        if generated || o.trim.approximate {
            call.propagate(effect(call, o, exactThreshold: exactThreshold, addedID: generated ? id : nil))
        }
    }

    /// The ID XADD gives a new entry: the next one in time for "*", the next sequence (or 0) within "ms-*", or the
    /// explicit one; nil when it would not be above the stream's last ID.
    static func nextID(after last: StreamID, explicit: StreamID?, autoSequence: Bool, now: Int64) -> StreamID? {
        let id: StreamID
        if let explicit {
            if autoSequence && explicit.ms == last.ms {
                guard last.seq != .max else { return nil }
                id = StreamID(ms: last.ms, seq: last.seq + 1)
            } else {
                id = explicit
            }
        } else {
            let ms = UInt64(max(0, now))
            id = ms > last.ms ? StreamID(ms: ms, seq: 0) : (last.successor ?? .zero)
        }
        return id > last ? id : nil
    }

    /// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
    ///
    /// Effect: an approximate trim that removed entries is logged as the exact trim it amounted to (see `effect`).
    static func xtrim(_ call: Call, _ out: inout ByteBuffer) {
        guard let o = parseOptions(call, xadd: false, &out), let bound = o.trim.bound else { return }
        let key = call.args[1]
        switch call.lookupStreamForWrite(key) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: return out.writeIntegerReply(0)
        case .stream: break
        }
        var exactThreshold: Bytes?
        let deleted = call.editStream(key, unchanged: { $0 == 0 }) { s -> Int in
            let n = s.trim(bound, approximate: o.trim.approximate, limit: o.trim.limit)
            if n > 0 && o.trim.approximate { exactThreshold = s.exactTrimThreshold(for: bound) }
            return n
        }
        if deleted > 0 {
            call.notify(.stream, "xtrim", key)
            call.engine.dirty += deleted
            if o.trim.approximate { call.propagate(effect(call, o, exactThreshold: exactThreshold, addedID: nil)) }
        }
        out.writeIntegerReply(deleted)
    }
}
