/// Listpack, the packed encoding of Redis 7 for small hashes, sorted sets, sets (RDB 11+), list nodes (quicklist
/// 2) and stream nodes.
///
/// Layout: total bytes (u32 LE), element count (u16 LE; 65535 = count it), the elements, end byte 0xFF.
/// Each element is `<encoding><data><backlen>`:
/// - `0xxxxxxx` 7-bit unsigned int; `110xxxxx` + 1 byte: 13-bit signed int; `11110001/2/3/4` + 2/3/4/8 bytes LE:
///   16/24/32/64-bit signed int;
/// - `10xxxxxx` 6-bit string length; `1110xxxx` + 1 byte: 12-bit length; `11110000` + 4 bytes LE: 32-bit length;
///   then the string.
/// `backlen` is the size of encoding+data written so it can be read backwards: 7 bits per byte, most significant
/// group first, every byte but the first carrying the 0x80 continuation bit.
public enum Listpack {
    public static let headerSize = 6
    static let end: UInt8 = 0xFF

    /// The elements of a listpack blob.
    public static func decode(_ blob: [UInt8]) throws(PackedFormatError) -> [PackedEntry] {
        var c = PackedCursor(blob, format: "listpack")
        let total = try c.unsigned(4)
        guard total == UInt64(blob.count) else { throw c.fail("header says \(total) bytes, blob has \(blob.count)", at: 0) }
        let declared = Int(try c.unsigned(2))
        var entries: [PackedEntry] = []
        while true {
            let start = c.position
            let first = try c.byte()
            if first == end { break }
            let entry: PackedEntry
            switch first {
            case 0x00...0x7F: entry = .int(Int64(first))
            case 0x80...0xBF: entry = .bytes(try c.take(Int(first & 0x3F)))
            case 0xC0...0xDF:
                let raw = (Int64(first & 0x1F) << 8) | Int64(try c.byte())
                entry = .int(raw >= 1 << 12 ? raw - (1 << 13) : raw)
            case 0xE0...0xEF:
                let length = (Int(first & 0x0F) << 8) | Int(try c.byte())
                entry = .bytes(try c.take(length))
            case 0xF0: entry = .bytes(try c.take(Int(try c.unsigned(4))))
            case 0xF1: entry = .int(try c.signed(2))
            case 0xF2: entry = .int(try c.signed(3))
            case 0xF3: entry = .int(try c.signed(4))
            case 0xF4: entry = .int(try c.signed(8))
            default: throw c.fail("unknown encoding byte \(first)", at: start)
            }
            let size = c.position - start
            let backlen = try c.take(backlenWidth(size))
            guard backlen == encodeBacklen(size) else { throw c.fail("element length trailer does not match", at: start) }
            entries.append(entry)
        }
        guard c.remaining == 0 else { throw c.fail("bytes after the end marker") }
        guard declared == 65535 || declared == entries.count else {
            throw PackedFormatError("listpack", offset: 4, "header says \(declared) elements, found \(entries.count)")
        }
        return entries
    }

    /// A listpack holding `elements`, each stored as an integer when it reads as one (as Redis does).
    public static func encode(_ elements: [[UInt8]]) -> [UInt8] {
        encode(entries: elements.map { e in PackedEntry.canonicalInteger(e).map(PackedEntry.int) ?? .bytes(e) })
    }

    public static func encode(entries: [PackedEntry]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: headerSize)
        for entry in entries {
            let start = out.count
            switch entry {
            case .int(let v): appendInteger(v, to: &out)
            case .bytes(let b):
                if b.count < 64 {
                    out.append(0x80 | UInt8(b.count))
                } else if b.count < 4096 {
                    out.append(0xE0 | UInt8(b.count >> 8))
                    out.append(UInt8(b.count & 0xFF))
                } else {
                    out.append(0xF0)
                    out.appendLittleEndian(UInt64(b.count), width: 4)
                }
                out.append(contentsOf: b)
            }
            out.append(contentsOf: encodeBacklen(out.count - start))
        }
        out.append(end)
        let total = UInt64(out.count)
        for k in 0..<4 { out[k] = UInt8(truncatingIfNeeded: total >> (8 * UInt64(k))) }
        let count = UInt64(min(entries.count, 65535))
        out[4] = UInt8(count & 0xFF)
        out[5] = UInt8(count >> 8)
        return out
    }

    private static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        switch v {
        case 0...127: out.append(UInt8(v))
        case -4096...4095:
            let u = UInt64(bitPattern: v) & 0x1FFF
            out.append(0xC0 | UInt8(u >> 8))
            out.append(UInt8(u & 0xFF))
        case -32768...32767:
            out.append(0xF1)
            out.appendLittleEndian(UInt64(bitPattern: v), width: 2)
        case -8_388_608...8_388_607:
            out.append(0xF2)
            out.appendLittleEndian(UInt64(bitPattern: v), width: 3)
        case Int64(Int32.min)...Int64(Int32.max):
            out.append(0xF3)
            out.appendLittleEndian(UInt64(bitPattern: v), width: 4)
        default:
            out.append(0xF4)
            out.appendLittleEndian(UInt64(bitPattern: v), width: 8)
        }
    }

    static func backlenWidth(_ size: Int) -> Int {
        size <= 127 ? 1 : size < 16383 ? 2 : size < 2_097_151 ? 3 : size < 268_435_455 ? 4 : 5
    }

    static func encodeBacklen(_ size: Int) -> [UInt8] {
        let width = backlenWidth(size)
        var bytes = [UInt8](repeating: 0, count: width)
        for k in 0..<width {
            let group = UInt8((size >> (7 * (width - 1 - k))) & 0x7F)
            bytes[k] = k == 0 ? group : group | 0x80
        }
        return bytes
    }
}
