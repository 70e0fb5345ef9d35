import NIOCore

/// Reply writing, the other half of the hot path. Each method writes one complete RESP frame (or
/// an aggregate header, to be followed by its elements). Where RESP3 has a type RESP2 lacks, the
/// method takes the connection's `RESPVersion` and writes the RESP2 stand-in Redis uses.
extension ByteBuffer {
    /// `+<text>\r\n` for the server's own literals ("OK", "PONG"): written in one step, without the CR/LF
    /// scan the other variants do.
    @inlinable
    public mutating func writeSimpleString(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        writeReplyBytes(reserving: count + 3) { out in
            out[0] = UInt8(ascii: "+")
            out.baseAddress!.advanced(by: 1).copyMemory(from: text.utf8Start, byteCount: count)
            out[count + 1] = UInt8(ascii: "\r")
            out[count + 2] = UInt8(ascii: "\n")
            return count + 3
        }
    }

    /// `+<text>\r\n`, CR and LF written as spaces.
    /// Disfavoured so that literals take the `StaticString` path, which skips the CR/LF scan.
    @inlinable @_disfavoredOverload
    public mutating func writeSimpleString(_ text: String) {
        writeSimpleString(text.utf8)
    }

    /// `+<bytes>\r\n`, CR and LF written as spaces.
    @inlinable
    public mutating func writeSimpleString(_ bytes: some Collection<UInt8>) {
        writeRESPLine(marker: UInt8(ascii: "+"), bytes)
    }

    /// `-<message>\r\n`. The message carries its own code (`ERR ...`, `WRONGTYPE ...`); CR and LF
    /// in it are written as spaces.
    @inlinable
    public mutating func writeErrorReply(_ message: String) {
        writeRESPLine(marker: UInt8(ascii: "-"), message.utf8)
    }

    /// `:<n>\r\n`.
    @inlinable
    public mutating func writeIntegerReply(_ value: Int) {
        writeRESPHeader(marker: UInt8(ascii: ":"), value)
    }

    /// `$<length>\r\n<bytes>\r\n`; as one write when the bytes are contiguous (array slices, native strings).
    @inlinable
    public mutating func writeBulkReply(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { writeBulkReply(UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        writeRESPHeader(marker: UInt8(ascii: "$"), bytes.count)
        writeBytes(bytes)
        writeRESPLineEnd()
    }

    /// `$<length>\r\n<bytes>\r\n` from an array, as one write (the common case: stored values).
    @inlinable
    public mutating func writeBulkReply(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeBulkReply($0) }
    }

    /// `$<length>\r\n<bytes>\r\n` from memory, as one write (elements read in place out of a collection).
    @inlinable
    public mutating func writeBulkReply(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        writeReplyBytes(reserving: count + DecimalInteger.maxWidth + 5) { out in
            out[0] = UInt8(ascii: "$")
            var at = 1 + DecimalInteger.write(count, to: out.droppingMarker)
            out[at] = UInt8(ascii: "\r")
            out[at + 1] = UInt8(ascii: "\n")
            at += 2
            if count > 0 { out.baseAddress!.advanced(by: at).copyMemory(from: bytes.baseAddress!, byteCount: count) }
            at += count
            out[at] = UInt8(ascii: "\r")
            out[at + 1] = UInt8(ascii: "\n")
            return at + 2
        }
    }

    /// `$<length>\r\n<UTF-8 of string>\r\n`.
    @inlinable
    public mutating func writeBulkReply(string: String) {
        writeBulkReply(string.utf8)
    }

    /// A missing value: RESP2 null bulk `$-1\r\n`, RESP3 `_\r\n`.
    @inlinable
    public mutating func writeNullReply(_ version: RESPVersion) {
        switch version {
        case .v2: writeReplyLiteral("$-1\r\n")
        case .v3: writeReplyLiteral("_\r\n")
        }
    }

    /// A missing aggregate (e.g. `BLPOP` timing out): RESP2 null array `*-1\r\n`, RESP3 `_\r\n`.
    @inlinable
    public mutating func writeNullArrayReply(_ version: RESPVersion) {
        switch version {
        case .v2: writeReplyLiteral("*-1\r\n")
        case .v3: writeReplyLiteral("_\r\n")
        }
    }

    /// `*<count>\r\n`, followed by `count` replies.
    @inlinable
    public mutating func writeArrayHeader(_ count: Int) {
        writeRESPHeader(marker: UInt8(ascii: "*"), count)
    }

    /// A map of `pairs` key/value pairs: RESP3 `%<pairs>\r\n`, RESP2 a flat array `*<2·pairs>\r\n`.
    @inlinable
    public mutating func writeMapHeader(_ pairs: Int, _ version: RESPVersion) {
        switch version {
        case .v2: writeRESPHeader(marker: UInt8(ascii: "*"), pairs * 2)
        case .v3: writeRESPHeader(marker: UInt8(ascii: "%"), pairs)
        }
    }

    /// A set: RESP3 `~<count>\r\n`, RESP2 `*<count>\r\n`.
    @inlinable
    public mutating func writeSetHeader(_ count: Int, _ version: RESPVersion) {
        writeRESPHeader(marker: version == .v3 ? UInt8(ascii: "~") : UInt8(ascii: "*"), count)
    }

    /// An out-of-band message (pub/sub, invalidation): RESP3 `><count>\r\n`, RESP2 `*<count>\r\n`.
    @inlinable
    public mutating func writePushHeader(_ count: Int, _ version: RESPVersion) {
        writeRESPHeader(marker: version == .v3 ? UInt8(ascii: ">") : UInt8(ascii: "*"), count)
    }

    /// A double in `formatDouble17g` form: RESP3 `,<repr>\r\n`, RESP2 a bulk string of it.
    public mutating func writeDoubleReply(_ value: Double, _ version: RESPVersion) {
        withUnsafeTemporaryAllocation(byteCount: DoubleFormatting.maxWidth, alignment: 1) { scratch in
            let width = DoubleFormatting.write17g(value, to: scratch)
            let text = UnsafeRawBufferPointer(rebasing: scratch[..<width])
            switch version {
            case .v2: writeBulkReply(text)
            case .v3:
                writeInteger(UInt8(ascii: ","))
                writeBytes(text)
                writeRESPLineEnd()
            }
        }
    }

    /// RESP3 `#t\r\n` / `#f\r\n`; RESP2 integer `:1` / `:0`.
    @inlinable
    public mutating func writeBooleanReply(_ value: Bool, _ version: RESPVersion) {
        switch version {
        case .v2: writeReplyLiteral(value ? ":1\r\n" : ":0\r\n")
        case .v3: writeReplyLiteral(value ? "#t\r\n" : "#f\r\n")
        }
    }

    /// Text meant for display (`INFO`, `LATENCY DOCTOR`): RESP3 `=<length+4>\r\n<format>:<text>\r\n`
    /// where the format is three bytes (`txt` or `mkd`); RESP2 a plain bulk string of the text.
    @inlinable
    public mutating func writeVerbatimReply(_ text: some Collection<UInt8>, format: String = "txt", _ version: RESPVersion) {
        switch version {
        case .v2: writeBulkReply(text)
        case .v3:
            writeRESPHeader(marker: UInt8(ascii: "="), format.utf8.count + 1 + text.count)
            writeBytes(format.utf8)
            writeInteger(UInt8(ascii: ":"))
            writeBytes(text)
            writeRESPLineEnd()
        }
    }

    /// An integer beyond 64 bits, as decimal digits: RESP3 `(<digits>\r\n`, RESP2 a bulk string.
    @inlinable
    public mutating func writeBigNumberReply(_ digits: some Collection<UInt8>, _ version: RESPVersion) {
        switch version {
        case .v2: writeBulkReply(digits)
        case .v3: writeRESPLine(marker: UInt8(ascii: "("), digits)
        }
    }

    /// `<marker><decimal value>\r\n`: the shape of every length header and of integer replies,
    /// written in one capacity check without creating a `String`.
    @inlinable
    mutating func writeRESPHeader(marker: UInt8, _ value: Int) {
        writeReplyBytes(reserving: DecimalInteger.maxWidth + 3) { out in
            out[0] = marker
            let width = DecimalInteger.write(value, to: out.droppingMarker)
            out[width + 1] = UInt8(ascii: "\r")
            out[width + 2] = UInt8(ascii: "\n")
            return width + 3
        }
    }

    /// `<marker><text>\r\n` for a line-framed type, with CR and LF in the text written as spaces.
    @inlinable
    mutating func writeRESPLine(marker: UInt8, _ text: some Collection<UInt8>) {
        writeInteger(marker)
        if text.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            writeBytes(text.lazy.map { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 })
        } else {
            writeBytes(text)
        }
        writeRESPLineEnd()
    }

    /// Reserves `capacity` writable bytes, hands them to `body`, which returns how many it wrote, and moves the
    /// writer index past those. NIO's `writeWithUnsafeMutableBytes` does the same, but slices its storage with the
    /// generic `dropFirst` on every call: a measurable cost per element of a long reply.
    @inlinable @inline(__always)
    mutating func writeReplyBytes(reserving capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        reserveCapacity(minimumWritableBytes: capacity)
        let start = writerIndex
        let written = withVeryUnsafeMutableBytes { body(UnsafeMutableRawBufferPointer(start: $0.baseAddress! + start, count: capacity)) }
        moveWriterIndex(forwardBy: written)
    }

    /// A complete reply spelled out in the source, as one write (NIO's `writeStaticString` costs several times as
    /// much: it goes through an exclusivity-checked copy).
    @inlinable
    mutating func writeReplyLiteral(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        writeReplyBytes(reserving: count) { out in
            out.baseAddress!.copyMemory(from: text.utf8Start, byteCount: count)
            return count
        }
    }

    @inlinable
    mutating func writeRESPLineEnd() {
        writeInteger(UInt16(0x0D0A))  // "\r\n", big-endian
    }
}

extension UnsafeMutableRawBufferPointer {
    /// The buffer after its first byte (a reply's type marker), built from the pointer: `UnsafeMutableRawBufferPointer
    /// (rebasing: out[1...])` compiles to calls into the generic slicing code, a measurable cost per element of a
    /// long reply.
    @inlinable @inline(__always)
    var droppingMarker: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: baseAddress! + 1, count: count - 1)
    }
}
