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
        var entries: [PackedEntry] = []
        try blob.withBytes { raw throws(PackedFormatError) in
            try forEach(raw) { element in
                switch element {
                case .int(let n): entries.append(.int(n))
                case .bytes(let b): entries.append(.bytes(Array(b)))
                }
            }
        }
        return entries
    }

    /// Checks the whole blob (sizes, element trailers, end marker, count) and calls `body` with each element, its
    /// bytes borrowed from the blob.
    public static func forEach(_ blob: UnsafeRawBufferPointer, _ body: (RDBElement) -> Void) throws(PackedFormatError) {
        var c = PackedCursor(blob, format: "listpack")
        let total = try c.unsigned(4)
        guard total == UInt64(blob.count) else { throw c.fail("header says \(total) bytes, blob has \(blob.count)", at: 0) }
        let declared = Int(try c.unsigned(2))
        var found = 0
        while true {
            let start = c.position
            let first = try c.byte()
            if first == end { break }
            let element: RDBElement
            switch first {
            case 0x00...0x7F: element = .int(Int64(first))
            case 0x80...0xBF: element = .bytes(try c.slice(Int(first & 0x3F)))
            case 0xC0...0xDF:
                let raw = (Int64(first & 0x1F) << 8) | Int64(try c.byte())
                element = .int(raw >= 1 << 12 ? raw - (1 << 13) : raw)
            case 0xE0...0xEF:
                let length = (Int(first & 0x0F) << 8) | Int(try c.byte())
                element = .bytes(try c.slice(length))
            case 0xF0: element = .bytes(try c.slice(Int(try c.unsigned(4))))
            case 0xF1: element = .int(try c.signed(2))
            case 0xF2: element = .int(try c.signed(3))
            case 0xF3: element = .int(try c.signed(4))
            case 0xF4: element = .int(try c.signed(8))
            default: throw c.fail("unknown encoding byte \(first)", at: start)
            }
            let size = c.position - start
            guard Listpack.backlenMatches(try c.slice(backlenWidth(size)), size: size) else {
                throw c.fail("element length trailer does not match", at: start)
            }
            body(element)
            found += 1
        }
        guard c.remaining == 0 else { throw c.fail("bytes after the end marker") }
        guard declared == 65535 || declared == found else {
            throw PackedFormatError("listpack", offset: 4, "header says \(declared) elements, found \(found)")
        }
    }

    /// The number of elements the header of a listpack blob declares, or 0 when it does not say (65535: count
    /// them; a blob too short to have a header). A hint for reserving room; `forEach` checks it.
    public static func declaredCount(_ blob: UnsafeRawBufferPointer) -> Int {
        guard blob.count >= headerSize else { return 0 }
        let declared = Int(blob[4]) | Int(blob[5]) << 8
        return declared == 65535 ? 0 : declared
    }

    /// A listpack holding `elements`, each stored as an integer when it reads as one (as Redis does).
    public static func encode(_ elements: [[UInt8]]) -> [UInt8] {
        var builder = ListpackBuilder()
        for e in elements { e.withUnsafeBytes { builder.append(element: $0) } }
        builder.finish()
        return builder.bytes
    }

    public static func encode(entries: [PackedEntry]) -> [UInt8] {
        var builder = ListpackBuilder()
        for e in entries { builder.append(e) }
        builder.finish()
        return builder.bytes
    }

    static func backlenWidth(_ size: Int) -> Int {
        size <= 127 ? 1 : size < 16383 ? 2 : size < 2_097_151 ? 3 : size < 268_435_455 ? 4 : 5
    }

    /// Whether `backlen` (the bytes after an element) encodes `size` in the layout above.
    static func backlenMatches(_ backlen: UnsafeRawBufferPointer, size: Int) -> Bool {
        let width = backlen.count
        for (k, byte) in zip(0..., backlen) {
            let group = UInt8((size >> (7 * (width - 1 - k))) & 0x7F)
            guard byte == (k == 0 ? group : group | 0x80) else { return false }
        }
        return true
    }
}
