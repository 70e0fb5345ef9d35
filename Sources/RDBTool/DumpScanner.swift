import Glibc
import RDB
import StrataText

/// Which keys a command looks at (`--db`, `--type`, `--match`, `--expiring`).
public struct KeyFilter {
    public var db: Int?
    public var type: String?
    public var pattern: [UInt8]?
    public var expiringOnly = false

    public init(db: Int? = nil, type: String? = nil, pattern: String? = nil, expiringOnly: Bool = false) {
        self.db = db
        self.type = type?.lowercased()
        self.pattern = pattern.map { Array($0.utf8) }
        self.expiringOnly = expiringOnly
    }

    public func accepts(_ e: RDBEntry) -> Bool {
        if let db, e.db != db { return false }
        if let type, e.value.typeName != type { return false }
        if expiringOnly, e.expireAt == nil { return false }
        if let pattern, !GlobPattern.matches(pattern, e.key) { return false }
        return true
    }
}

/// Walks a dump record by record, reporting progress on a terminal for big files.
public struct DumpScanner {
    public let path: String
    public var showProgress: Bool

    public init(path: String, showProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.path = path
        self.showProgress = showProgress
    }

    /// Calls `body` for every record; returns the RDB version. Throws the first problem found.
    @discardableResult
    public func scan(_ body: (RDBDecoder.Record) throws -> Void) throws -> Int {
        let input = try FileInput(path: path)
        let size = input.size
        var decoder = RDBDecoder(input)
        try decoder.readHeader()
        var progress = Progress(total: size, enabled: showProgress && size > 16 << 20)
        defer { progress.finish() }
        while true {
            let record = try decoder.next()
            try body(record)
            if record == .end { return decoder.version }
            progress.update(decoder.offset)
        }
    }
}

/// A percentage line on stderr, redrawn at most once per percent.
struct Progress {
    let total: Int
    let enabled: Bool
    private var shown = -1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    mutating func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        fputs("\r\(percent)% (\(done >> 20) of \(total >> 20) MiB)", stderr)
    }

    func finish() {
        if enabled && shown >= 0 { fputs("\n", stderr) }
    }
}
