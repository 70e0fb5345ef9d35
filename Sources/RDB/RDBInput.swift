import Glibc

/// Where the decoder reads from: a file, a replication payload, an in-memory DUMP.
public protocol RDBInput {
    /// Fills up to `buffer.count` bytes; returns 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An in-memory input (DUMP payloads, tests).
public struct BytesInput: RDBInput {
    let bytes: [UInt8]
    var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// A file read sequentially with plain `read(2)` calls.
public final class FileInput: RDBInput {
    public let path: String
    private let fd: Int32

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RDBError(offset: 0, "cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Size of the file in bytes.
    public var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw RDBError(offset: 0, "read error on \(path): \(String(cString: strerror(errno)))") }
        }
    }
}

/// Why an RDB could not be read: what is wrong, at which byte offset of the input, and in which key if known.
public struct RDBError: Error, CustomStringConvertible, Equatable {
    public let offset: Int
    public let message: String
    public var key: [UInt8]?

    public init(offset: Int, _ message: String, key: [UInt8]? = nil) {
        self.offset = offset
        self.message = message
        self.key = key
    }

    public var description: String {
        var text = "\(message) (at byte \(offset)"
        if let key { text += ", key '\(String(decoding: key, as: UTF8.self))'" }
        return text + ")"
    }
}
