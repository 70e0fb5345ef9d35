import NIOCore
import RESP

/// ZADD and ZINCRBY (which is ZADD with INCR forced on), following Redis's zaddGenericCommand: options first
/// (NX XX GT LT CH INCR, any order, stopping at the first other word), then score/member pairs; every score is
/// parsed before anything changes, so the command applies fully or not at all (except a NaN increment).
enum ZAddCommand {
    /// The ZADD flags; ZINCRBY is INCR alone.
    struct Options {
        var nx = false, xx = false, gt = false, lt = false, ch = false, incr = false
    }

    static func zadd(_ call: Call, _ out: inout ByteBuffer) { run(call, incr: false, &out) }

    static func zincrby(_ call: Call, _ out: inout ByteBuffer) { run(call, incr: true, &out) }

    private static func run(_ call: Call, incr forcedIncr: Bool, _ out: inout ByteBuffer) {
        var o = Options(incr: forcedIncr)
        var first = 2
        while first < call.argc {
            if call.arg(first, is: "NX") { o.nx = true }
            else if call.arg(first, is: "XX") { o.xx = true }
            else if call.arg(first, is: "CH") { o.ch = true }
            else if call.arg(first, is: "INCR") { o.incr = true }
            else if call.arg(first, is: "GT") { o.gt = true }
            else if call.arg(first, is: "LT") { o.lt = true }
            else { break }
            first += 1
        }
        let pairs = call.argc - first
        guard pairs > 0, pairs % 2 == 0 else { return out.writeErrorReply(ReplyError.syntax) }
        if o.nx && o.xx { return out.writeErrorReply("ERR XX and NX options at the same time are not compatible") }
        if (o.gt && o.nx) || (o.lt && o.nx) || (o.gt && o.lt) {
            return out.writeErrorReply("ERR GT, LT, and/or NX options at the same time are not compatible")
        }
        if o.incr && pairs > 2 { return out.writeErrorReply("ERR INCR option supports a single increment-element pair") }
        var scores: [Double] = []
        scores.reserveCapacity(pairs / 2)
        for i in stride(from: first, to: call.argc, by: 2) {
            guard let s = ScoreText.parse(call.args[i]) else { return out.writeErrorReply(ReplyError.notFloat) }
            scores.append(s)
        }

        let key = call.args[1]
        let limits = call.engine.settings.encodingLimits
        var result = Outcome()
        switch call.writableSortedSet(key) {
        case .wrongType:
            return out.writeErrorReply(ReplyError.wrongType)
        case .missing:
            if o.xx { break }
            var z = SortedSetValue()
            for (n, score) in scores.enumerated() {
                apply(&z, call.args[first + 2 * n + 1], score, o, limits, &result)
            }
            call.engine.setKey(call.db, key, .zset(z), now: call.now)
        case .found:
            call.db.edit(key) { v in
                guard case .zset(var z) = v else { preconditionFailure() }
                v = .placeholder
                defer { v = .zset(z) }
                for (n, score) in scores.enumerated() where !result.failed {
                    apply(&z, call.args[first + 2 * n + 1], score, o, limits, &result)
                }
            }
        }

        if result.failed {
            out.writeErrorReply("ERR resulting score is not a number (NaN)")
        } else if o.incr {
            if result.processed > 0 { out.writeDoubleReply(result.lastScore, call.proto) } else { out.writeNullReply(call.proto) }
        } else {
            out.writeIntegerReply(o.ch ? result.added + result.updated : result.added)
        }
        if result.added + result.updated > 0 {
            call.engine.dirty += result.added + result.updated
            call.notify(.sortedSet, o.incr ? "zincr" : "zadd", key)
        }
    }

    /// What the pairs did: added, updated (score changed), processed (not skipped by NX/XX/GT/LT) and the last
    /// resulting score (the INCR reply); `failed` when an increment produced NaN.
    private struct Outcome {
        var added = 0, updated = 0, processed = 0
        var lastScore = 0.0
        var failed = false
    }

    /// Redis's zsetAdd for one pair.
    private static func apply(_ z: inout SortedSetValue, _ member: Bytes, _ score: Double, _ o: Options,
                              _ limits: EncodingLimits, _ result: inout Outcome) {
        if !(o.nx || o.xx || o.gt || o.lt || o.incr) {
            // Plain ZADD: one update, which reports the previous score.
            let old = z.insert(member, score: score, limits: limits)
            if old == nil { result.added += 1 } else if old != score { result.updated += 1 }
            result.processed += 1
            result.lastScore = score
            return
        }
        guard let current = z.score(of: member) else {
            if o.xx { return }
            z.insert(member, score: score, limits: limits)
            result.added += 1
            result.processed += 1
            result.lastScore = score
            return
        }
        if o.nx { return }
        var new = score
        if o.incr {
            new += current
            if new.isNaN {
                result.failed = true
                return
            }
        }
        if (o.lt && new >= current) || (o.gt && new <= current) { return }
        result.processed += 1
        result.lastScore = new
        if new != current {
            z.insert(member, score: new, limits: limits)
            result.updated += 1
        }
    }
}
