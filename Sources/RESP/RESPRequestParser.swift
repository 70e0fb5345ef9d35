import NIOCore
import StrataText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Incremental parser for client requests, the server's hot path.
///
/// A request is either
/// - multibulk: `*<count>\r\n` then `count` times `$<length>\r\n<bytes>\r\n`; or
/// - inline: any line not starting with `*`, ended by LF (a CR before it is dropped), split by
///   `splitArguments`.
///
/// Like Redis, the byte after a header's CR and the two bytes after a bulk's body are skipped
/// without being checked, and empty commands (`*0`, `*-1`, blank lines) are skipped silently.
///
/// Every byte examined is consumed, except an unterminated header or inline line, which stays in
/// the buffer (its already-searched prefix is remembered, so it is not searched again). A bulk
/// arriving in pieces is copied out as it arrives, so total work is linear in the input, and
/// storage grows only with bytes actually received, never with a declared length.
public struct RESPRequestParser {
    /// May be changed between calls; each header is checked against the current value.
    public var limits: RESPRequestLimits

    /// Arguments of the multibulk request being assembled; swapped into the caller's array when complete.
    private var collected: [[UInt8]] = []
    /// Bulks the current multibulk request still expects; 0 between requests.
    private var remainingBulks = 0
    /// Declared length of the bulk being read, or nil while its `$` header is awaited.
    private var bulkLength: Int? = nil
    /// Bytes of the current bulk (body and trailing CRLF) consumed by earlier calls.
    private var bulkConsumed = 0
    /// Body of the current bulk when it spans calls.
    private var partialBulk: [UInt8] = []
    /// The previous request's command name. Pipelines mostly repeat one command, so an equal name shares
    /// this array instead of allocating its own.
    private var lastCommandName: [UInt8] = []
    /// Body bytes of the arguments in `collected`.
    private var collectedBytes = 0
    /// Arguments of at most this many bytes are written into the previous request's array at the same position
    /// (see `parse(_:into:)`). Only small arrays are reused: a command may keep its argument (SET stores its value),
    /// and a reused array brings along its capacity, which a stored value would then hold for as long as it lives.
    static let maxReusedCapacity = 32
    /// How much of the unterminated line at the buffer's start was already searched.
    private var searchedLineBytes = 0

    /// Bytes of the request being assembled that the parser already took out of the buffer (arguments
    /// complete so far and a partial bulk). With what remains in the buffer, this is the client's query
    /// buffer as `client-query-buffer-limit` measures it.
    public var pendingBytes: Int { collectedBytes + partialBulk.count }

    public init(limits: RESPRequestLimits = .init()) {
        self.limits = limits
    }

    /// Parses the next complete command out of `buffer` into `args`, replacing what `args` holds.
    ///
    /// Passing the previous command's arguments back in (rather than an empty array) lets a request that
    /// arrived whole reuse their storage: each small argument is written into the array at its position,
    /// which is reused in place when nothing else holds it (a command that kept it, as SET keeps its value,
    /// keeps its own copy), so a pipeline of small commands parses without allocating.
    ///
    /// - Returns: true when a command was produced; false when more bytes are needed.
    /// - Throws: `RESPProtocolError` on malformed input; the connection should be closed after
    ///   replying, and this parser not used again.
    public mutating func parse(_ buffer: inout ByteBuffer, into args: inout [[UInt8]]) throws(RESPProtocolError) -> Bool {
        let step = buffer.withUnsafeReadableBytes { bytes in
            self.parse(bytes, into: &args)
        }
        buffer.moveReaderIndex(forwardBy: step.consumed)
        switch step.outcome {
        case .command: return true
        case .needMoreBytes: return false
        case .failed(let error): throw error
        }
    }

    private enum Outcome {
        case command, needMoreBytes, failed(RESPProtocolError)
    }

    private mutating func parse(
        _ bytes: UnsafeRawBufferPointer, into args: inout [[UInt8]]
    ) -> (consumed: Int, outcome: Outcome) {
        var position = 0
        while true {
            if remainingBulks == 0 {
                guard position < bytes.count else { return (position, .needMoreBytes) }
                if searchedLineBytes == 0, bytes[position] == UInt8(ascii: "*"),
                   let next = wholeRequest(bytes, from: position, into: &args) {
                    return (next, .command)
                }
                if bytes[position] != UInt8(ascii: "*") {
                    switch inlineCommand(bytes, from: position, into: &args) {
                    case .failed(let error): return (position, .failed(error))
                    case .incomplete: return (position, .needMoreBytes)
                    case .parsed(let next):
                        position = next
                        if args.isEmpty { continue }
                        return (position, .command)
                    }
                }
                switch headerLine(bytes, from: position, tooBig: .tooBigMultibulkCount) {
                case .failed(let error): return (position, .failed(error))
                case .incomplete: return (position, .needMoreBytes)
                case .line(let digits, let next):
                    guard let count = DecimalInteger.parse(digits), count <= limits.maxMultibulkLength else {
                        return (position, .failed(.invalidMultibulkLength))
                    }
                    if limits.authenticationPending && count > RESPRequestLimits.unauthenticatedMultibulkLength {
                        return (position, .failed(.unauthenticatedMultibulkLength))
                    }
                    position = next
                    remainingBulks = max(0, Int(count))
                    bulkLength = nil
                }
                continue
            }
            if bulkLength == nil {
                switch headerLine(bytes, from: position, tooBig: .tooBigBulkCount) {
                case .failed(let error): return (position, .failed(error))
                case .incomplete: return (position, .needMoreBytes)
                case .line(let digits, let next):
                    let marker = bytes[position]
                    guard marker == UInt8(ascii: "$") else { return (position, .failed(.expectedDollar(got: marker))) }
                    guard let length = DecimalInteger.parse(digits), length >= 0, length <= min(limits.maxBulkLength, Int.max - 2) else {
                        return (position, .failed(.invalidBulkLength))
                    }
                    if limits.authenticationPending && length > RESPRequestLimits.unauthenticatedBulkLength {
                        return (position, .failed(.unauthenticatedBulkLength))
                    }
                    position = next
                    bulkLength = Int(length)
                    bulkConsumed = 0
                }
            }
            guard readBulkBody(bytes, position: &position) else { return (position, .needMoreBytes) }
            remainingBulks -= 1
            bulkLength = nil
            if remainingBulks == 0 {
                swap(&args, &collected)
                collectedBytes = 0
                collected.removeAll(keepingCapacity: true)
                return (position, .command)
            }
        }
    }

    /// Moves the current bulk's body into `collected` once it and its two trailing bytes have all
    /// arrived; returns false (after taking what is there) when more bytes are needed.
    private mutating func readBulkBody(_ bytes: UnsafeRawBufferPointer, position: inout Int) -> Bool {
        let length = bulkLength!
        let available = bytes.count - position
        if bulkConsumed == 0 && available >= length + 2 {
            let source = bytes.baseAddress! + position
            let isName = collected.isEmpty
            if isName, length == lastCommandName.count, length > 0,
               lastCommandName.withUnsafeBytes({ memcmp($0.baseAddress!, source, length) == 0 }) {
                collected.append(lastCommandName)
                collectedBytes += length
            } else {
                let argument = Self.array(copying: source, count: length)
                if isName { lastCommandName = argument }
                collected.append(argument)
                collectedBytes += length
            }
            position += length + 2
            return true
        }
        let taken = min(available, length + 2 - bulkConsumed)
        let bodyBytes = max(0, min(taken, length - bulkConsumed))
        partialBulk.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + bodyBytes)]))
        bulkConsumed += taken
        position += taken
        guard bulkConsumed == length + 2 else { return false }
        collectedBytes += partialBulk.count
        collected.append(partialBulk)
        partialBulk = []
        return true
    }

    /// The fast path: parses the multibulk request at `start` in one pass when all of it is in `bytes` and every
    /// header is a plain decimal (`*` count of at least 1, `$` lengths in canonical form) within the limits, writing
    /// the arguments into `args` in place (see `parse(_:into:)`). Returns the position after the request, or nil
    /// (with `args` untouched or emptied) to leave the request to the general path, which parses it from `start`:
    /// a request split across reads, an empty or malformed one (whose error the general path reports), or any
    /// request while authentication is pending.
    private mutating func wholeRequest(_ bytes: UnsafeRawBufferPointer, from start: Int, into args: inout [[UInt8]]) -> Int? {
        guard !limits.authenticationPending, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let (count, first) = Self.decimalHeader(base, from: start + 1, end: bytes.count),
              count > 0, count <= limits.maxMultibulkLength
        else { return nil }
        var position = first
        for index in 0..<count {
            guard position < bytes.count, base[position] == UInt8(ascii: "$"),
                  let (length, body) = Self.decimalHeader(base, from: position + 1, end: bytes.count),
                  length <= limits.maxBulkLength, length <= bytes.count - body - 2
            else {
                // Arguments written so far would pass for a command: drop them.
                args.removeAll(keepingCapacity: true)
                return nil
            }
            let source = UnsafeBufferPointer(start: base + body, count: length)
            if index < args.count {
                Self.overwrite(&args[index], with: source, isName: index == 0, lastName: &lastCommandName)
            } else {
                args.append(index == 0 && Self.equal(lastCommandName, source) ? lastCommandName : Self.array(copying: UnsafeRawPointer(source.baseAddress!), count: length))
                if index == 0 { lastCommandName = args[0] }
            }
            position = body + length + 2
        }
        if args.count > count { args.removeLast(args.count - count) }
        return position
    }

    /// Puts `source` into `argument`, the previous request's array at this position: left alone when equal (a
    /// repeated command name), rewritten in place when small, else replaced by a fresh array of its own size.
    @inline(__always)
    private static func overwrite(_ argument: inout [UInt8], with source: UnsafeBufferPointer<UInt8>, isName: Bool,
                                  lastName: inout [UInt8]) {
        if isName {
            if equal(argument, source) { return }
            if equal(lastName, source) {
                argument = lastName
                return
            }
        }
        if source.count <= maxReusedCapacity, argument.capacity <= maxReusedCapacity {
            if argument.count == source.count {
                // Keys of one pipeline often have one length: a plain copy over the old bytes.
                argument.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(source)) }
            } else {
                argument.removeAll(keepingCapacity: true)
                argument.append(contentsOf: source)
            }
        } else {
            argument = array(copying: UnsafeRawPointer(source.baseAddress!), count: source.count)
        }
        if isName { lastName = argument }
    }

    @inline(__always)
    private static func equal(_ array: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        array.count == bytes.count && array.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// A fresh array holding `count` bytes from `source` (a plain memcpy; `Array(someRawBuffer)` would take the
    /// generic copying path).
    @inline(__always)
    private static func array(copying source: UnsafeRawPointer, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { target, initialized in
            if count > 0 { UnsafeMutableRawPointer(target.baseAddress!).copyMemory(from: source, byteCount: count) }
            initialized = count
        }
    }

    /// The value of the decimal digits at `start` and the position after the CR that ends them plus the byte
    /// after it (not checked, as Redis does not check it), or nil unless they are a canonical non-negative number
    /// of at most 18 digits ending in a CR that is not the last byte. Anything else is for the general path.
    @inline(__always)
    private static func decimalHeader(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> (Int, Int)? {
        guard start < end else { return nil }
        var value = Int(base[start] &- UInt8(ascii: "0"))
        guard value <= 9 else { return nil }
        var index = start + 1
        while index < end {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { break }
            guard value != 0, index - start < 18 else { return nil }
            value = value &* 10 &+ Int(digit)
            index += 1
        }
        guard index + 1 < end, base[index] == UInt8(ascii: "\r") else { return nil }
        return (value, index + 2)
    }

    private enum InlineResult {
        case parsed(next: Int), incomplete, failed(RESPProtocolError)
    }

    /// Splits the LF-terminated line at `start` into `args`, replacing what it held.
    private mutating func inlineCommand(
        _ bytes: UnsafeRawBufferPointer, from start: Int, into args: inout [[UInt8]]
    ) -> InlineResult {
        guard let newline = findLineEnd(UInt8(ascii: "\n"), in: bytes, from: start) else {
            return bytes.count - start > limits.maxInlineLength ? .failed(.tooBigInlineRequest) : .incomplete
        }
        var end = newline
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        args.removeAll(keepingCapacity: true)
        guard ArgumentSplitter.split(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &args) else {
            return .failed(.unbalancedQuotes)
        }
        return .parsed(next: newline + 1)
    }

    private enum HeaderResult {
        case line(digits: UnsafeRawBufferPointer, next: Int), incomplete, failed(RESPProtocolError)
    }

    /// Finds the `<marker><digits>\r?` line at `start`. Complete once the byte after its CR has
    /// arrived; too big when no CR is found in more than `maxInlineLength` bytes.
    private mutating func headerLine(
        _ bytes: UnsafeRawBufferPointer, from start: Int, tooBig: RESPProtocolError
    ) -> HeaderResult {
        guard let carriageReturn = findLineEnd(UInt8(ascii: "\r"), in: bytes, from: start) else {
            return bytes.count - start > limits.maxInlineLength ? .failed(tooBig) : .incomplete
        }
        guard carriageReturn + 1 < bytes.count else {
            searchedLineBytes = carriageReturn - start
            return .incomplete
        }
        return .line(digits: UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<carriageReturn]), next: carriageReturn + 2)
    }

    /// Index of the first `terminator` of the line starting at `start`, resuming where the last
    /// unsuccessful search stopped; remembers how far it searched when the terminator is absent.
    private mutating func findLineEnd(_ terminator: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let searchFrom = start + searchedLineBytes
        guard let base = bytes.baseAddress, searchFrom < bytes.count,
            let found = memchr(base + searchFrom, Int32(terminator), bytes.count - searchFrom)
        else {
            searchedLineBytes = bytes.count - start
            return nil
        }
        searchedLineBytes = 0
        return base.distance(to: UnsafeRawPointer(found))
    }
}
