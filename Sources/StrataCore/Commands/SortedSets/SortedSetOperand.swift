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
    /// The members of a plain set, for sorted-set operations. Integration point with the set type: the foundation's
    /// `SetValue` holds no members (it is always empty), so there is nothing to visit; once the set type lands,
    /// these two forward to its iteration and membership test. The precondition makes a missed wiring loud.
    func forEachOperandMember(_ body: (CompactBytes) -> Void) {
        precondition(count == 0, "SetValue members are not wired into sorted-set operations")
    }

    func containsOperandMember(_ member: CompactBytes) -> Bool {
        precondition(count == 0, "SetValue members are not wired into sorted-set operations")
        return false
    }
}
