import Glibc
import NIOCore
import RESP

/// A blocking RESP client over one IPv4 TCP socket (127.0.0.1 unless told): writes commands as arrays of bulk
/// strings (or raw bytes), and reads replies with the RESP target's parser, waiting at most
/// `timeout` seconds for each. A class because it owns a file descriptor.
final class RedisConnection {
    let port: Int
    let timeout: Double
    private let fd: Int32
    private var inbound = ByteBufferAllocator().buffer(capacity: 64 * 1024)
    private var parser = RESPValueParser()
    /// Set once a read returned 0 bytes: the server closed its end.
    private(set) var isClosed = false

    init(port: Int, host: String = "127.0.0.1", timeout: Double = 10) throws {
        self.port = port
        self.timeout = timeout
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError.socket(call: "socket", errno: errno, port: port) }
        var address = sockaddr_in.loopback(port: port)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(fd)
            throw HarnessError.socket(call: "inet_pton", errno: EINVAL, port: port)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw HarnessError.socket(call: "connect", errno: code, port: port)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { Glibc.close(fd) }

    /// Sends one command and returns its reply.
    func send(_ args: [String]) throws -> RESPValue {
        try write(args)
        return try readReply()
    }

    /// Writes every command in a single write, then reads one reply per command.
    func pipeline(_ commands: [[String]]) throws -> [RESPValue] {
        var out = ByteBufferAllocator().buffer(capacity: commands.count * 32)
        for command in commands { RESPValue.command(command).encode(into: &out) }
        try sendRaw(Array(out.readableBytesView))
        return try commands.map { _ in try readReply() }
    }

    /// Writes one command without waiting for its reply.
    func write(_ args: [String]) throws {
        var out = ByteBufferAllocator().buffer(capacity: 64)
        RESPValue.command(args).encode(into: &out)
        try sendRaw(Array(out.readableBytesView))
    }

    /// Writes `bytes` exactly as given: malformed input, inline commands, split writes.
    func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw HarnessError.socket(call: "send", errno: errno, port: port) }
            offset += sent
        }
    }

    func sendRaw(_ text: String) throws { try sendRaw(Array(text.utf8)) }

    /// The next complete reply, waiting at most `timeout` seconds (the connection's default if nil).
    func readReply(timeout: Double? = nil) throws -> RESPValue {
        let deadline = Deadline(seconds: timeout ?? self.timeout)
        while true {
            do {
                if let value = try parser.parse(&inbound) {
                    if inbound.readerIndex > 1 << 20 { inbound.discardReadBytes() }
                    return value
                }
            } catch {
                throw HarnessError.malformedReply(port: port, underlying: error)
            }
            if isClosed { throw HarnessError.closed(port: port) }
            try receive(until: deadline)
        }
    }

    /// Reads and discards until the server closes the connection; false if it is still open
    /// after `timeout` seconds.
    func waitUntilClosed(timeout: Double = 5) throws -> Bool {
        let deadline = Deadline(seconds: timeout)
        while !isClosed {
            do { try receive(until: deadline) } catch HarnessError.timeout { return false }
            inbound.moveReaderIndex(to: inbound.writerIndex)
        }
        return true
    }

    /// One `recv` once the socket is readable; marks the connection closed on end of stream.
    private func receive(until deadline: Deadline) throws {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, deadline.remainingMilliseconds)
        guard ready > 0 else {
            if ready < 0 && errno == EINTR { return }
            throw ready == 0
                ? HarnessError.timeout(port: port, seconds: timeout, partialBytes: inbound.readableBytes)
                : HarnessError.socket(call: "poll", errno: errno, port: port)
        }
        var failure: Int32 = 0
        let count = inbound.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 * 1024) { space in
            let n = recv(fd, space.baseAddress, space.count, 0)
            if n < 0 { failure = errno }
            return max(n, 0)
        }
        if failure == ECONNRESET || (count == 0 && failure == 0) {
            isClosed = true
        } else if failure != 0 && failure != EINTR && failure != EAGAIN {
            throw HarnessError.socket(call: "recv", errno: failure, port: port)
        }
    }
}
