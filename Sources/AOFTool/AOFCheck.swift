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
        let directory: String, manifest: AOFManifest
        if let manifestPath = try Self.manifestPath(for: path) {
            isMultiPart = true
            directory = Self.directory(of: manifestPath)
            let bytes: [UInt8]
            do {
                bytes = try Self.read(manifestPath)
            } catch {
                throw Problem(kind: .unreadable, file: manifestPath, path: manifestPath, message: error.description, offset: 0,
                              size: 0, fixable: false)
            }
            do {
                manifest = try AOFManifest.parse(bytes)
            } catch {
                throw Problem(kind: .manifest, file: manifestPath, path: manifestPath, message: error.description, offset: 0,
                              size: bytes.count, fixable: false)
            }
        } else {
            // One file on its own: replayed as the only file of a manifest, so it is also the last one.
            directory = Self.directory(of: path)
            var single = AOFManifest()
            single.base = AOFManifest.Entry(name: String(path.split(separator: "/").last ?? Substring(path)), seq: 1, type: .base)
            manifest = single
        }
        var tally = Tally(multiPart: isMultiPart)
        let end: AOFReplayEnd
        do {
            end = try AOFReplay.run(directory: directory, manifest: manifest, handler: &tally)
        } catch let problem as Problem {
            throw problem
        } catch let error as AOFError {
            let report = tally.files.last { $0.name == error.file }
            let kind: Problem.Kind
            switch error.kind {
            case .truncated: kind = .truncated
            case .corrupt: kind = .corrupt
            case .missing: kind = isMultiPart ? .missing : .unreadable
            case .io: kind = .unreadable
            }
            throw Problem(kind: kind, file: error.file, path: report?.path ?? AOFDirectory.path(directory, error.file),
                          message: error.message, offset: error.offset, size: report?.size ?? 0, fixable: false)
        } catch {
            throw Problem(kind: .corrupt, file: tally.files.last?.name ?? path, path: tally.files.last?.path ?? path,
                          message: "\(error)", offset: 0, size: tally.files.last?.size ?? 0, fixable: false)
        }
        if case .truncated(let file, let filePath, let validUpTo, let size) = end {
            let message = tally.inTransaction ? "Reached EOF before reading EXEC for MULTI" : "Unexpected end of file reading the append only file"
            throw Problem(kind: .truncated, file: file, path: filePath, message: message, offset: validUpTo, size: size, fixable: true)
        }
        files = tally.files
    }

    /// Counts what each file holds and checks that transactions are balanced, as redis-check-aof does.
    struct Tally: AOFReplayHandler {
        let multiPart: Bool
        var files: [FileReport] = []
        var inTransaction = false

        mutating func beginFile(_ entry: AOFManifest.Entry, path: String, size: Int) throws {
            let role = !multiPart ? "file" : entry.type == .base ? "base" : "incr"
            files.append(FileReport(name: entry.name, path: path, role: role, size: size))
            inTransaction = false
        }

        mutating func rdbRecord(_ record: RDBDecoder.Record) throws {
            let i = files.count - 1
            if files[i].rdbKeys == nil { files[i].rdbKeys = 0 }
            if case .entry = record { files[i].rdbKeys! += 1 }
        }

        mutating func command(_ command: AOFCommand) throws {
            let i = files.count - 1
            files[i].commands += 1
            func problem(_ message: String) -> Problem {
                Problem(kind: .corrupt, file: files[i].name, path: files[i].path, message: message, offset: command.start,
                        size: files[i].size, fixable: false)
            }
            let verb = command.args[0]
            if AOFCommandReader.isCommand(verb, "multi") {
                guard !inTransaction else { throw problem("Unexpected MULTI in AOF \(files[i].name)") }
                inTransaction = true
            } else if AOFCommandReader.isCommand(verb, "exec") {
                guard inTransaction else { throw problem("Unexpected EXEC in AOF \(files[i].name)") }
                inTransaction = false
            } else if AOFCommandReader.isCommand(verb, "discard") {
                inTransaction = false
            }
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
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
            let found = AOFDirectory.names(in: dir).filter { $0.hasSuffix(".manifest") && !$0.hasPrefix("temp-") }
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
}
