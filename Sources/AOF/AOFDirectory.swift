import Glibc
import RDB

/// File operations on `appenddirname`, worded like Redis's log lines when they fail.
public enum AOFDirectory {
    /// `directory/name`.
    public static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates the directory if missing (dirCreateIfMissing).
    public static func create(_ directory: String) throws(FileError) {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw FileError("Can't open or create append-only dir \(directory)", errno: errno)
        }
    }

    /// The manifest of `directory`, or nil when there is none. Parse errors are thrown as `AOFManifestError`.
    public static func loadManifest(directory: String, names: AOFFileNames) throws -> AOFManifest? {
        let path = path(directory, names.manifest)
        guard let bytes = try readFile(path) else { return nil }
        return try AOFManifest.parse(bytes)
    }

    /// The whole file, or nil when it does not exist.
    static func readFile(_ path: String) throws(FileError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw FileError("Fatal error: can't open the AOF manifest file \(path) for reading", errno: errno)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError("Read AOF manifest failed", errno: errno)
            }
            if n == 0 { return out }
            out += chunk[0..<n]
        }
    }

    /// Replaces the manifest atomically: temp file, fsync, rename, fsync of the directory.
    public static func writeManifest(_ manifest: AOFManifest, directory: String, names: AOFFileNames) throws(FileError) {
        let file = try AtomicFile(path: path(directory, names.manifest), temporaryName: names.temporaryManifest)
        do {
            try file.write(manifest.serialized())
            try file.commit()
        } catch {
            file.abort()
            throw FileError("Can't persist the AOF manifest file \(names.manifest)", errno: error.errno)
        }
    }

    /// Moves a pre-7.0 single AOF (`appendfilename` in the server's directory, at `legacyFile`) into
    /// `directory` as the base of a new manifest, as Redis 7's aofUpgradePrepare does, when Redis would: the
    /// legacy file exists and either the directory or its manifest is missing, the manifest lists nothing, or it
    /// lists only that file as base without the file having been moved yet (a crash mid-upgrade). Returns true
    /// when it upgraded. The manifest is written before the move, so a crash in between is retried next start.
    @discardableResult
    public static func upgradeLegacyFile(_ legacyFile: String, into directory: String, names: AOFFileNames) throws -> Bool {
        guard access(legacyFile, F_OK) == 0 else { return false }
        var isDirectory = stat()
        let dirExists = stat(directory, &isDirectory) == 0 && (isDirectory.st_mode & S_IFMT) == S_IFDIR
        let existing = dirExists ? try loadManifest(directory: directory, names: names) : nil
        let movedPath = path(directory, names.appendFilename)
        let needed: Bool
        if let m = existing {
            needed = m.isEmpty || (m.incrs.isEmpty && m.base?.name == names.appendFilename && access(movedPath, F_OK) != 0)
        } else {
            needed = true
        }
        guard needed else { return false }
        try create(directory)
        var manifest = AOFManifest()
        manifest.base = AOFManifest.Entry(name: names.appendFilename, seq: 1, type: .base)
        manifest.currentBaseSeq = 1
        try writeManifest(manifest, directory: directory, names: names)
        guard rename(legacyFile, movedPath) == 0 else {
            throw FileError("Error trying to move the old AOF file \(legacyFile) into dir \(directory)", errno: errno)
        }
        return true
    }

    static func openForAppend(_ path: String) throws(FileError) -> Int32 {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError("Can't open the append-only file \(path)", errno: errno) }
        return fd
    }

    /// The names of the entries of a directory (empty if it cannot be read).
    public static func names(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Deletes the temporary bases that rewrites interrupted by a crash left behind.
    static func removeStaleTemporaryBases(_ directory: String) {
        for name in names(in: directory) where name.hasPrefix("temp-rewriteaof-bg-") && name.hasSuffix(".aof") {
            unlink(path(directory, name))
        }
    }

    /// Size in bytes, 0 if the file is missing.
    public static func size(of path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// fsyncs a finished file before it is renamed into place.
    static func fsyncFile(_ path: String) throws(FileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError("Can't open the temporary AOF base file \(path)", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileError("Failed to fsync the temporary AOF base file \(path)", errno: errno) }
    }
}
