/// A stream entry ID: milliseconds and a sequence number, both unsigned 64-bit, ordered by (ms, seq) and written
/// as "ms-seq". 0-0 is never an entry's ID (XADD refuses it); max-max is the last possible one.
public struct StreamID: Comparable, Hashable, CustomStringConvertible {
    public var ms: UInt64
    public var seq: UInt64

    public init(ms: UInt64, seq: UInt64) {
        self.ms = ms
        self.seq = seq
    }

    public static let zero = StreamID(ms: 0, seq: 0)
    public static let max = StreamID(ms: .max, seq: .max)

    public var isZero: Bool { ms == 0 && seq == 0 }

    @inline(__always) public static func < (a: StreamID, b: StreamID) -> Bool {
        a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq
    }

    /// The next ID in order, or nil after max-max.
    public var successor: StreamID? {
        if seq != .max { return StreamID(ms: ms, seq: seq + 1) }
        return ms == .max ? nil : StreamID(ms: ms + 1, seq: 0)
    }

    /// The previous ID in order, or nil before 0-0.
    public var predecessor: StreamID? {
        if seq != 0 { return StreamID(ms: ms, seq: seq - 1) }
        return ms == 0 ? nil : StreamID(ms: ms - 1, seq: .max)
    }

    public var description: String { "\(ms)-\(seq)" }

    /// "ms-seq" as bytes, as replies carry it.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(41)
        Self.appendDigits(ms, &out)
        out.append(45)
        Self.appendDigits(seq, &out)
        return out
    }

    private static func appendDigits(_ n: UInt64, _ out: inout [UInt8]) {
        let start = out.count
        var v = n
        repeat {
            out.append(UInt8(48 + v % 10))
            v /= 10
        } while v > 0
        out[start...].reverse()
    }
}

extension StreamID {
    /// Parses one of Redis's unsigned 64-bit ID halves the way `string2ull` does: a strict decimal integer first,
    /// and failing that `strtoull` in base 10 (leading white space and a sign allowed, a '-' wraps around, every
    /// character must be consumed, overflow fails).
    static func parseHalf<C: Collection>(_ s: C) -> UInt64? where C.Element == UInt8 {
        if let n = IntegerText.parse(s) { return n < 0 ? nil : UInt64(n) }
        var i = s.startIndex
        while i != s.endIndex, s[i] == 32 || (9...13).contains(s[i]) { i = s.index(after: i) }
        var negative = false
        if i != s.endIndex, s[i] == 43 || s[i] == 45 {
            negative = s[i] == 45
            i = s.index(after: i)
        }
        guard i != s.endIndex else { return nil }
        var v: UInt64 = 0
        while i != s.endIndex {
            let c = s[i]
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
            if o1 || o2 { return nil }
            v = a
            i = s.index(after: i)
        }
        return negative ? 0 &- v : v
    }

    /// Parses "ms-seq" or "ms" (sequence `missingSeq`); "-" and "+" mean the smallest and largest IDs unless
    /// `strict`. With `allowAutoSeq`, "ms-*" parses with `autoSeq` set (XADD picks the sequence).
    /// Nil for anything else, including text longer than 127 bytes.
    static func parse(_ s: [UInt8], missingSeq: UInt64, strict: Bool,
                      allowAutoSeq: Bool = false) -> (id: StreamID, autoSeq: Bool)? {
        guard s.count <= 127 else { return nil }
        if s.count == 1, !strict {
            if s[0] == 45 { return (.zero, false) }
            if s[0] == 43 { return (.max, false) }
        }
        guard let dash = s.firstIndex(of: 45) else {
            guard let ms = parseHalf(s) else { return nil }
            return (StreamID(ms: ms, seq: missingSeq), false)
        }
        guard let ms = parseHalf(s[..<dash]) else { return nil }
        let rest = s[(dash + 1)...]
        if allowAutoSeq, rest.count == 1, rest.first == 42 { return (StreamID(ms: ms, seq: 0), true) }
        guard let seq = parseHalf(rest) else { return nil }
        return (StreamID(ms: ms, seq: seq), false)
    }
}
