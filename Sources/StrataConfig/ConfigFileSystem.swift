import Glibc

/// The few file operations configuration needs, reporting failures as `strerror` text the way
/// Redis words them ("No such file or directory").
enum ConfigFileSystem {
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// The whole content of a file, or the reason it could not be read.
    static func read(_ path: String) -> Result<String, ConfigValueError> {
        guard let file = fopen(path, "r") else { return .failure(ConfigValueError(errorText())) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[..<count]
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { return .failure(ConfigValueError(errorText())) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// Everything readable from standard input.
    static func readStandardInput() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = fread(&chunk, 1, chunk.count, stdin)
            bytes += chunk[..<count]
            if count < chunk.count { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The files a wildcard `include` names, sorted; none when nothing matches.
    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
    }

    /// `path` made absolute against the current directory.
    static func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : ConfigValueKind.currentDirectory() + "/" + path
    }

    /// Replaces `path` with `content` atomically: a temporary file next to it is written,
    /// flushed to disk, given mode 0644 (less the umask) and renamed over the original.
    static func replaceAtomically(_ path: String, with content: String) throws(ConfigValueError) {
        var template = Array((path + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ConfigValueError(errorText()) }
        let temporary = String(cString: template)
        defer { close(fd) }
        let bytes = Array(content.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return try failing(removing: temporary) }
            written += result
        }
        let mask = umask(0)
        umask(mask)
        guard fsync(fd) == 0, fchmod(fd, 0o644 & ~mask) == 0, rename(temporary, path) == 0 else {
            return try failing(removing: temporary)
        }
    }

    private static func failing(removing temporary: String) throws(ConfigValueError) {
        let error = ConfigValueError(errorText())
        unlink(temporary)
        throw error
    }
}
