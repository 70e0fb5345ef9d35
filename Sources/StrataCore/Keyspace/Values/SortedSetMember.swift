import Glibc
import StrataCollections

/// A sorted-set element: a member and its score, ordered as Redis orders a sorted set — by score, ties broken by
/// comparing the member bytes as unsigned bytes (memcmp, a shorter prefix first). Scores are never NaN, and -0
/// equals 0 as in C. Members are kept as `CompactBytes`, so members of up to 23 bytes cost no allocation.
public struct ScoredMember: Comparable {
    public var member: CompactBytes
    public var score: Double

    public init(_ member: CompactBytes, _ score: Double) {
        self.member = member
        self.score = score
    }

    @inlinable public static func == (a: ScoredMember, b: ScoredMember) -> Bool {
        a.score == b.score && a.member == b.member
    }

    @inlinable public static func < (a: ScoredMember, b: ScoredMember) -> Bool {
        if a.score != b.score { return a.score < b.score }
        return a.member.compare(b.member) < 0
    }
}

extension CompactBytes {
    /// memcmp ordering of two byte strings: negative, zero or positive; a proper prefix sorts first.
    @inlinable public func compare(_ other: CompactBytes) -> Int {
        withUnsafeBytes { a in
            other.withUnsafeBytes { b in
                let n = Swift.min(a.count, b.count)
                let c = n == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, n))
                return c != 0 ? c : a.count - b.count
            }
        }
    }
}
