import Glibc

/// Builds one listpack (layout in `Listpack`) element by element straight into a byte array, with no array per
/// element: the RDB writer reuses one builder's storage for every listpack of a file.
public struct ListpackBuilder {
    /// The listpack so far; complete after `finish()`.
    public private(set) var bytes: [UInt8]
    /// Elements appended.
    public private(set) var count = 0

    /// An empty listpack written into `storage`'s memory (its contents are discarded, its capacity kept).
    public init(reusing storage: [UInt8] = []) {
        bytes = storage
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: repeatElement(0, count: Listpack.headerSize))
    }

    /// Appends an element the way Redis stores a string: as an integer when it reads as a canonical one.
    public mutating func append(element: UnsafeRawBufferPointer) {
        if let n = PackedEntry.canonicalInteger(element) {
            append(integer: n)
        } else {
            append(string: element)
        }
    }

    /// Appends a string element as it is (no integer conversion).
    public mutating func append(string: UnsafeRawBufferPointer) {
        let start = bytes.count
        let n = string.count
        if n < 64 {
            bytes.append(0x80 | UInt8(n))
        } else if n < 4096 {
            bytes.append(0xE0 | UInt8(n >> 8))
            bytes.append(UInt8(n & 0xFF))
        } else {
            bytes.append(0xF0)
            bytes.appendLittleEndian(UInt64(n), width: 4)
        }
        if n > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: string.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)) }
        appendBacklen(bytes.count - start)
    }

    /// Appends an integer element in the smallest integer encoding that holds it.
    public mutating func append(integer v: Int64) {
        let start = bytes.count
        switch v {
        case 0...127: bytes.append(UInt8(v))
        case -4096...4095:
            let u = UInt64(bitPattern: v) & 0x1FFF
            bytes.append(0xC0 | UInt8(u >> 8))
            bytes.append(UInt8(u & 0xFF))
        case -32768...32767:
            bytes.append(0xF1)
            bytes.appendLittleEndian(UInt64(bitPattern: v), width: 2)
        case -8_388_608...8_388_607:
            bytes.append(0xF2)
            bytes.appendLittleEndian(UInt64(bitPattern: v), width: 3)
        case Int64(Int32.min)...Int64(Int32.max):
            bytes.append(0xF3)
            bytes.appendLittleEndian(UInt64(bitPattern: v), width: 4)
        default:
            bytes.append(0xF4)
            bytes.appendLittleEndian(UInt64(bitPattern: v), width: 8)
        }
        appendBacklen(bytes.count - start)
    }

    /// Appends a sorted-set score as Redis's d2string writes it into a listpack: integral values in
    /// (-(2^52-1), 2^52) as integers, "-0", "inf", "-inf", "nan", anything else as %.17g text — which is then
    /// stored as an integer when it is one (2^52 and beyond, up to the int64 range).
    public mutating func append(score d: Double) {
        if d.isNaN { return Self.withText("nan") { append(string: $0) } }
        if d.isInfinite { return Self.withText(d < 0 ? "-inf" : "inf") { append(string: $0) } }
        if d == 0 {
            if d.sign == .minus { return Self.withText("-0") { append(string: $0) } }
            return append(integer: 0)
        }
        if d > -4_503_599_627_370_495, d < 4_503_599_627_370_496, d == d.rounded(.towardZero) {
            return append(integer: Int64(d))
        }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { text in
            let n = Int(withVaList([d]) { vsnprintf(text.baseAddress!, 32, "%.17g", $0) })
            append(element: UnsafeRawBufferPointer(start: text.baseAddress!, count: min(n, 31)))
        }
    }

    /// Appends an element already classified as integer or string.
    public mutating func append(_ entry: PackedEntry) {
        switch entry {
        case .int(let v): append(integer: v)
        case .bytes(let b): b.withUnsafeBytes { append(string: $0) }
        }
    }

    /// Closes the listpack: end byte, total size and element count (65535 when it does not fit in 16 bits).
    public mutating func finish() {
        bytes.append(Listpack.end)
        let total = UInt32(truncatingIfNeeded: bytes.count)
        let stored = UInt16(min(count, 65535))
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: total.littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: stored.littleEndian, toByteOffset: 4, as: UInt16.self)
        }
    }

    /// The element's `backlen` (see `Listpack`), and one more element counted.
    private mutating func appendBacklen(_ size: Int) {
        let width = Listpack.backlenWidth(size)
        for k in 0..<width {
            let group = UInt8((size >> (7 * (width - 1 - k))) & 0x7F)
            bytes.append(k == 0 ? group : group | 0x80)
        }
        count += 1
    }

    private static func withText<R>(_ text: StaticString, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
