/// Writes RDB primitives into a growing buffer. A streaming writer drains the buffer as it goes (`drain()`); the
/// running CRC-64 covers every drained byte, so `finish()` can append the trailer without re-reading anything.
public struct RDBEncoder {
    /// Compress strings longer than 20 bytes with LZF when that saves at least 4 bytes (`rdbcompression`).
    public var compression: Bool
    /// Append the CRC-64 at EOF (`rdbchecksum`); when off, eight zero bytes stand in, as Redis writes.
    public var checksum: Bool
    public internal(set) var buffer: [UInt8] = []
    private var crc = CRC64()
    /// Strings compressed so far; from the `LZFScratch.reuseAfter`-th on, `lzf` saves per-string allocations.
    private var compressions = 0
    private var lzf: LZFScratch?
    /// Storage of the last listpack built, reused for the next (taken while a listpack is being built).
    var listpackStorage: [UInt8] = []
    /// Bytes drained so far.
    public private(set) var drainedCount = 0

    public init(compression: Bool = true, checksum: Bool = true) {
        self.compression = compression
        self.checksum = checksum
        buffer.reserveCapacity(64 * 1024)
    }

    /// Bytes written so far, drained or not.
    public var offset: Int { drainedCount + buffer.count }

    /// Hands out the buffered bytes (for writing to a file) and empties the buffer.
    public mutating func drain() -> [UInt8] {
        if checksum { crc.update(buffer) }
        drainedCount += buffer.count
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// Writes the buffered bytes to `file` and empties the buffer, keeping its memory for what comes next.
    mutating func drain(to file: AtomicFile) throws(FileError) {
        if checksum { crc.update(buffer) }
        try file.write(buffer)
        drainedCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Records

    public mutating func writeHeader(version: Int = RDBFormat.writeVersion) {
        buffer += RDBFormat.magic
        let digits = String(version)
        buffer += Array((String(repeating: "0", count: max(0, 4 - digits.count)) + digits).utf8)
    }

    public mutating func writeAux(_ key: String, _ value: [UInt8]) {
        buffer.append(RDBOpcode.aux.rawValue)
        writeString(Array(key.utf8))
        writeString(value)
    }

    public mutating func writeAux(_ key: String, _ value: String) { writeAux(key, Array(value.utf8)) }

    public mutating func writeSelectDB(_ index: Int) {
        buffer.append(RDBOpcode.selectDB.rawValue)
        writeLength(UInt64(index))
    }

    public mutating func writeResizeDB(keys: Int, expires: Int) {
        buffer.append(RDBOpcode.resizeDB.rawValue)
        writeLength(UInt64(keys))
        writeLength(UInt64(expires))
    }

    /// Absolute expiry of the next key, Unix milliseconds, little-endian.
    public mutating func writeExpireMillis(_ millis: Int64) {
        buffer.append(RDBOpcode.expireTimeMillis.rawValue)
        buffer.appendLittleEndian(UInt64(bitPattern: millis), width: 8)
    }

    /// Seconds since the next key was last used (LRU policies).
    public mutating func writeIdle(seconds: UInt64) {
        buffer.append(RDBOpcode.idle.rawValue)
        writeLength(seconds)
    }

    /// The next key's LFU counter (LFU policies).
    public mutating func writeFrequency(_ counter: UInt8) {
        buffer.append(RDBOpcode.freq.rawValue)
        buffer.append(counter)
    }

    public mutating func writeType(_ type: RDBValueType) { buffer.append(type.rawValue) }

    /// EOF opcode and the 8-byte checksum trailer. Drain afterwards to get the last bytes.
    public mutating func finish() {
        buffer.append(RDBOpcode.eof.rawValue)
        var sum = crc
        if checksum { sum.update(buffer) }
        buffer.appendLittleEndian(checksum ? sum.value : 0, width: 8)
    }

    // MARK: Primitives

    /// Length prefix: 6-bit (`00`), 14-bit big-endian (`01`), or 0x80 + 32-bit / 0x81 + 64-bit big-endian.
    public mutating func writeLength(_ n: UInt64) {
        if n < 1 << 6 {
            buffer.append(UInt8(n))
        } else if n < 1 << 14 {
            buffer.append(0x40 | UInt8(n >> 8))
            buffer.append(UInt8(n & 0xFF))
        } else if n <= UInt64(UInt32.max) {
            buffer.append(0x80)
            for k in (0..<4).reversed() { buffer.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
        } else {
            buffer.append(0x81)
            for k in (0..<8).reversed() { buffer.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
        }
    }

    /// A string the way Redis saves one: short canonical integers in 32 bits or less as int8/16/32 encodings,
    /// long strings LZF-compressed when that pays, anything else length-prefixed.
    public mutating func writeString(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeString($0) }
    }

    /// `writeString` of bytes in raw memory (valid for the call).
    public mutating func writeString(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count <= 11, let n = PackedEntry.canonicalInteger(bytes), writeIntegerEncoded(n) { return }
        if compression, bytes.count > 20, writeCompressed(bytes) { return }
        writeLength(UInt64(bytes.count))
        appendRaw(bytes)
    }

    /// The LZF form of `bytes` when compression saves at least 4 bytes (else false and nothing written): a
    /// writer that has compressed a few strings keeps liblzf's table and an output buffer for the rest.
    private mutating func writeCompressed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let limit = bytes.count - 4
        compressions += 1
        if compressions < LZFScratch.reuseAfter {
            guard let packed = LZF.compress(bytes, limit: limit) else { return false }
            writeCompressedHeader(packed: packed.count, original: bytes.count)
            buffer += packed
            return true
        }
        if !isKnownUniquelyReferenced(&lzf) { lzf = LZFScratch() }
        guard let n = lzf!.compress(bytes, limit: limit) else { return false }
        writeCompressedHeader(packed: n, original: bytes.count)
        buffer.append(contentsOf: UnsafeBufferPointer(start: lzf!.output, count: n))
        return true
    }

    private mutating func writeCompressedHeader(packed: Int, original: Int) {
        buffer.append(0xC0 | RDBStringEncoding.lzf.rawValue)
        writeLength(UInt64(packed))
        writeLength(UInt64(original))
    }

    /// A listpack built by `fill`, written as a string (so compressed when that pays), in memory reused from
    /// one listpack to the next.
    public mutating func writeListpack(_ fill: (inout ListpackBuilder) -> Void) {
        var builder = ListpackBuilder(reusing: listpackStorage)
        listpackStorage = []
        fill(&builder)
        builder.finish()
        builder.bytes.withUnsafeBytes { writeString($0) }
        keepListpackStorage(builder.bytes)
    }

    /// Keeps `storage` for the next listpack, unless it grew past 1 MiB for one huge value.
    mutating func keepListpackStorage(_ storage: [UInt8]) {
        if storage.capacity <= 1 << 20 { listpackStorage = storage }
    }

    private mutating func appendRaw(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }

    /// An integer as a string (int8/16/32 encoding when it fits, decimal text otherwise).
    public mutating func writeString(integer n: Int64) {
        if !writeIntegerEncoded(n) { writeString(PackedEntry.decimal(n)) }
    }

    private mutating func writeIntegerEncoded(_ n: Int64) -> Bool {
        switch n {
        case -128...127:
            buffer.append(0xC0 | RDBStringEncoding.int8.rawValue)
            buffer.appendLittleEndian(UInt64(bitPattern: n), width: 1)
        case -32768...32767:
            buffer.append(0xC0 | RDBStringEncoding.int16.rawValue)
            buffer.appendLittleEndian(UInt64(bitPattern: n), width: 2)
        case Int64(Int32.min)...Int64(Int32.max):
            buffer.append(0xC0 | RDBStringEncoding.int32.rawValue)
            buffer.appendLittleEndian(UInt64(bitPattern: n), width: 4)
        default:
            return false
        }
        return true
    }

    /// A double as 8 little-endian IEEE bytes (sorted-set scores since RDB type ZSET_2).
    public mutating func writeBinaryDouble(_ d: Double) {
        buffer.appendLittleEndian(d.bitPattern, width: 8)
    }

    /// Raw bytes (e.g. the 16-byte stream IDs written as big-endian pairs inside strings).
    public mutating func writeRaw(_ bytes: [UInt8]) { buffer += bytes }

    public mutating func writeByte(_ byte: UInt8) { buffer.append(byte) }
}
