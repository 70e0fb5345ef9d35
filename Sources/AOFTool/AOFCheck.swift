import AOF
import Glibc
import RDB

/// Validates what `strata-aof check` is given, as redis-check-aof does: a manifest (or the directory holding
/// it) and every base and incr file it lists, in load order; or one AOF file on its own (an old single AOF, or
/// one file of a directory). An RDB preamble is decoded in full (its checksum included). Transactions must be
/// balanced: a `MULTI` inside a transaction or an `EXEC` outside one is corruption, and a file ending inside a
/// transaction is a truncated tail that ends before its `MULTI`.
public struct AOFCheck {
    /// One file of the check.
    public struct FileReport: Equatable {
        public var name: String
        public var path: String
        /// "base", "incr", or "file" for a file checked on its own.
        public var role: String
        public var size: Int
        public var rdbKeys: Int?
        public var commands = 0
    }

    /// The first problem found.
    public struct Problem: Error, Equatable {
        public enum Kind: String { case truncated, corrupt, missing, manifest, unreadable }
        public var kind: Kind
        public var file: String
        public var path: String
        public var message: String
        /// Where the file stops being valid: for a truncated tail, the size it can be cut back to.
        public var offset: Int
        public var size: Int
        /// True when cutting the file at `offset` repairs the AOF: a truncated tail of the last file.
        public var fixable: Bool
    }

    public private(set) var files: [FileReport] = []
    public private(set) var isMultiPart = false

    public init() {}

    /// Checks `path` (manifest, directory or single file); throws the first `Problem`.
    public mutating func run(_ path: String) throws(Problem) {
        let manifestPath = try Self.manifestPath(for: path)
        guard let manifestPath else {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            try checkFile(name: name, path: path, role: "file", last: true)
            return
        }
        isMultiPart = true
        let directory = String(manifestPath[..<(manifestPath.lastIndex(of: "/") ?? manifestPath.startIndex)])
        let bytes: [UInt8]
        do {
            bytes = try Self.read(manifestPath)
        } catch {
            throw Problem(kind: .unreadable, file: manifestPath, path: manifestPath, message: error.description, offset: 0, size: 0,
                          fixable: false)
        }
        let manifest: AOFManifest
        do {
            manifest = try AOFManifest.parse(bytes)
        } catch {
            throw Problem(kind: .manifest, file: manifestPath, path: manifestPath, message: error.description, offset: 0,
                          size: bytes.count, fixable: false)
        }
        let order = manifest.loadOrder
        for (i, entry) in order.enumerated() {
            let filePath = directory.isEmpty ? entry.name : directory + "/" + entry.name
            try checkFile(name: entry.name, path: filePath, role: entry.type == .base ? "base" : "incr", last: i == order.count - 1)
        }
    }

    /// The manifest to check: `path` itself when it is one (its first non-comment line starts with `file`, as
    /// redis-check-aof decides), the manifest inside `path` when it is a directory, nil for a plain AOF file.
    static func manifestPath(for path: String) throws(Problem) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw Problem(kind: .unreadable, file: path, path: path, message: "cannot open \(path): \(String(cString: strerror(errno)))",
                          offset: 0, size: 0, fixable: false)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            let dir = path.hasSuffix("/") ? String(path.dropLast()) : path
            let preferred = dir + "/" + AOFFileNames().manifest
            if access(preferred, F_OK) == 0 { return preferred }
            let found = listDirectory(dir).filter { $0.hasSuffix(".manifest") && !$0.hasPrefix("temp-") }
            guard found.count == 1 else {
                throw Problem(kind: .unreadable, file: path, path: path,
                              message: found.isEmpty ? "no AOF manifest in \(path)" : "several manifests in \(path): \(found.sorted())",
                              offset: 0, size: 0, fixable: false)
            }
            return dir + "/" + found[0]
        }
        let head = (try? read(path, limit: AOFManifest.maxLineLength * 64)) ?? []
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        while let first = lines.first, first.first == UInt8(ascii: "#") { lines = lines.dropFirst() }
        guard let first = lines.first else { return nil }
        return first.starts(with: Array("file".utf8)) ? path : nil
    }

    private mutating func checkFile(name: String, path: String, role: String, last: Bool) throws(Problem) {
        var report = FileReport(name: name, path: path, role: role, size: 0)
        func problem(_ kind: Problem.Kind, _ message: String, offset: Int, fixable: Bool = false) -> Problem {
            Problem(kind: kind, file: name, path: path, message: message, offset: offset, size: report.size, fixable: fixable)
        }
        let source: AOFFileSource
        do {
            source = try AOFFileSource(path: path)
        } catch {
            throw problem(isMultiPart ? .missing : .unreadable, error.message, offset: 0)
        }
        report.size = source.size
        var reader = AOFCommandReader(source: source, file: name)
        var inTransaction = false
        do {
            while let item = try reader.next() {
                switch item {
                case .rdbPreamble:
                    var keys = 0
                    do {
                        try reader.readPreamble { record in if case .entry = record { keys += 1 } }
                    } catch let error as AOFError {
                        throw error
                    } catch {
                        throw problem(.corrupt, "\(error)", offset: 0)
                    }
                    report.rdbKeys = keys
                case .annotation:
                    break
                case .command(let command):
                    report.commands += 1
                    let verb = command.args[0]
                    if AOFCommandReader.isCommand(verb, "multi") {
                        guard !inTransaction else { throw problem(.corrupt, "Unexpected MULTI in AOF \(name)", offset: command.start) }
                        inTransaction = true
                    } else if AOFCommandReader.isCommand(verb, "exec") {
                        guard inTransaction else { throw problem(.corrupt, "Unexpected EXEC in AOF \(name)", offset: command.start) }
                        inTransaction = false
                    } else if AOFCommandReader.isCommand(verb, "discard") {
                        inTransaction = false
                    }
                }
            }
        } catch let error as AOFError {
            switch error.kind {
            case .truncated:
                let offset = reader.openTransactionStart ?? error.offset
                let message = last ? error.message : error.message + " (the truncated file is not the last file)"
                throw problem(.truncated, message, offset: offset, fixable: last)
            case .corrupt: throw problem(.corrupt, error.message, offset: error.offset)
            case .io: throw problem(.unreadable, error.message, offset: error.offset)
            }
        } catch let error as Problem {
            throw error
        } catch {
            throw problem(.corrupt, "\(error)", offset: reader.offset)
        }
        if let start = reader.openTransactionStart, inTransaction {
            throw problem(.truncated, "Reached EOF before reading EXEC for MULTI", offset: start, fixable: last)
        }
        files.append(report)
    }

    static func read(_ path: String, limit: Int = Int.max) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError("cannot open \(path)", errno: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError("read error on \(path)", errno: errno)
            }
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }

    static func listDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
