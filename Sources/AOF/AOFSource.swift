import Glibc
import RDB

/// Random-access bytes an AOF file is read from: a file (with `pread`) or memory. Random access lets the reader
/// hand the RDB preamble to the RDB decoder and resume exactly after it.
public protocol AOFSource: AnyObject {
    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(AOFError) -> Int
}

/// A file opened read-only.
public final class AOFFileSource: AOFSource {
    public let path: String
    private let fd: Int32

    public init(path: String) throws(AOFError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw AOFError(code == ENOENT ? .missing : .io, file: path, offset: 0, "cannot open \(path): \(String(cString: strerror(code)))")
        }
    }

    deinit { close(fd) }

    public var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(AOFError) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR {
                throw AOFError(.io, file: path, offset: offset, "read error on \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Bytes in memory (tests, payloads).
public final class AOFBytesSource: AOFSource {
    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(AOFError) -> Int {
        let n = max(0, min(buffer.count, bytes.count - offset))
        if n > 0 { bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
        return n
    }
}

/// The RDB decoder's view of a source, from its first byte.
struct AOFSourceRDBInput: RDBInput {
    let source: AOFSource
    var position = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try source.read(at: position, into: buffer)
        position += n
        return n
    }
}

/// Why an AOF file cannot be read (to its end).
///
/// - `truncated`: the file ends inside a command (a crash during a write): `offset` is the end of the last
///   complete command, where Redis's `aof-load-truncated` cuts the file.
/// - `corrupt`: bytes that are not an AOF command where one must start or continue: `offset` is where.
/// - `missing`: a file the manifest lists does not exist.
/// - `io`: the file could not be opened or read.
public struct AOFError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable { case truncated, corrupt, missing, io }

    public let kind: Kind
    public let file: String
    public let offset: Int
    public let message: String

    public init(_ kind: Kind, file: String, offset: Int, _ message: String) {
        self.kind = kind
        self.file = file
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) in \(file) at offset \(offset)" }
}
