import Glibc

/// A file that replaces its destination only once it is complete and durable: bytes go to a temporary file in the
/// same directory, which is fsynced, renamed over the destination, and then the directory is fsynced so the
/// rename itself survives a crash. Until `commit` the destination keeps its previous contents, whatever happens.
public final class AtomicFile {
    public let path: String
    public let temporaryPath: String
    private var fd: Int32
    public private(set) var bytesWritten = 0

    /// Creates (truncating) the temporary file `temporaryName` next to `path`.
    public init(path: String, temporaryName: String) throws(FileError) {
        self.path = path
        let dir = AtomicFile.directory(of: path)
        temporaryPath = dir == "." && !path.hasPrefix("./") ? temporaryName : dir + "/" + temporaryName
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError("Failed opening the temp file \(temporaryPath) for saving", errno: errno) }
    }

    deinit {
        if fd >= 0 { abort() }
    }

    public func write(_ bytes: [UInt8]) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError("Write error saving DB on disk", errno: errno)
            }
            done += n
        }
        bytesWritten += done
    }

    /// fsync, close, rename over the destination, fsync the directory.
    public func commit() throws(FileError) {
        guard fsync(fd) == 0 else { throw FileError("Failed to fsync \(temporaryPath)", errno: errno) }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw FileError("Failed to close \(temporaryPath)", errno: errno) }
        guard rename(temporaryPath, path) == 0 else {
            let e = errno
            unlink(temporaryPath)
            throw FileError("Error moving temp DB file \(temporaryPath) on the final destination \(path)", errno: e)
        }
        let dirfd = open(AtomicFile.directory(of: path), O_RDONLY | O_CLOEXEC)
        if dirfd >= 0 {
            defer { close(dirfd) }
            guard fsync(dirfd) == 0 else { throw FileError("Failed to fsync the directory of \(path)", errno: errno) }
        }
    }

    /// Drops the temporary file; the destination is untouched.
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporaryPath)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// A failed file operation, worded like Redis's log lines, with the system error.
public struct FileError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public let errno: Int32

    public init(_ message: String, errno: Int32) {
        self.message = message
        self.errno = errno
    }

    public var description: String { "\(message): \(String(cString: strerror(errno)))" }
}
