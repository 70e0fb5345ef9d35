import StrataCollections

/// One input of ZUNION/ZINTER/ZDIFF (and their STORE forms, ZINTERCARD): a sorted set, a plain set (every member
/// scoring 1, as Redis allows), or a missing key (empty), with its WEIGHTS factor.
struct SortedSetOperand {
    enum Source {
        case missing
        case zset(SortedSetValue)
        case set(SetValue)
    }

    let source: Source
    var weight = 1.0

    init(_ source: Source) { self.source = source }

    var count: Int {
        switch source {
        case .missing: return 0
        case .zset(let z): return z.count
        case .set(let s): return s.count
        }
    }

    /// Visits every member with its (unweighted) score.
    func forEach(_ body: (CompactBytes, Double) -> Void) {
        switch source {
        case .missing: return
        case .zset(let z): z.forEach { body($0.member, $0.score) }
        case .set(let s): s.forEachOperandMember { body($0, 1) }
        }
    }

    /// The member's (unweighted) score, nil when absent.
    func score(of member: CompactBytes) -> Double? {
        switch source {
        case .missing: return nil
        case .zset(let z): return z.score(of: member)
        case .set(let s): return s.containsOperandMember(member) ? 1 : nil
        }
    }
}

extension SetValue {
    /// The members of a plain set as sorted-set operands (each scores 1).
    func forEachOperandMember(_ body: (CompactBytes) -> Void) {
        forEach { member in
            switch member {
            case .bytes(let b): body(b)
            case .int: body(CompactBytes(member.bytes))
            }
        }
    }

    func containsOperandMember(_ member: CompactBytes) -> Bool {
        contains(SetElement(member.bytes))
    }
}
