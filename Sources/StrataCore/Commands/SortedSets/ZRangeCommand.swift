import NIOCore
import RESP

/// ZRANGE and its older forms (ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX) and ZRANGESTORE, as Redis's
/// zrangeGenericCommand: the forms fix the range kind and/or direction, ZRANGE chooses them with BYSCORE/BYLEX
/// and REV. Every selection ends up as a run of ascending positions, visited upward or downward.
enum ZRangeCommand {
    /// What min and max mean; `auto` until ZRANGE's BYSCORE/BYLEX decide (default: positions).
    enum Kind { case auto, rank, score, lex }
    /// Walk direction; `auto` until ZRANGE's REV decides (default: forward).
    enum Direction { case auto, forward, reverse }

    static func zrange(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .auto, .auto, &out) }
    static func zrevrange(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .rank, .reverse, &out) }
    static func zrangebyscore(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .score, .forward, &out) }
    static func zrevrangebyscore(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .score, .reverse, &out) }
    static func zrangebylex(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .lex, .forward, &out) }
    static func zrevrangebylex(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 1, store: false, .lex, .reverse, &out) }
    static func zrangestore(_ call: Call, _ out: inout ByteBuffer) { run(call, source: 2, store: true, .auto, .auto, &out) }

    /// `source` is the index of the source key; min and max follow it, then the options.
    private static func run(_ call: Call, source: Int, store: Bool, _ fixedKind: Kind, _ fixedDirection: Direction,
                            _ out: inout ByteBuffer) {
        var kind = fixedKind, direction = fixedDirection
        var withScores = false
        var offset: Int64 = 0, limit: Int64 = -1
        var j = source + 3
        while j < call.argc {
            if !store && call.arg(j, is: "WITHSCORES") {
                withScores = true
            } else if call.arg(j, is: "LIMIT") && call.argc - j - 1 >= 2 {
                guard let o = call.integer(j + 1, &out), let l = call.integer(j + 2, &out) else { return }
                offset = o
                limit = l
                j += 2
            } else if direction == .auto && call.arg(j, is: "REV") {
                direction = .reverse
            } else if kind == .auto && call.arg(j, is: "BYLEX") {
                kind = .lex
            } else if kind == .auto && call.arg(j, is: "BYSCORE") {
                kind = .score
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            j += 1
        }
        if kind == .auto { kind = .rank }
        let reversed = direction == .reverse
        // Redis tests the LIMIT count, so "LIMIT 0 -1" passes with a rank range.
        if limit != -1 && kind == .rank {
            return out.writeErrorReply("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
        }
        if withScores && kind == .lex {
            return out.writeErrorReply("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
        }
        // Reversed score and lex ranges are given as max, min.
        let (minText, maxText) = reversed && kind != .rank
            ? (call.args[source + 2], call.args[source + 1]) : (call.args[source + 1], call.args[source + 2])

        let select: (SortedSetValue) -> Range<Int>
        switch kind {
        case .auto, .rank:
            guard let start = call.integer(source + 1, &out), let stop = call.integer(source + 2, &out) else { return }
            select = { RankRange.positions(start: start, stop: stop, count: $0.count, reversed: reversed) }
        case .score:
            guard let range = ScoreRange(min: minText, max: maxText) else {
                return out.writeErrorReply("ERR min or max is not a float")
            }
            select = { window(range.positions(in: $0), offset: offset, limit: limit, reversed: reversed) }
        case .lex:
            guard let range = LexRange(min: minText, max: maxText) else {
                return out.writeErrorReply("ERR min or max not valid string range item")
            }
            select = { window(range.positions(in: $0, reversed: reversed), offset: offset, limit: limit, reversed: reversed) }
        }

        let z: SortedSetValue
        switch call.readSortedSet(call.args[source]) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: z = SortedSetValue()
        case .found(let found): z = found
        }
        let positions = select(z)
        if store {
            var longest = 0
            z.forEach(in: positions) { longest = max(longest, $0.member.count) }
            var result = SortedSetValue(fittingCount: positions.count, longestMember: longest,
                                        limits: call.engine.settings.encodingLimits)
            let limits = call.engine.settings.encodingLimits
            z.forEach(in: positions) { result.insert($0.member, score: $0.score, limits: limits) }
            return call.storeSortedSetResult(result, at: call.args[1], event: "zrangestore", &out)
        }
        out.writeSortedSetHeader(positions.count, withScores: withScores, call.proto)
        z.forEach(in: positions, reversed: reversed) { out.writeSortedSetElement($0, withScores: withScores, call.proto) }
    }

    /// LIMIT applied to a score or lex range: skip `offset` elements from the start of the walk (the top when
    /// reversed), then take `limit` (all when negative). A negative offset walks off the end, as in Redis: empty.
    static func window(_ r: Range<Int>, offset: Int64, limit: Int64, reversed: Bool) -> Range<Int> {
        guard offset >= 0, offset < Int64(r.count) else { return r.lowerBound..<r.lowerBound }
        let available = r.count - Int(offset)
        let n = limit < 0 ? available : Int(min(Int64(available), limit))
        if reversed {
            let end = r.upperBound - Int(offset)
            return (end - n)..<end
        }
        let start = r.lowerBound + Int(offset)
        return start..<(start + n)
    }
}
