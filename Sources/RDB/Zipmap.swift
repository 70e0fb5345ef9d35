/// Zipmap, the hash encoding of Redis before 2.6 (RDB type 9). Read only.
///
/// Layout: a count byte (254 or more = unknown), then pairs `<len>key<len><free>value<free bytes>`, then 0xFF.
/// A length is one byte below 254, or 254 followed by a u32 LE; `free` is the number of unused bytes after the
/// value.
public enum Zipmap {
    public static func decode(_ blob: [UInt8]) throws(PackedFormatError) -> [(field: [UInt8], value: [UInt8])] {
        try blob.withBytes { raw throws(PackedFormatError) in
            var c = PackedCursor(raw, format: "zipmap")
            _ = try c.byte()
            var pairs: [(field: [UInt8], value: [UInt8])] = []
            while true {
                guard let fieldLength = try length(&c) else { break }
                let field = try c.take(fieldLength)
                guard let valueLength = try length(&c) else { throw c.fail("end marker inside a pair") }
                let free = Int(try c.byte())
                let value = try c.take(valueLength)
                _ = try c.take(free)
                pairs.append((field, value))
            }
            guard c.remaining == 0 else { throw c.fail("bytes after the end marker") }
            return pairs
        }
    }

    /// A length prefix, or nil at the end marker.
    private static func length(_ c: inout PackedCursor) throws(PackedFormatError) -> Int? {
        let first = try c.byte()
        switch first {
        case 0xFF: return nil
        case 0xFE: return Int(try c.unsigned(4))
        default: return Int(first)
        }
    }
}
