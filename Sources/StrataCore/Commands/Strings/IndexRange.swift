/// Redis's inclusive `start end` index arguments (GETRANGE, BITCOUNT, BITPOS) resolved against a length.
enum IndexRange {
    /// Rule: a negative index counts from the end (-1 is the last element); after that both ends are clamped
    /// into `0..<length`. Returns nil for an empty range (start past end, or nothing to index). With
    /// `rejectReversedNegatives`, two negative indexes with start > end give an empty range before clamping
    /// (GETRANGE and BITCOUNT do this; BITPOS does not).
    static func resolve(start: Int64, end: Int64, length: Int64, rejectReversedNegatives: Bool) -> ClosedRange<Int64>? {
        if rejectReversedNegatives, start < 0, end < 0, start > end { return nil }
        var s = start < 0 ? length + start : start
        var e = end < 0 ? length + end : end
        s = max(s, 0)
        e = min(max(e, 0), length - 1)
        guard s <= e else { return nil }
        return s...e
    }
}
