import NIOCore
import RESP
import StrataCollections

/// ZUNION ZINTER ZDIFF, their STORE forms and ZINTERCARD (Redis's zunionInterDiffGenericCommand). Keys are read
/// (and type-checked) before the options are parsed; union and intersection visit the inputs from the smallest to
/// the largest (a stable order, as glibc's qsort gives Redis); the result is sorted like any sorted set.
enum SortedSetAlgebra {
    /// Which combination the command computes.
    enum Operation { case union, inter, diff }
    /// AGGREGATE: how the scores of a member present in several inputs combine.
    enum Aggregate { case sum, min, max }

    static func zunion(_ call: Call, _ out: inout ByteBuffer) { run(call, .union, store: false, &out) }
    static func zinter(_ call: Call, _ out: inout ByteBuffer) { run(call, .inter, store: false, &out) }
    static func zdiff(_ call: Call, _ out: inout ByteBuffer) { run(call, .diff, store: false, &out) }
    static func zunionstore(_ call: Call, _ out: inout ByteBuffer) { run(call, .union, store: true, &out) }
    static func zinterstore(_ call: Call, _ out: inout ByteBuffer) { run(call, .inter, store: true, &out) }
    static func zdiffstore(_ call: Call, _ out: inout ByteBuffer) { run(call, .diff, store: true, &out) }
    static func zintercard(_ call: Call, _ out: inout ByteBuffer) { run(call, .inter, store: false, cardinalityOnly: true, &out) }

    private static func run(_ call: Call, _ op: Operation, store: Bool, cardinalityOnly: Bool = false,
                            _ out: inout ByteBuffer) {
        let numkeysIndex = store ? 2 : 1
        guard let numkeys = call.integer(numkeysIndex, &out) else { return }
        guard numkeys >= 1 else {
            return out.writeErrorReply("ERR at least 1 input key is needed for '\(call.command.name)' command")
        }
        guard numkeys <= call.argc - numkeysIndex - 1 else { return out.writeErrorReply(ReplyError.syntax) }
        var operands: [SortedSetOperand] = []
        var j = numkeysIndex + 1
        for _ in 0..<numkeys {
            let entry = call.engine.lookupRead(call.db, call.args[j], now: call.now)
            switch entry?.value {
            case nil: operands.append(SortedSetOperand(.missing))
            case .zset(let z)?: operands.append(SortedSetOperand(.zset(z)))
            case .set(let s)?: operands.append(SortedSetOperand(.set(s)))
            default: return out.writeErrorReply(ReplyError.wrongType)
            }
            j += 1
        }

        var aggregate = Aggregate.sum
        var withScores = false
        var limit: Int64 = 0
        while j < call.argc {
            let remaining = call.argc - j
            if op != .diff && !cardinalityOnly && remaining >= operands.count + 1 && call.arg(j, is: "WEIGHTS") {
                for i in operands.indices {
                    guard let w = ScoreText.parse(call.args[j + 1 + i]) else {
                        return out.writeErrorReply("ERR weight value is not a float")
                    }
                    operands[i].weight = w
                }
                j += 1 + operands.count
            } else if op != .diff && !cardinalityOnly && remaining >= 2 && call.arg(j, is: "AGGREGATE") {
                if call.arg(j + 1, is: "SUM") { aggregate = .sum }
                else if call.arg(j + 1, is: "MIN") { aggregate = .min }
                else if call.arg(j + 1, is: "MAX") { aggregate = .max }
                else { return out.writeErrorReply(ReplyError.syntax) }
                j += 2
            } else if !store && !cardinalityOnly && call.arg(j, is: "WITHSCORES") {
                withScores = true
                j += 1
            } else if cardinalityOnly && remaining >= 2 && call.arg(j, is: "LIMIT") {
                guard let n = IntegerText.parse(call.args[j + 1]), n >= 0 else {
                    return out.writeErrorReply("ERR LIMIT can't be negative")
                }
                limit = n
                j += 2
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
        }

        if op != .diff {
            // Swift's sort is not stable; sorting (count, position) pairs is.
            operands = operands.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }
                .map(\.element)
        }
        if cardinalityOnly {
            var found = 0
            intersect(operands, aggregate) { _, _ in
                found += 1
                return limit == 0 || found < limit
            }
            return out.writeIntegerReply(found)
        }

        var result: [ScoredMember] = []
        switch op {
        case .union: result = union(operands, aggregate)
        case .inter: intersect(operands, aggregate) { m, s in result.append(ScoredMember(m, s)); return true }
        case .diff: result = difference(operands)
        }
        result.sort()

        if store {
            let limits = call.engine.settings.encodingLimits
            let longest = result.reduce(0) { max($0, $1.member.count) }
            var z = SortedSetValue(fittingCount: result.count, longestMember: longest, limits: limits)
            for e in result { z.insert(e.member, score: e.score, limits: limits) }
            let event = op == .union ? "zunionstore" : op == .inter ? "zinterstore" : "zdiffstore"
            return call.storeSortedSetResult(z, at: call.args[1], event: event, &out)
        }
        out.writeSortedSetHeader(result.count, withScores: withScores, call.proto)
        for e in result { out.writeSortedSetElement(e, withScores: withScores, call.proto) }
    }

    /// Adds `value` into `target` by the aggregate rule; a sum of +inf and -inf is 0, and a NaN `value` never wins
    /// a MIN or MAX (C comparisons with NaN are false).
    private static func combine(_ target: inout Double, _ value: Double, _ aggregate: Aggregate) {
        switch aggregate {
        case .sum:
            target += value
            if target.isNaN { target = 0 }
        case .min: target = value < target ? value : target
        case .max: target = value > target ? value : target
        }
    }

    /// weight * score, with NaN (0 * inf) read as 0.
    private static func weighted(_ score: Double, _ weight: Double) -> Double {
        let s = weight * score
        return s.isNaN ? 0 : s
    }

    private static func union(_ operands: [SortedSetOperand], _ aggregate: Aggregate) -> [ScoredMember] {
        var scores: [CompactBytes: Double] = [:]
        scores.reserveCapacity(operands.last?.count ?? 0)
        for op in operands where op.count > 0 {
            op.forEach { member, score in
                let s = weighted(score, op.weight)
                if let i = scores.index(forKey: member) {
                    combine(&scores.values[i], s, aggregate)
                } else {
                    scores[member] = s
                }
            }
        }
        return scores.map { ScoredMember($0.key, $0.value) }
    }

    /// Visits the members present in every operand with their aggregated score; `body` returns false to stop.
    private static func intersect(_ operands: [SortedSetOperand], _ aggregate: Aggregate,
                                  _ body: (CompactBytes, Double) -> Bool) {
        guard let first = operands.first, first.count > 0 else { return }
        var stopped = false
        first.forEach { member, score in
            guard !stopped else { return }
            var total = weighted(score, first.weight)
            for other in operands.dropFirst() {
                guard let s = other.score(of: member) else { return }
                combine(&total, s * other.weight, aggregate)
            }
            if !body(member, total) { stopped = true }
        }
    }

    private static func difference(_ operands: [SortedSetOperand]) -> [ScoredMember] {
        var result: [ScoredMember] = []
        operands[0].forEach { member, score in
            if !operands.dropFirst().contains(where: { $0.score(of: member) != nil }) {
                result.append(ScoredMember(member, score))
            }
        }
        return result
    }
}
