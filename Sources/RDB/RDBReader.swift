/// Buffered reading of RDB primitives with the input offset always known (errors name it) and a running CRC-64.
/// Nothing is allocated from a length header alone: long strings grow as their bytes actually arrive.
public struct RDBReader {
    private var input: any RDBInput
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// Input offset of `buffer[0]`.
    private var bufferOffset = 0
    private var crc = CRC64()
    /// Bytes before `crcStart` of the buffer are already in `crc`.
    private var crcStart = 0
    /// Largest string the reader accepts (a corrupt length must not ask for terabytes).
    public var maxStringLength = 1 << 34

    public init(_ input: any RDBInput, bufferSize: Int = 256 * 1024) {
        self.input = input
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    /// Offset of the next byte to be read.
    public var offset: Int { bufferOffset + start }

    /// The CRC-64 of every byte consumed so far.
    public mutating func checksum() -> UInt64 {
        crc.update(buffer[crcStart..<start])
        crcStart = start
        return crc.value
    }

    public func error(_ message: String, at offset: Int? = nil) -> RDBError {
        RDBError(offset: offset ?? self.offset, message)
    }

    /// Makes at least `n` (≤ buffer size) bytes available; false at the end of the input.
    @inline(__always)
    private mutating func fill(_ n: Int) throws(RDBError) -> Bool {
        end - start >= n ? true : try refill(n)
    }

    /// `fill` when the buffer holds fewer than `n` bytes: moves what is left to the front and reads more.
    @inline(never)
    private mutating func refill(_ n: Int) throws(RDBError) -> Bool {
        crc.update(buffer[crcStart..<start])
        let kept = end - start
        if start > 0 {
            buffer.withUnsafeMutableBytes { b in
                b.baseAddress!.copyMemory(from: b.baseAddress! + start, byteCount: kept)
            }
            bufferOffset += start
            start = 0
            end = kept
        }
        crcStart = 0
        while end < n {
            let got: Int
            do {
                got = try buffer.withUnsafeMutableBytes { b in
                    try input.read(into: UnsafeMutableRawBufferPointer(rebasing: b[end...]))
                }
            } catch let e as RDBError {
                throw RDBError(offset: offset, e.message)
            } catch {
                throw self.error("read failed: \(error)")
            }
            if got == 0 { return false }
            end += got
        }
        return true
    }

    public mutating func byte() throws(RDBError) -> UInt8 {
        guard try fill(1) else { throw error("unexpected end of file") }
        defer { start += 1 }
        return buffer[start]
    }

    /// True when no byte is left.
    public mutating func atEnd() throws(RDBError) -> Bool { try !fill(1) }

    /// Exactly `count` bytes.
    public mutating func bytes(_ count: Int) throws(RDBError) -> [UInt8] {
        guard count >= 0, count <= maxStringLength else { throw error("string length \(count) is not plausible") }
        if count <= end - start {
            defer { start += count }
            return Array(buffer[start..<(start + count)])
        }
        var out: [UInt8] = []
        out.reserveCapacity(min(count, buffer.count))
        var left = count
        while left > 0 {
            guard try fill(1) else { throw error("unexpected end of file inside a \(count)-byte string") }
            let n = min(left, end - start)
            out.append(contentsOf: buffer[start..<(start + n)])
            start += n
            left -= n
        }
        return out
    }

    public mutating func littleEndian(_ width: Int) throws(RDBError) -> UInt64 {
        guard try fill(width) else { throw error("unexpected end of file") }
        var v: UInt64 = 0
        for k in 0..<width { v |= UInt64(buffer[start + k]) << (8 * UInt64(k)) }
        start += width
        return v
    }

    public mutating func bigEndian(_ width: Int) throws(RDBError) -> UInt64 {
        guard try fill(width) else { throw error("unexpected end of file") }
        var v: UInt64 = 0
        for k in 0..<width { v = v << 8 | UInt64(buffer[start + k]) }
        start += width
        return v
    }

    /// A length, or the special string encoding that a `11xxxxxx` prefix announces.
    public enum Length {
        case length(UInt64)
        case encoded(UInt8)
    }

    /// A length prefix: 6-bit, 14-bit big-endian, or 0x80 + 32-bit / 0x81 + 64-bit big-endian; `11` prefixes a
    /// special string encoding.
    public mutating func lengthOrEncoding() throws(RDBError) -> Length {
        let at = offset
        let first = try byte()
        switch first >> 6 {
        case 0: return .length(UInt64(first & 0x3F))
        case 1: return .length(UInt64(first & 0x3F) << 8 | UInt64(try byte()))
        case 2:
            if first == 0x80 { return .length(try bigEndian(4)) }
            if first == 0x81 { return .length(try bigEndian(8)) }
            throw error("unknown length prefix \(first)", at: at)
        default: return .encoded(first & 0x3F)
        }
    }

    public mutating func length() throws(RDBError) -> UInt64 {
        let at = offset
        guard case .length(let n) = try lengthOrEncoding() else { throw error("expected a length, found a string encoding", at: at) }
        return n
    }

    /// A length that must also be a plausible count of items or bytes.
    public mutating func count() throws(RDBError) -> Int {
        let at = offset
        let n = try length()
        guard n <= UInt64(maxStringLength) else { throw error("count \(n) is not plausible", at: at) }
        return Int(n)
    }

    /// A string in any of its encodings (plain, int8/16/32, LZF).
    public mutating func string() throws(RDBError) -> [UInt8] {
        let at = offset
        return try string(after: try lengthOrEncoding(), at: at)
    }

    /// The rest of a string whose length prefix or encoding, read at `at`, was `prefix`.
    private mutating func string(after prefix: Length, at: Int) throws(RDBError) -> [UInt8] {
        switch prefix {
        case .length(let n):
            guard n <= UInt64(maxStringLength) else { throw error("string length \(n) is not plausible", at: at) }
            return try bytes(Int(n))
        case .encoded(let e):
            switch RDBStringEncoding(rawValue: e) {
            case .int8: return PackedEntry.decimal(Int64(Int8(truncatingIfNeeded: try littleEndian(1))))
            case .int16: return PackedEntry.decimal(Int64(Int16(truncatingIfNeeded: try littleEndian(2))))
            case .int32: return PackedEntry.decimal(Int64(Int32(truncatingIfNeeded: try littleEndian(4))))
            case .lzf:
                let packedLength = try count()
                let length = try count()
                let decoded: Result<[UInt8], LZF.DecompressError>
                if packedLength <= buffer.count, try fill(packedLength) {
                    decoded = buffer.withUnsafeBytes { b in
                        Result { () throws(LZF.DecompressError) in
                            try LZF.decompress(UnsafeRawBufferPointer(rebasing: b[start..<(start + packedLength)]), length: length)
                        }
                    }
                    start += packedLength
                } else {
                    let packed = try bytes(packedLength)
                    decoded = Result { () throws(LZF.DecompressError) in try LZF.decompress(packed, length: length) }
                }
                switch decoded {
                case .success(let bytes): return bytes
                case .failure(let error): throw self.error("corrupt LZF string (\(error))", at: at)
                }
            case nil:
                throw error("unknown string encoding \(e)", at: at)
            }
        }
    }

    /// Reads a string in any of its encodings and calls `body` with its bytes, borrowed from the read buffer when
    /// the string is stored plainly and fits in it (no copy), else from a decoded array. The bytes are valid only
    /// during the call.
    public mutating func withString<R>(_ body: (UnsafeRawBufferPointer) throws(RDBError) -> R) throws(RDBError) -> R {
        let at = offset
        let prefix = try lengthOrEncoding()
        guard case .length(let n) = prefix, n <= UInt64(buffer.count) else {
            return try string(after: prefix, at: at).withBytes(body)
        }
        let count = Int(n)
        guard try fill(count) else { throw error("unexpected end of file inside a \(count)-byte string") }
        let from = start
        start += count
        return try buffer.withBytes { raw throws(RDBError) in
            try body(UnsafeRawBufferPointer(rebasing: raw[from..<(from + count)]))
        }
    }

    /// A double as 8 little-endian IEEE bytes (ZSET_2 scores).
    public mutating func binaryDouble() throws(RDBError) -> Double {
        Double(bitPattern: try littleEndian(8))
    }

    /// A double in the old text form (ZSET type 3): a length byte, 253 = NaN, 254 = +inf, 255 = -inf, else that
    /// many ASCII characters.
    public mutating func textDouble() throws(RDBError) -> Double {
        let at = offset
        let n = try byte()
        switch n {
        case 253: return .nan
        case 254: return .infinity
        case 255: return -.infinity
        default:
            let text = String(decoding: try bytes(Int(n)), as: UTF8.self)
            guard let d = Double(text) else { throw error("invalid double '\(text)'", at: at) }
            return d
        }
    }
}
