import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses complete RESP2/RESP3 values, as a client reads a server's replies.
///
/// Each call consumes exactly one value when all of its bytes are in the buffer and nothing
/// otherwise, so it may be called after every read; an incomplete value is parsed again from its
/// start on the next call. Meant for tests, tools and the replication link, not the request hot
/// path. Declared lengths never reserve storage: `*1000000000\r\n` with no elements costs nothing.
public struct RESPValueParser {
    /// Deepest nesting of aggregates accepted, to bound recursion on hostile input.
    public var maxDepth: Int

    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// The next value in `buffer`, consumed; nil (consuming nothing) when it is not complete yet.
    public mutating func parse(_ buffer: inout ByteBuffer) throws(RESPValueParseError) -> RESPValue? {
        let maxDepth = self.maxDepth
        let result = buffer.withUnsafeReadableBytes { bytes -> Result<(RESPValue, Int)?, RESPValueParseError> in
            var reader = Reader(bytes: bytes, maxDepth: maxDepth)
            do throws(Failure) {
                let value = try reader.value(depth: 0)
                return .success((value, reader.position))
            } catch {
                switch error {
                case .incomplete: return .success(nil)
                case .invalid(let error): return .failure(error)
                }
            }
        }
        guard let (value, consumed) = try result.get() else { return nil }
        buffer.moveReaderIndex(forwardBy: consumed)
        return value
    }
}

/// Why a value could not be produced: not all of it has arrived, or it is malformed.
private enum Failure: Error {
    case incomplete
    case invalid(RESPValueParseError)
}

/// A recursive-descent pass over the readable bytes.
private struct Reader {
    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    var position = 0

    /// Reads one value whose first byte is at `position`; `depth` is how many aggregates enclose it.
    mutating func value(depth: Int) throws(Failure) -> RESPValue {
        guard position < bytes.count else { throw .incomplete }
        let start = position
        let marker = bytes[position]
        guard Self.markers.contains(marker) else { throw invalid(.unknownType(marker), at: start) }
        position += 1
        let line = try readLine()
        switch marker {
        case UInt8(ascii: "+"): return .simpleString(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "-"): return .error(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: ":"): return .integer(try integer(line, at: start + 1))
        case UInt8(ascii: "("): return .bigNumber(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "_"):
            guard line.isEmpty else { throw invalid(.missingCRLF, at: start + 1) }
            return .null
        case UInt8(ascii: "#"):
            switch Array(line) {
            case [UInt8(ascii: "t")]: return .boolean(true)
            case [UInt8(ascii: "f")]: return .boolean(false)
            default: throw invalid(.invalidBoolean, at: start + 1)
            }
        case UInt8(ascii: ","):
            guard let value = Double(String(decoding: line, as: UTF8.self)) else {
                throw invalid(.invalidDouble, at: start + 1)
            }
            return .double(value)
        case UInt8(ascii: "$"):
            guard let length = try length(line, at: start + 1, allowingNull: true) else { return .bulkString(nil) }
            return .bulkString(Array(try body(length)))
        case UInt8(ascii: "!"):
            let length = try length(line, at: start + 1, allowingNull: false)!
            return .error(String(decoding: try body(length), as: UTF8.self))
        case UInt8(ascii: "="):
            let length = try length(line, at: start + 1, allowingNull: false)!
            let bodyStart = position
            let text = try body(length)
            guard text.count >= 4, text[3] == UInt8(ascii: ":") else { throw invalid(.invalidVerbatim, at: bodyStart) }
            return .verbatim(format: String(decoding: text[..<3], as: UTF8.self), text: Array(text[4...]))
        case UInt8(ascii: "*"):
            guard let count = try length(line, at: start + 1, allowingNull: true) else { return .array(nil) }
            return .array(try elements(count, depth: depth, start: start))
        case UInt8(ascii: "~"):
            let count = try length(line, at: start + 1, allowingNull: false)!
            return .set(try elements(count, depth: depth, start: start))
        case UInt8(ascii: ">"):
            let count = try length(line, at: start + 1, allowingNull: false)!
            return .push(try elements(count, depth: depth, start: start))
        case UInt8(ascii: "%"):
            let count = try length(line, at: start + 1, allowingNull: false)!
            return .map(try pairs(count, depth: depth, start: start))
        default:  // "|", the last of `markers`
            let count = try length(line, at: start + 1, allowingNull: false)!
            return .attribute(try pairs(count, depth: depth, start: start))
        }
    }

    /// Type markers of RESP2 and RESP3.
    private static let markers: Set<UInt8> = Set("+-:$*_,#(!=%~>|".utf8)

    /// The bytes up to the next CRLF, with `position` moved past it.
    private mutating func readLine() throws(Failure) -> UnsafeRawBufferPointer {
        let start = position
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, Int32(UInt8(ascii: "\r")), bytes.count - start)
        else { throw .incomplete }
        let carriageReturn = base.distance(to: UnsafeRawPointer(found))
        guard carriageReturn + 1 < bytes.count else { throw .incomplete }
        guard bytes[carriageReturn + 1] == UInt8(ascii: "\n") else { throw invalid(.missingCRLF, at: carriageReturn + 1) }
        position = carriageReturn + 2
        return UnsafeRawBufferPointer(rebasing: bytes[start..<carriageReturn])
    }

    /// `length` bytes then CRLF, with `position` moved past them.
    private mutating func body(_ length: Int) throws(Failure) -> UnsafeRawBufferPointer {
        guard bytes.count - position >= length + 2 else { throw .incomplete }
        let end = position + length
        guard bytes[end] == UInt8(ascii: "\r"), bytes[end + 1] == UInt8(ascii: "\n") else {
            throw invalid(.missingCRLF, at: end)
        }
        defer { position = end + 2 }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<end])
    }

    private mutating func elements(_ count: Int, depth: Int, start: Int) throws(Failure) -> [RESPValue] {
        guard depth < maxDepth else { throw invalid(.tooDeep(maxDepth: maxDepth), at: start) }
        var elements: [RESPValue] = []
        for _ in 0..<count { elements.append(try value(depth: depth + 1)) }
        return elements
    }

    private mutating func pairs(_ count: Int, depth: Int, start: Int) throws(Failure) -> [RESPPair] {
        guard depth < maxDepth else { throw invalid(.tooDeep(maxDepth: maxDepth), at: start) }
        var pairs: [RESPPair] = []
        for _ in 0..<count {
            let key = try value(depth: depth + 1)
            pairs.append(RESPPair(key: key, value: try value(depth: depth + 1)))
        }
        return pairs
    }

    private func integer(_ line: UnsafeRawBufferPointer, at offset: Int) throws(Failure) -> Int64 {
        guard let value = DecimalInteger.parse(line) else { throw invalid(.invalidInteger, at: offset) }
        return value
    }

    /// A length header's value; nil for `-1` when `allowingNull`.
    private func length(_ line: UnsafeRawBufferPointer, at offset: Int, allowingNull: Bool) throws(Failure) -> Int? {
        let value = try integer(line, at: offset)
        if value == -1 && allowingNull { return nil }
        guard value >= 0, value <= Int64.max - 2 else { throw invalid(.invalidLength, at: offset) }
        return Int(value)
    }

    private func invalid(_ reason: RESPValueParseError.Reason, at offset: Int) -> Failure {
        .invalid(RESPValueParseError(reason, at: offset))
    }
}
