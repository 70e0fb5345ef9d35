import CStrataSystem
import Dispatch
import Glibc
import Logging
import NIOCore
import NIOPosix

/// One listening TCP socket. Its connections are accepted on a thread of its own and handed over as descriptors;
/// the server turns each into a NIO channel on its event loop (`ClientBootstrap.withConnectedSocket`).
///
/// Strata accepts by itself, rather than through NIO's `ServerBootstrap`, to know each connection's descriptor:
/// `ConnectionHandler` writes replies to it directly when nothing is queued in NIO, which at one command per
/// read (`redis-benchmark -P 1`) costs about a sixth less CPU per request than NIO's outbound path.
final class Listener: @unchecked Sendable {
    /// The port actually bound (the configured one, or the kernel's choice for port 0).
    let port: Int
    private let descriptor: Int32
    private let exited = DispatchGroup()
    private var started = false
    /// Connections handed to the event loop and not yet set up there. The accepting thread waits while there are
    /// `maxPendingHandoffs` of them, so a busy event loop (a SAVE, a load) leaves new connections in the kernel's
    /// backlog (`tcp-backlog`) as Redis's would, instead of piling up descriptors.
    private let handoffs = DispatchSemaphore(value: Listener.maxPendingHandoffs)
    static let maxPendingHandoffs = 128

    /// Creates, binds and listens on `host`:`port` (`SO_REUSEADDR`; IPv6 sockets are IPv6-only, as Redis's).
    init(host: String, port: Int, backlog: Int32) throws {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let family: Int32
        switch address {
        case .v4: family = AF_INET
        case .v6: family = AF_INET6
        case .unixDomainSocket: throw ListenError(call: "socket", code: EAFNOSUPPORT)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ListenError(call: "socket", code: errno) }
        do {
            var one: Int32 = 1
            try Listener.check(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)), "setsockopt")
            if family == AF_INET6 {
                try Listener.check(setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)), "setsockopt")
            }
            try address.withSockAddr { pointer, size in
                try Listener.check(bind(fd, pointer, socklen_t(size)), "bind")
            }
            try Listener.check(listen(fd, backlog), "listen")
            self.port = try Listener.boundPort(fd)
        } catch {
            Glibc.close(fd)
            throw error
        }
        descriptor = fd
    }

    /// Accepts connections until `stop` and makes each a channel on `server`'s event loop, with a
    /// `ConnectionHandler`; connections whose setup runs once the server is shutting down are closed.
    func start(serving server: NIOLoopBound<StrataServer>) {
        let loop = server.eventLoop
        let logger = server.value.logger
        start(logger: logger) { [handoffs] descriptor in
            ClientBootstrap(group: loop)
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .channelOption(ChannelOptions.maxMessagesPerRead, value: 16)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let server = server.value
                        guard !server.shuttingDown else { throw ChannelError.ioOnClosedChannel }
                        Listener.enableKeepAlive(descriptor, interval: server.config.int("tcp-keepalive"))
                        try channel.pipeline.syncOperations.addHandler(ConnectionHandler(server: server, descriptor: descriptor))
                    }
                }
                .withConnectedSocket(descriptor)
                .whenComplete { _ in handoffs.signal() }
        }
    }

    /// The accepting thread: passes each connected descriptor to `accepted`, at most `maxPendingHandoffs` at a
    /// time (`accepted` signals `handoffs` when one is set up or has failed).
    private func start(logger: Logger, accepted: @escaping @Sendable (Int32) -> Void) {
        let fd = descriptor
        let handoffs = handoffs
        started = true
        exited.enter()
        let thread = DispatchQueue(label: "strata.accept.\(port)")
        thread.async { [exited] in
            defer {
                Glibc.close(fd)
                exited.leave()
            }
            while true {
                handoffs.wait()
                let connection = strata_accept_cloexec(fd)
                if connection >= 0 {
                    accepted(connection)
                    continue
                }
                let error = errno
                handoffs.signal()
                switch error {
                case EINTR, ECONNABORTED, EPROTO, EAGAIN:
                    continue
                case EINVAL, EBADF:
                    // `stop` shut the socket down.
                    return
                default:
                    // Out of descriptors or memory: logged as Redis logs it, then a pause rather than a spin.
                    logger.warning("Accepting client connection: \(String(cString: strerror(error)))")
                    usleep(10_000)
                }
            }
        }
    }

    /// Stops accepting and closes the socket; returns once the accepting thread has ended. Called once.
    func stop() {
        guard started else {
            Glibc.close(descriptor)
            return
        }
        // Wakes the thread blocked in accept(2), which then closes the descriptor itself (so it is never reused
        // while that thread could still pass it to accept). A thread waiting for a handoff slot instead is let
        // through to accept, which then fails: the handoffs it waits for are tasks of this event loop, which is
        // busy here, so it could otherwise wait forever.
        shutdown(descriptor, Int32(SHUT_RDWR))
        handoffs.signal()
        exited.wait()
    }

    /// `tcp-keepalive` on a client socket, as Redis sets it: the first probe after `interval` idle seconds, then
    /// one every third of it, the peer given up after three unanswered probes. 0 leaves keepalive off.
    static func enableKeepAlive(_ descriptor: Int32, interval: Int) {
        guard interval > 0 else { return }
        let size = socklen_t(MemoryLayout<Int32>.size)
        var on: Int32 = 1
        var idle = Int32(clamping: interval)
        var probeInterval = Swift.max(1, idle / 3)
        var probes: Int32 = 3
        setsockopt(descriptor, SOL_SOCKET, SO_KEEPALIVE, &on, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPIDLE, &idle, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPINTVL, &probeInterval, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPCNT, &probes, size)
    }

    private static func check(_ result: Int32, _ call: StaticString) throws {
        if result != 0 { throw ListenError(call: "\(call)", code: errno) }
    }

    private static func boundPort(_ fd: Int32) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try check(result, "getsockname")
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}

/// A socket call that failed while setting up a listening socket, described as Redis logs it ("bind: Address
/// already in use").
struct ListenError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String { "\(call): \(String(cString: strerror(code)))" }

    /// Errors that mean the machine has no such protocol or address family.
    static let unsupportedProtocol: Set<Int32> = [ENOPROTOOPT, EPROTONOSUPPORT, ESOCKTNOSUPPORT, EPFNOSUPPORT, EAFNOSUPPORT]
}

/// Every `bind` address was skipped.
struct NotListeningAnywhere: Error {}
