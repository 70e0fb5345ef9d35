import StrataText

/// The manifest of a Redis 7 multi-part AOF: which files of `appenddirname` make up the dataset, in order.
///
/// Format (Redis 7.0's `aofLoadManifestFromFile` / `getAofManifestAsString`): one line per file,
/// `file <name> seq <n> type <b|h|i>`, split like a redis.conf line (names holding spaces or special bytes are
/// written double-quoted with C escapes). Lines starting with `#` are comments. The base (`b`, at most one) comes
/// first, then history files (`h`, already replaced, waiting for deletion), then the incr files (`i`) in
/// increasing `seq` order: loading replays the base, then every incr file. Keys are case-insensitive and come in
/// pairs; keys a version does not know are ignored, which is how the format grows.
///
/// Strata's extension: an incr file's entry carries `startoffset <n>`, the command-log (replication) offset at
/// which the file starts, and may carry `endoffset <n>` once it is closed — the keys and layout Redis 8 writes
/// for the same purpose. Redis 7.0 ignores them (its parser skips unknown key/value pairs: checked in its
/// source and by loading such a directory in redis-server 7.0.15 in the tests), so either server loads the
/// other's directory.
public struct AOFManifest: Equatable, Sendable {
    /// The `type` of a manifest line.
    public enum FileType: UInt8, Sendable {
        case base = 0x62  // b
        case history = 0x68  // h
        case incr = 0x69  // i
    }

    /// One line of the manifest.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var seq: Int64
        public var type: FileType
        /// Command-log offset of the file's first byte (incr files Strata writes).
        public var startOffset: Int64?
        /// Command-log offset after the file's last byte, once the file is no longer written.
        public var endOffset: Int64?

        public init(name: String, seq: Int64, type: FileType, startOffset: Int64? = nil, endOffset: Int64? = nil) {
            self.name = name
            self.seq = seq
            self.type = type
            self.startOffset = startOffset
            self.endOffset = endOffset
        }
    }

    public var base: Entry?
    /// Files replaced by a rewrite and not yet deleted, newest first (as Redis lists them).
    public var history: [Entry] = []
    /// Incr files in replay order; the last one is the file being appended to.
    public var incrs: [Entry] = []
    /// Highest base sequence number used so far (the next base gets this + 1).
    public var currentBaseSeq: Int64 = 0
    /// Highest incr sequence number used so far (the next incr file gets this + 1).
    public var currentIncrSeq: Int64 = 0

    public init() {}

    /// The files to replay, base first.
    public var loadOrder: [Entry] { (base.map { [$0] } ?? []) + incrs }

    /// True when there is nothing to load (no base, no incr file).
    public var isEmpty: Bool { base == nil && incrs.isEmpty }

    // MARK: Parsing

    /// Longest manifest line Redis reads (`MANIFEST_MAX_LINE`).
    public static let maxLineLength = 1024

    /// Parses a manifest with Redis 7.0's rules and error texts.
    public static func parse(_ bytes: [UInt8]) throws(AOFManifestError) -> AOFManifest {
        var manifest = AOFManifest()
        var maxSeq: Int64 = 0
        var lineNumber = 0
        var position = 0
        // Lines are read the way fgets(buf, 1025) reads them: a chunk ends after '\n' or after 1024 bytes.
        while position < bytes.count {
            let limit = min(bytes.count, position + maxLineLength)
            var end = position
            while end < limit && bytes[end] != 0x0A { end += 1 }
            let hasNewline = end < limit
            let chunk = bytes[position..<(hasNewline ? end + 1 : end)]
            position = chunk.endIndex
            lineNumber += 1
            if chunk.first == UInt8(ascii: "#") { continue }
            guard hasNewline else { throw AOFManifestError("The AOF manifest file contains too long line") }
            let line = trimmed(chunk)
            let text = String(decoding: line, as: UTF8.self)
            func fail(_ message: String) -> AOFManifestError { AOFManifestError(message, line: lineNumber, text: text) }
            guard !line.isEmpty, let words = splitArguments(line), words.count >= 6, words.count % 2 == 0 else {
                throw fail("Invalid AOF manifest file format")
            }
            var name: String?, seq: Int64 = 0, type: UInt8 = 0, start: Int64?, endOffset: Int64?
            for i in stride(from: 0, to: words.count, by: 2) {
                let key = String(decoding: words[i], as: UTF8.self).lowercased(), value = words[i + 1]
                switch key {
                case "file":
                    guard !value.contains(UInt8(ascii: "/")) && !value.contains(UInt8(ascii: "\\")) else {
                        throw fail("File can't be a path, just a filename")
                    }
                    name = String(decoding: value, as: UTF8.self)
                case "seq": seq = cLongLong(value)
                case "type": type = value.first ?? 0
                case "startoffset": start = cLongLong(value)
                case "endoffset": endOffset = cLongLong(value)
                default: break
                }
            }
            guard let name, seq != 0, type != 0 else { throw fail("Invalid AOF manifest file format") }
            guard let fileType = FileType(rawValue: type) else { throw fail("Unknown AOF file type") }
            let entry = Entry(name: name, seq: seq, type: fileType, startOffset: start, endOffset: endOffset)
            switch fileType {
            case .base:
                guard manifest.base == nil else { throw fail("Found duplicate base file information") }
                manifest.base = entry
                manifest.currentBaseSeq = seq
            case .history:
                manifest.history.append(entry)
            case .incr:
                guard seq > maxSeq else { throw fail("Found a non-monotonic sequence number") }
                manifest.incrs.append(entry)
                manifest.currentIncrSeq = seq
                maxSeq = seq
            }
        }
        guard lineNumber > 0 else { throw AOFManifestError("Found an empty AOF manifest") }
        return manifest
    }

    /// sdstrim(line, " \t\r\n").
    private static func trimmed(_ chunk: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = chunk.firstIndex(where: { !blank($0) }) else { return [] }
        let last = chunk.lastIndex(where: { !blank($0) })!
        return chunk[first...last]
    }

    /// C `atoll`: optional blanks, optional sign, digits; anything else ends the number (no digits gives 0).
    static func cLongLong(_ bytes: [UInt8]) -> Int64 {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || (0x09...0x0D).contains(bytes[i]) { i += 1 }
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var value: Int64 = 0
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
            value = value &* 10 &+ Int64(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -value : value
    }

    // MARK: Writing

    /// The manifest text as Redis writes it: base, then history, then incr files.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        for entry in (base.map { [$0] } ?? []) + history + incrs {
            out += Array("file ".utf8) + ManifestQuoting.quotedIfNeeded(Array(entry.name.utf8))
            out += Array(" seq \(entry.seq) type ".utf8) + [entry.type.rawValue]
            if let start = entry.startOffset {
                out += Array(" startoffset \(start)".utf8)
                if let end = entry.endOffset { out += Array(" endoffset \(end)".utf8) }
            }
            out.append(0x0A)
        }
        return out
    }
}

/// A manifest Redis would refuse, with its message and, when the problem is on a line, that line.
public struct AOFManifestError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int?
    public let text: String?

    public init(_ message: String, line: Int? = nil, text: String? = nil) {
        self.message = message
        self.line = line
        self.text = text
    }

    public var description: String {
        guard let line, let text else { return message }
        return "\(message) (manifest line \(line): '\(text)')"
    }
}
