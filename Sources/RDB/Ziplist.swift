/// Ziplist, the packed encoding of Redis before 7.0 (hashes, sorted sets and lists up to RDB 9, quicklist v1
/// nodes). Read only: Strata writes listpacks.
///
/// Layout: total bytes (u32 LE), offset of the last entry (u32 LE), entry count (u16 LE; 65535 = count them),
/// entries, end byte 0xFF. Each entry is `<prevlen><encoding><data>`: prevlen is 1 byte, or 0xFE and a u32 LE when
/// the previous entry is 254 bytes or longer. Encodings:
/// - `00pppppp` 6-bit string length; `01pppppp qqqqqqqq` 14-bit big-endian length; `10000000` + u32 BE length;
/// - `11000000` int16, `11010000` int32, `11100000` int64, `11110000` int24, `11111110` int8 (all LE);
/// - `1111xxxx` with xxxx in 0001...1101: the integer xxxx - 1 (0...12) with no data.
public enum Ziplist {
    public static func decode(_ blob: [UInt8]) throws(PackedFormatError) -> [PackedEntry] {
        try blob.withBytes { raw throws(PackedFormatError) in
            var c = PackedCursor(raw, format: "ziplist")
            let total = try c.unsigned(4)
            guard total == UInt64(raw.count) else { throw c.fail("header says \(total) bytes, blob has \(raw.count)", at: 0) }
            let tail = Int(try c.unsigned(4))
            let declared = Int(try c.unsigned(2))
            var entries: [PackedEntry] = []
            var previousSize = 0
            var lastStart = 10
            while true {
                let start = c.position
                let first = try c.byte()
                if first == 0xFF { break }
                lastStart = start
                let prevlen = first == 0xFE ? Int(try c.unsigned(4)) : Int(first)
                guard prevlen == previousSize else { throw c.fail("previous-entry length \(prevlen) should be \(previousSize)", at: start) }
                let encoding = try c.byte()
                let entry: PackedEntry
                switch encoding >> 6 {
                case 0: entry = .bytes(try c.take(Int(encoding & 0x3F)))
                case 1: entry = .bytes(try c.take(Int(encoding & 0x3F) << 8 | Int(try c.byte())))
                case 2:
                    guard encoding == 0x80 else { throw c.fail("unknown string encoding \(encoding)", at: c.position - 1) }
                    let b = try c.take(4)
                    entry = .bytes(try c.take(Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])))
                default:
                    switch encoding {
                    case 0xC0: entry = .int(try c.signed(2))
                    case 0xD0: entry = .int(try c.signed(4))
                    case 0xE0: entry = .int(try c.signed(8))
                    case 0xF0: entry = .int(try c.signed(3))
                    case 0xFE: entry = .int(try c.signed(1))
                    case 0xF1...0xFD: entry = .int(Int64(encoding & 0x0F) - 1)
                    default: throw c.fail("unknown integer encoding \(encoding)", at: c.position - 1)
                    }
                }
                previousSize = c.position - start
                entries.append(entry)
            }
            guard c.remaining == 0 else { throw c.fail("bytes after the end marker") }
            guard entries.isEmpty || tail == lastStart else { throw PackedFormatError("ziplist", offset: 4, "tail offset \(tail) should be \(lastStart)") }
            guard declared == 65535 || declared == entries.count else {
                throw PackedFormatError("ziplist", offset: 8, "header says \(declared) entries, found \(entries.count)")
            }
            return entries
        }
    }
}
