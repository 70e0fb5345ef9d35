/// Intset, the encoding of small all-integer sets: element width (u32 LE: 2, 4 or 8), count (u32 LE), then the
/// elements sorted ascending, little-endian, all of that width (the smallest that fits every element).
public enum Intset {
    public static func decode(_ blob: [UInt8]) throws(PackedFormatError) -> [Int64] {
        try blob.withBytes { raw throws(PackedFormatError) in
            var c = PackedCursor(raw, format: "intset")
            let width = Int(try c.unsigned(4))
            guard width == 2 || width == 4 || width == 8 else { throw c.fail("element width \(width)", at: 0) }
            let count = Int(try c.unsigned(4))
            guard c.remaining == count * width else { throw c.fail("\(count) elements of \(width) bytes need \(count * width) bytes, \(c.remaining) left") }
            var values: [Int64] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let v = try c.signed(width)
                if let last = values.last, v <= last { throw c.fail("elements not strictly ascending", at: c.position - width) }
                values.append(v)
            }
            return values
        }
    }

    /// The intset of `values` (sorted and deduplicated here).
    public static func encode(_ values: [Int64]) -> [UInt8] {
        encode(sortedDistinct: Array(Set(values)).sorted())
    }

    /// The intset of `sorted`, which must be ascending without repeats.
    public static func encode(sortedDistinct sorted: [Int64]) -> [UInt8] {
        let width: Int
        if sorted.allSatisfy({ Int64(Int16.min)...Int64(Int16.max) ~= $0 }) {
            width = 2
        } else if sorted.allSatisfy({ Int64(Int32.min)...Int64(Int32.max) ~= $0 }) {
            width = 4
        } else {
            width = 8
        }
        var out: [UInt8] = []
        out.reserveCapacity(8 + sorted.count * width)
        out.appendLittleEndian(UInt64(width), width: 4)
        out.appendLittleEndian(UInt64(sorted.count), width: 4)
        for v in sorted { out.appendLittleEndian(UInt64(bitPattern: v), width: width) }
        return out
    }
}
