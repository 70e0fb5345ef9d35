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
    /// Argument arrays of finished commands, emptied with their capacity kept, reused for the next arguments
    /// (see `recycle`): a pipeline of small commands then parses without allocating.
    private var spares: [[UInt8]] = []
    static let maxSpares = 32
    /// Only small arrays are reused: a command may keep its argument (SET stores its value), and a reused array
    /// brings along its capacity, which a stored value would then hold for as long as it lives.
    static let maxSpareCapacity = 32
    /// How much of the unterminated line at the buffer's start was already searched.
    private var searchedLineBytes = 0

    /// Bytes of the request being assembled that the parser already took out of the buffer (arguments
    /// complete so far and a partial bulk). With what remains in the buffer, this is the client's query
    /// buffer as `client-query-buffer-limit` measures it.
    public var pendingBytes: Int { collectedBytes + partialBulk.count }

    public init(limits: RESPRequestLimits = .init()) {
        self.limits = limits
    }

    /// Takes back the arguments of an executed command, leaving `args` empty. Arrays small enough are kept for
    /// reuse; one the command stored elsewhere (a SET value) is shared, and emptying it then costs the allocation
    /// parsing would have made anyway. The command name is skipped: the parser shares it between commands.
    public mutating func recycle(_ args: inout [[UInt8]]) {
        while args.count > 1, spares.count < RESPRequestParser.maxSpares {
            var a = args.removeLast()
            if a.capacity <= RESPRequestParser.maxSpareCapacity {
                a.removeAll(keepingCapacity: true)
                spares.append(a)
            }
        }
        args.removeAll(keepingCapacity: true)
    }

    /// Parses the next complete command out of `buffer`, appending its arguments to `args`
    /// (which the caller has emptied, keeping its capacity).
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
                let argument: [UInt8]
                if !isName, length <= RESPRequestParser.maxSpareCapacity, var spare = spares.popLast() {
                    spare.append(contentsOf: UnsafeBufferPointer(start: source.assumingMemoryBound(to: UInt8.self), count: length))
                    argument = spare
                } else {
                    // A plain memcpy into fresh storage; Array(someRawBuffer) would take the generic copying path.
                    argument = [UInt8](unsafeUninitializedCapacity: length) { target, initialized in
                        if length > 0 { UnsafeMutableRawPointer(target.baseAddress!).copyMemory(from: source, byteCount: length) }
                        initialized = length
                    }
                }
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

    private enum InlineResult {
        case parsed(next: Int), incomplete, failed(RESPProtocolError)
    }

    /// Splits the LF-terminated line at `start` into `args`.
    private mutating func inlineCommand(
        _ bytes: UnsafeRawBufferPointer, from start: Int, into args: inout [[UInt8]]
    ) -> InlineResult {
        guard let newline = findLineEnd(UInt8(ascii: "\n"), in: bytes, from: start) else {
            return bytes.count - start > limits.maxInlineLength ? .failed(.tooBigInlineRequest) : .incomplete
        }
        var end = newline
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
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
