import Glibc
import RDB

/// One command of an AOF file: its arguments (name first) and the byte range it occupies.
public struct AOFCommand: Equatable, Sendable {
    public var args: [[UInt8]]
    /// Offset of its `*` byte.
    public var start: Int
    /// Offset just after its last `\r\n`.
    public var end: Int

    public init(args: [[UInt8]], start: Int, end: Int) {
        self.args = args
        self.start = start
        self.end = end
    }
}

/// What `AOFCommandReader.next()` finds.
public enum AOFItem: Equatable, Sendable {
    /// The file starts with an RDB (`REDIS` magic): an RDB base file, or the preamble of an old-style single AOF.
    /// Call `readPreamble` to decode it; if `next()` is called instead, the RDB is decoded (validated) and skipped.
    case rdbPreamble
    case command(AOFCommand)
    /// A `#` line such as `#TS:1700000000` (`aof-timestamp-enabled`), without its line ending. Loaders skip them.
    case annotation(text: [UInt8], start: Int, end: Int)
}

/// Streams an AOF file (a base or incr file of a multi-part AOF, or an old single AOF) command by command in
/// constant memory: a fixed read buffer plus the current command's arguments.
///
/// Format: an optional RDB at the very start (detected by its `REDIS` magic, as Redis's loader does), then
/// commands as RESP multibulks `*<argc>\r\n` followed by `argc` times `$<len>\r\n<bytes>\r\n`, and `#` annotation
/// lines between them. The end of the file inside a command is a truncated tail (`AOFError.Kind.truncated`, whose
/// offset is the end of the last complete command: Redis's `aof-load-truncated` case); anything else that is not
/// this format is corruption (`.corrupt`, with the offset of the bad byte's command). Length headers never size
/// an allocation by themselves: argument storage grows as its bytes actually arrive.
public struct AOFCommandReader {
    public let file: String
    private let source: AOFSource
    private var buffer: [UInt8]
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var start = 0
    private var end = 0
    private var checkedForPreamble = false
    private var preamblePending = false
    /// Offset after the last complete command, annotation or RDB preamble.
    public private(set) var validUpTo = 0
    /// Offset after the RDB preamble, when the file has one and it has been read.
    public private(set) var preambleEnd: Int?
    /// Offset of a `MULTI` whose `EXEC` (or `DISCARD`) has not been read yet. At the end of the file, Redis
    /// drops such an incomplete transaction and treats the file as truncated at this offset.
    public private(set) var openTransactionStart: Int?
    /// Largest argument accepted (a corrupt header must not make the reader wait for terabytes).
    public var maxArgumentLength = 1 << 32
    /// Redis reads annotation lines with a 1024-byte buffer (`AOF_ANNOTATION_LINE_MAX_LEN`).
    public static let maxAnnotationLength = 1024
    static let maxHeaderLength = 32

    public init(source: AOFSource, file: String, bufferSize: Int = 64 * 1024) {
        self.source = source
        self.file = file
        buffer = [UInt8](repeating: 0, count: max(bufferSize, 2 * Self.maxAnnotationLength))
    }

    /// Opens the file at `path`.
    public init(path: String, bufferSize: Int = 64 * 1024) throws(AOFError) {
        self.init(source: try AOFFileSource(path: path), file: path, bufferSize: bufferSize)
    }

    /// Offset of the next byte to read.
    public var offset: Int { bufferOffset + start }

    /// The next item, or nil at a clean end of the file.
    public mutating func next() throws(AOFError) -> AOFItem? {
        if !checkedForPreamble {
            checkedForPreamble = true
            _ = try available(5)
            if end - start >= 5 && Array(buffer[start..<start + 5]) == Array("REDIS".utf8) {
                preamblePending = true
                return .rdbPreamble
            }
        }
        if preamblePending {
            do {
                try readPreamble { _ in }
            } catch let error as AOFError {
                throw error
            } catch {
                throw AOFError(.corrupt, file: file, offset: 0, "\(error)")
            }
        }
        let itemStart = offset
        guard try available(1) else { return nil }
        switch buffer[start] {
        case UInt8(ascii: "#"): return try annotation(at: itemStart)
        case UInt8(ascii: "*"): return .command(try command(at: itemStart))
        default:
            throw corrupt("expected '*' or '#' at the start of a command, got \(describe(buffer[start]))", at: itemStart)
        }
    }

    /// Decodes the RDB preamble, calling `body` for every record; afterwards `next()` continues with the
    /// commands that follow the RDB's EOF opcode and checksum. RDB problems are `.corrupt` errors (Redis refuses
    /// to load a file whose RDB part is damaged, truncated or not); errors thrown by `body` pass through.
    public mutating func readPreamble(_ body: (RDBDecoder.Record) throws -> Void) throws {
        precondition(preamblePending, "readPreamble called on a file without a pending RDB preamble")
        preamblePending = false
        var decoder = RDBDecoder(AOFSourceRDBInput(source: source))
        do {
            try decoder.readHeader()
            while true {
                let record = try decoder.next()
                try body(record)
                if record == .end { break }
            }
        } catch let error as RDBError {
            throw AOFError(.corrupt, file: file, offset: error.offset, "bad RDB preamble: \(error.message)")
        }
        bufferOffset = decoder.offset
        start = 0
        end = 0
        validUpTo = decoder.offset
        preambleEnd = decoder.offset
    }

    // MARK: Items

    private mutating func annotation(at itemStart: Int) throws(AOFError) -> AOFItem {
        switch try line(maxLength: Self.maxAnnotationLength) {
        case .line(let range, _):
            validUpTo = offset
            return .annotation(text: Array(buffer[range]), start: itemStart, end: offset)
        case .tooLong:
            throw corrupt("annotation line longer than \(Self.maxAnnotationLength) bytes", at: itemStart)
        case .endOfFile:
            // Redis's loader reads a last annotation without a line ending like any other.
            let text = Array(buffer[start..<end])
            start = end
            validUpTo = offset
            return .annotation(text: text, start: itemStart, end: offset)
        }
    }

    private mutating func command(at itemStart: Int) throws(AOFError) -> AOFCommand {
        let count = try header(UInt8(ascii: "*"), itemStart: itemStart, what: "multibulk length")
        guard count >= 1 else { throw corrupt("invalid multibulk length \(count)", at: itemStart) }
        var args: [[UInt8]] = []
        args.reserveCapacity(min(count, 64))
        for _ in 0..<count {
            let length = try header(UInt8(ascii: "$"), itemStart: itemStart, what: "bulk length")
            guard length <= maxArgumentLength else { throw corrupt("invalid bulk length \(length)", at: itemStart) }
            var arg: [UInt8] = []
            arg.reserveCapacity(min(length, buffer.count))
            var left = length
            while left > 0 {
                guard try available(1) else { throw truncated() }
                let n = min(left, end - start)
                arg += buffer[start..<start + n]
                start += n
                left -= n
            }
            guard try available(2) else { throw truncated() }
            guard buffer[start] == 0x0D && buffer[start + 1] == 0x0A else {
                throw corrupt("expected \\r\\n after an argument, got \(describe(buffer[start]))\(describe(buffer[start + 1]))",
                              at: itemStart)
            }
            start += 2
            args.append(arg)
        }
        validUpTo = offset
        trackTransaction(args[0], at: itemStart)
        return AOFCommand(args: args, start: itemStart, end: offset)
    }

    private mutating func trackTransaction(_ name: [UInt8], at itemStart: Int) {
        if Self.isCommand(name, "multi") {
            if openTransactionStart == nil { openTransactionStart = itemStart }
        } else if Self.isCommand(name, "exec") || Self.isCommand(name, "discard") {
            openTransactionStart = nil
        }
    }

    /// Case-insensitive comparison with a lowercase ASCII command name, without allocating.
    public static func isCommand(_ name: [UInt8], _ lowercase: StaticString) -> Bool {
        guard name.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        for (a, e) in zip(name, expected) where a | 0x20 != e { return false }
        return true
    }

    /// `<prefix><decimal>\r\n`.
    private mutating func header(_ prefix: UInt8, itemStart: Int, what: String) throws(AOFError) -> Int {
        switch try line(maxLength: Self.maxHeaderLength) {
        case .endOfFile: throw truncated()
        case .tooLong: throw corrupt("\(what) line too long", at: itemStart)
        case .line(let range, let crlf):
            guard !range.isEmpty, buffer[range.lowerBound] == prefix else {
                let got = range.isEmpty ? 0x0D : buffer[range.lowerBound]
                throw corrupt("expected '\(Character(Unicode.Scalar(prefix)))', got \(describe(got))", at: itemStart)
            }
            let digits = buffer[range.dropFirst()]
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw corrupt("invalid \(what) '\(String(decoding: digits, as: UTF8.self))'", at: itemStart)
            }
            guard crlf else { throw corrupt("\(what) line ends without \\r", at: itemStart) }
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }

    private enum Line {
        /// Where the line's text is in `buffer`, valid until the next read into the buffer.
        case line(Range<Int>, crlf: Bool)
        case tooLong
        case endOfFile
    }

    /// A line ending in `\n` (returned without its `\r\n` or `\n`), at most `maxLength` bytes with its ending.
    private mutating func line(maxLength: Int) throws(AOFError) -> Line {
        var scanned = 0
        while true {
            let from = start + scanned, to = end
            let newline = buffer.withUnsafeBytes { b -> Int? in
                guard to > from, let hit = memchr(b.baseAddress! + from, 0x0A, to - from) else { return nil }
                return UnsafeRawPointer(b.baseAddress!).distance(to: UnsafeRawPointer(hit))
            }
            if let i = newline {
                let length = i + 1 - start
                guard length <= maxLength else { return .tooLong }
                let crlf = length >= 2 && buffer[i - 1] == 0x0D
                let text = start..<(crlf ? i - 1 : i)
                start = i + 1
                return .line(text, crlf: crlf)
            }
            scanned = end - start
            if scanned >= maxLength { return .tooLong }
            guard try available(scanned + 1) else { return .endOfFile }
        }
    }

    // MARK: Buffer

    /// Makes `n` bytes (at most the buffer size) available from `start`; false when the file ends first.
    private mutating func available(_ n: Int) throws(AOFError) -> Bool {
        if end - start >= n { return true }
        if start > 0 {
            let kept = end - start
            buffer.withUnsafeMutableBytes { b in b.baseAddress!.copyMemory(from: b.baseAddress! + start, byteCount: kept) }
            bufferOffset += start
            start = 0
            end = kept
        }
        while end < n {
            let (source, at, from) = (self.source, bufferOffset + end, end)
            let got = try buffer.withUnsafeMutableBytes { b in
                Result { () throws(AOFError) in try source.read(at: at, into: UnsafeMutableRawBufferPointer(rebasing: b[from...])) }
            }.get()
            if got == 0 { return false }
            end += got
        }
        return true
    }

    private func truncated() -> AOFError {
        AOFError(.truncated, file: file, offset: validUpTo, "Unexpected end of file reading the append only file")
    }

    private func corrupt(_ detail: String, at offset: Int) -> AOFError {
        AOFError(.corrupt, file: file, offset: offset, "Bad file format reading the append only file: \(detail)")
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
    }
}
