import Glibc
import StrataCollections

/// Numbers in sorted-set arguments, read with C's `strtod` as Redis reads them (decimal, hexadecimal, "inf",
/// "infinity", any case).
enum ScoreText {
    /// A score, increment or weight (Redis's getDoubleFromObject): the whole argument must parse, without leading
    /// white space, and the result must not be NaN, nor overflow to ±inf or underflow to 0 (ERANGE); an explicit
    /// "inf" is fine.
    static func parse(_ text: Bytes) -> Double? {
        guard let first = text.first, !isCSpace(first) else { return nil }
        guard let (value, consumed, rangeError) = strtodPrefix(text), consumed == text.count, !value.isNaN else {
            return nil
        }
        if rangeError && (value.isInfinite || value == 0) { return nil }
        return value
    }

    /// A range bound (Redis's zslParseRange): strtod up to the first NUL byte, which must be all of it; leading
    /// white space, the empty string (0) and overflow to ±inf are accepted, NaN is not.
    static func parseBound(_ text: ArraySlice<UInt8>) -> Double? {
        let cString = text.prefix { $0 != 0 }
        guard let (value, consumed, _) = strtodPrefix(Array(cString)), consumed == cString.count, !value.isNaN else {
            return nil
        }
        return value
    }

    /// C's isspace in the "C" locale.
    private static func isCSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }

    /// strtod over `text`: the value, how many bytes it read, and whether it set ERANGE.
    private static func strtodPrefix(_ text: Bytes) -> (Double, Int, Bool)? {
        var terminated = text
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                var end: UnsafeMutablePointer<CChar>?
                errno = 0
                let value = strtod(start, &end)
                let rangeError = errno == ERANGE
                return (value, UnsafePointer(end!) - start, rangeError)
            }
        }
    }
}

/// A score interval from ZRANGEBYSCORE-style bounds: "(" before a number makes that end exclusive; "-inf"/"+inf"
/// are plain numbers to strtod.
struct ScoreRange {
    var min: Double, max: Double
    var minExclusive = false, maxExclusive = false

    /// Parses `min` and `max`, or returns nil (the caller replies "min or max is not a float").
    init?(min minText: Bytes, max maxText: Bytes) {
        guard let (lo, loEx) = ScoreRange.bound(minText), let (hi, hiEx) = ScoreRange.bound(maxText) else { return nil }
        min = lo
        max = hi
        minExclusive = loEx
        maxExclusive = hiEx
    }

    private static func bound(_ text: Bytes) -> (Double, Bool)? {
        if text.first == UInt8(ascii: "(") {
            return ScoreText.parseBound(text.dropFirst()).map { ($0, true) }
        }
        return ScoreText.parseBound(text[...]).map { ($0, false) }
    }

    /// The ascending positions of the elements inside the interval.
    func positions(in z: SortedSetValue) -> Range<Int> {
        let start = z.partitionIndex { minExclusive ? $0.score > min : $0.score >= min }
        let end = z.partitionIndex { maxExclusive ? $0.score >= max : $0.score > max }
        return start..<Swift.max(start, end)
    }
}

/// A member interval from ZRANGEBYLEX-style bounds: "[x" inclusive, "(x" exclusive, "-" below and "+" above every
/// member. Members compare as bytes (memcmp). Redis means lex ranges for sets whose scores are all equal; for other
/// sets the result follows Redis's walk: a listpack is scanned linearly from the end the walk starts at (so it is
/// exact), a skiplist is searched (exact when members are ordered, as they are with equal scores).
struct LexRange {
    /// One end of the interval.
    enum Bound {
        case minusInfinity, plusInfinity
        case member(CompactBytes, exclusive: Bool)
    }

    var min: Bound, max: Bound

    /// Parses `min` and `max`, or returns nil (the caller replies "min or max not valid string range item").
    init?(min minText: Bytes, max maxText: Bytes) {
        guard let lo = LexRange.bound(minText), let hi = LexRange.bound(maxText) else { return nil }
        min = lo
        max = hi
    }

    /// Redis's zslParseLexRangeItem: "+" and "-" must stand alone (C-string rule: a NUL may follow).
    private static func bound(_ text: Bytes) -> Bound? {
        guard let first = text.first else { return nil }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard text.count == 1 || text[1] == 0 else { return nil }
            return first == UInt8(ascii: "+") ? .plusInfinity : .minusInfinity
        case UInt8(ascii: "("), UInt8(ascii: "["):
            return .member(CompactBytes(Array(text.dropFirst())), exclusive: first == UInt8(ascii: "("))
        default:
            return nil
        }
    }

    private func isAtOrAboveMin(_ e: ScoredMember) -> Bool {
        switch min {
        case .minusInfinity: return true
        case .plusInfinity: return false
        case .member(let b, let exclusive): return exclusive ? e.member.compare(b) > 0 : e.member.compare(b) >= 0
        }
    }

    private func isAtOrBelowMax(_ e: ScoredMember) -> Bool {
        switch max {
        case .minusInfinity: return false
        case .plusInfinity: return true
        case .member(let b, let exclusive): return exclusive ? e.member.compare(b) < 0 : e.member.compare(b) <= 0
        }
    }

    /// Redis's "always empty" test: min above max, or equal with either end exclusive ("-" and "+" count as
    /// exclusive, so "- -" is empty).
    private var isEmptyInterval: Bool {
        func rank(_ b: Bound) -> Int {
            switch b {
            case .minusInfinity: return -1
            case .plusInfinity: return 1
            case .member: return 0
            }
        }
        var order = rank(min) - rank(max)
        var exclusive = true
        if case .member(let a, let aEx) = min, case .member(let b, let bEx) = max {
            order = a.compare(b)
            exclusive = aEx || bEx
        }
        return order > 0 || (order == 0 && exclusive)
    }

    /// The ascending positions the walk visits: from the low end upward, or from the high end downward when
    /// `reversed`; the walk starts at the first member inside the interval and continues while members stay below
    /// max (upward) or above min (downward).
    func positions(in z: SortedSetValue, reversed: Bool = false) -> Range<Int> {
        let n = z.count
        guard n > 0, !isEmptyInterval, isAtOrAboveMin(z[n - 1]), isAtOrBelowMax(z[0]) else { return 0..<0 }
        guard z.encodingName == "listpack" else {
            let start = z.partitionIndex { isAtOrAboveMin($0) }
            let end = z.partitionIndex { !isAtOrBelowMax($0) }
            return start..<Swift.max(start, end)
        }
        if reversed {
            guard let last = (0..<n).reversed().first(where: { isAtOrBelowMax(z[$0]) }), isAtOrAboveMin(z[last]) else {
                return 0..<0
            }
            var first = last
            while first > 0 && isAtOrAboveMin(z[first - 1]) { first -= 1 }
            return first..<(last + 1)
        }
        guard let first = (0..<n).first(where: { isAtOrAboveMin(z[$0]) }), isAtOrBelowMax(z[first]) else {
            return 0..<0
        }
        var end = first
        while end < n && isAtOrBelowMax(z[end]) { end += 1 }
        return first..<end
    }
}

/// Positions selected by index (ZRANGE without BYSCORE/BYLEX, ZREMRANGEBYRANK): negative indexes count from the
/// end; start is clamped to 0 and stop to the last element; empty when start > stop or start >= count. With
/// `reversed`, indexes count from the highest score, and the result is still given as ascending positions.
enum RankRange {
    static func positions(start: Int64, stop: Int64, count: Int, reversed: Bool = false) -> Range<Int> {
        let n = Int64(count)
        var s = start < 0 ? n + start : start
        var e = stop < 0 ? n + stop : stop
        if s < 0 { s = 0 }
        guard s <= e, s < n else { return 0..<0 }
        if e >= n { e = n - 1 }
        return reversed ? Int(n - 1 - e)..<Int(n - s) : Int(s)..<Int(e + 1)
    }
}
