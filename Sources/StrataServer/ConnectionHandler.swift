import Glibc
import Logging
import NIOCore
import RESP
import StrataCore

/// One client connection. Parses and executes in the same handler that receives the bytes (no per-command
/// pipeline hop), appends every reply of one read burst to a single outbound buffer and flushes it once, on
/// `channelReadComplete`: straight to the socket when it takes all of it, through NIO otherwise (see `transmit`).
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: StrataServer
    private let engine: Engine
    /// The connection's socket, which NIO owns and closes (see `Listener`).
    private let descriptor: Int32
    /// Writes handed to NIO and not yet completed: while there are any, later output queues behind them.
    private var queuedInNIO = 0
    /// Their bytes: the output the socket has not taken, which `client-output-buffer-limit` bounds.
    private var queuedBytes = 0
    /// Since when (unix seconds, Redis's granularity) the queued output has stayed over the soft limit.
    private var overSoftLimitSince: Int64?
    private var session: ClientSession!
    private var context: ChannelHandlerContext!
    private var parser: RESPRequestParser
    private var input: ByteBuffer?
    private var output: ByteBuffer
    /// The arguments of the command being run; the parser reuses their storage for the next one.
    private var args: [Bytes] = []
    /// A command CLIENT PAUSE is holding back; input after it waits too.
    private var pausedArgs: [Bytes]?
    private var closing = false
    /// Bytes of output pending when the current command started (CLIENT LIST's omem).
    private var outputBeforeCommand = 0
    /// The replies wait for this round's AOF write (see `StrataServer.holdUntilAppendOnlyWritten`).
    private var heldForAppendOnly = false
    /// Pub/sub and MONITOR messages that arrived while effects were waiting for the AOF: like replies, they
    /// leave after the write that covers what they announce (a keyspace notification of a write, say).
    private var heldMessages = ByteBuffer()

    init(server: StrataServer, descriptor: Int32) {
        self.server = server
        self.descriptor = descriptor
        self.engine = server.engine
        self.parser = RESPRequestParser(limits: RESPRequestLimits(maxBulkLength: server.engine.settings.protoMaxBulkLength))
        self.output = ByteBufferAllocator().buffer(capacity: 4096)
    }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        let channel = context.channel
        let peer = channel.remoteAddress
        let now = Engine.clockMillis()
        let isLocal = ConnectionHandler.isLoopback(peer)
        session = ClientSession(id: engine.clients.allocateID(), peerAddress: ConnectionHandler.describe(peer),
                                localAddress: ConnectionHandler.describe(channel.localAddress), isLocal: isLocal,
                                authenticated: engine.settings.requirePass == nil, now: now)
        if let refusal = engine.admit(isLocal: isLocal) { return refuse(refusal) }
        // Strong captures, released in channelInactive: a weak reference would give the handler a side table, and
        // NIO retains the handler for every read event, so each of those retains would take the runtime's slow path.
        session.deliver = { buffer in self.deliver(buffer) }
        session.kill = { self.close() }
        session.unblocked = { reply in self.resumeAfterUnblock(reply) }
        // Must not touch `output` itself: it is being written to while a command (CLIENT LIST) runs.
        session.bufferSizes = { (self.input?.readableBytes ?? 0, self.outputBeforeCommand + self.queuedBytes) }
        engine.clients.add(session)
        parser.limits.authenticationPending = !session.authenticated
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        if let session {
            engine.disconnect(session)
            session.deliver = nil
            session.kill = nil
            session.unblocked = nil
            session.bufferSizes = nil
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        var buffer = unwrapInboundIn(data)
        engine.stats.netInputBytes += buffer.readableBytes
        session.lastInteraction = Engine.clockMillis()
        if input == nil {
            input = buffer
        } else {
            input!.writeBuffer(&buffer)
        }
        if pausedArgs == nil, session.blocked == nil {
            process()
        } else {
            enforceQueryBufferLimit(input?.readableBytes ?? 0)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        close()
    }

    /// Runs every complete command in the input.
    private func process() {
        guard var buffer = input else { return }
        engine.beginBurst()
        parser.limits.maxBulkLength = engine.settings.protoMaxBulkLength
        input = nil
        defer {
            if !closing, buffer.readableBytes > 0 {
                if buffer.readerIndex > 64 * 1024 { buffer.discardReadBytes() }
                input = buffer
            }
        }
        while !closing {
            let complete: Bool
            do {
                complete = try parser.parse(&buffer, into: &args)
            } catch {
                output.writeErrorReply("ERR " + error.message)
                server.logger.debug("Protocol error from client \(session.peerAddress): \(error.message)")
                return closeAfterFlush()
            }
            guard complete else { break }
            if !run() { break }
        }
        if !closing { enforceQueryBufferLimit(buffer.readableBytes) }
    }

    /// Closes a client whose unprocessed input (unparsed bytes plus the request being assembled) exceeds
    /// `client-query-buffer-limit`.
    private func enforceQueryBufferLimit(_ unparsed: Int) {
        let size = unparsed + parser.pendingBytes
        guard size > engine.settings.queryBufferLimit else { return }
        server.logger.warning("Closing client that reached max query buffer length: addr=\(session.peerAddress) qbuf=\(size)")
        close()
    }

    /// Executes the parsed command in `args`; false when processing must stop (pause or close).
    private func run() -> Bool {
        outputBeforeCommand = output.readableBytes
        switch engine.execute(args, client: session, out: &output) {
        case .paused:
            session.isPostponed = true
            pausedArgs = args
            args.removeAll(keepingCapacity: true)
            context.eventLoop.scheduleTask(in: .milliseconds(10)) { self.resumeAfterPause() }
            return false
        case .blocked:
            return false
        case .done:
            // Until AUTH succeeds the parser refuses big requests, as Redis does for unauthenticated clients.
            if parser.limits.authenticationPending == session.authenticated {
                parser.limits.authenticationPending = !session.authenticated
            }
            if session.closeAfterReply {
                closeAfterFlush()
                return false
            }
            // Redis checks the output limits as replies are added, so a pipeline of big replies cannot pile up
            // past them within one read; checked only once the output is big enough to matter.
            if output.readableBytes >= ConnectionHandler.outputCheckThreshold {
                enforceOutputLimit(pending: output.readableBytes)
                if closing { return false }
            }
            return true
        }
    }

    private func resumeAfterPause() {
        guard !closing, let pending = pausedArgs else { return }
        args = pending
        pausedArgs = nil
        session.isPostponed = false
        engine.beginBurst()
        if run() { process() }
        flush()
    }

    /// A blocked command finished: send its reply, then run whatever the client pipelined after it.
    private func resumeAfterUnblock(_ reply: ByteBuffer) {
        guard !closing else { return }
        var reply = reply
        output.writeBuffer(&reply)
        engine.beginBurst()
        process()
        flush()
    }

    private func flush() {
        guard output.readableBytes > 0, !closing else { return }
        // Replies leave only once the effects they acknowledge are written (and fsynced, under `always`).
        if engine.repliesWaitForAppendOnly {
            if !heldForAppendOnly {
                heldForAppendOnly = true
                server.holdUntilAppendOnlyWritten(self)
            }
            return
        }
        send()
    }

    /// Sends the replies (then the messages) held for the AOF write that just happened.
    func flushHeldReplies() {
        heldForAppendOnly = false
        guard !closing else { return }
        if output.readableBytes > 0 { send() }
        if heldMessages.readableBytes > 0 {
            deliverNow(heldMessages)
            heldMessages.clear()
        }
    }

    /// A message published to this client by another one (or by the server).
    private func deliver(_ buffer: ByteBuffer) {
        guard !closing else { return }
        guard heldForAppendOnly || engine.repliesWaitForAppendOnly else { return deliverNow(buffer) }
        var buffer = buffer
        heldMessages.writeBuffer(&buffer)
        if !heldForAppendOnly {
            heldForAppendOnly = true
            server.holdUntilAppendOnlyWritten(self)
        }
    }

    private func deliverNow(_ buffer: ByteBuffer) {
        var buffer = buffer
        transmit(&buffer)
    }

    private func send() {
        transmit(&output)
        // Clearing reuses the buffer's storage, unless NIO still holds it for a write it has queued: then clear()
        // gets fresh storage instead.
        output.clear()
    }

    /// Sends `buffer`'s readable bytes: written to the socket directly when NIO has nothing of this connection
    /// queued (almost always: one write(2) and no pipeline traversal, pending-write bookkeeping or promise), and
    /// whatever the socket did not take — or everything while NIO still has queued output, so the order holds —
    /// goes through NIO, which waits for the socket to drain and reports errors by closing the channel.
    private func transmit(_ buffer: inout ByteBuffer) {
        // NIO may have closed the socket while earlier output was sent (a reset, or the output limit): the number
        // may already belong to another connection.
        guard !closing else { return buffer.clear() }
        engine.stats.netOutputBytes += buffer.readableBytes
        if queuedInNIO == 0 {
            let written = buffer.withUnsafeReadableBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written == buffer.readableBytes { return buffer.moveReaderIndex(forwardBy: written) }
            if written > 0 { buffer.moveReaderIndex(forwardBy: written) }
        }
        let bytes = buffer.readableBytes
        queuedInNIO += 1
        queuedBytes += bytes
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { result in
            self.queuedInNIO -= 1
            self.queuedBytes -= bytes
            if self.queuedBytes == 0 { self.overSoftLimitSince = nil }
            if case .success = result, let session = self.session { session.lastInteraction = Engine.clockMillis() }
        }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: written)
        buffer.moveReaderIndex(forwardBy: bytes)
        enforceOutputLimit(pending: 0)
    }

    /// Output at which `run` checks the limits before the burst is sent (Redis's reply chunk size).
    private static let outputCheckThreshold = 16 * 1024

    /// Closes a client whose output the socket has not taken (queued in NIO, plus `pending` bytes not sent yet)
    /// is over its class's `client-output-buffer-limit` (pubsub while subscribed, else normal): at once over the
    /// hard limit, or once it has stayed over the soft limit for longer than its seconds, as Redis does.
    private func enforceOutputLimit(pending: Int) {
        guard let session, !closing else { return }
        let settings = engine.settings
        let limit = session.subscriptions.isActive ? settings.pubsubOutputLimit : settings.normalOutputLimit
        guard limit.hard > 0 || limit.soft > 0 else { return }
        let size = UInt64(queuedBytes + pending)
        var overLimit = limit.hard > 0 && size >= limit.hard
        if limit.soft > 0 && size >= limit.soft {
            let now = Engine.clockMillis() / 1000
            if let since = overSoftLimitSince {
                overLimit = overLimit || now - since > Int64(limit.softSeconds)
            } else {
                overSoftLimitSince = now
            }
        } else {
            overSoftLimitSince = nil
        }
        guard overLimit else { return }
        server.logger.warning("Client \(engine.clientInfoLine(session)) scheduled to be closed ASAP for overcoming of output buffer limits.")
        close()
    }

    private func closeAfterFlush() {
        // No round is left to write the AOF before the connection goes: write it now.
        if engine.repliesWaitForAppendOnly { engine.flushAppendOnly() }
        flush()
        close()
    }

    private func close() {
        guard !closing else { return }
        closing = true
        context.close(promise: nil)
    }

    private func refuse(_ error: String) {
        output.writeErrorReply(error)
        session = nil
        closeAfterFlush()
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address else { return true }
        switch address {
        case .unixDomainSocket: return true
        case .v4: return address.ipAddress?.hasPrefix("127.") ?? false
        case .v6: return address.ipAddress == "::1" || (address.ipAddress?.hasPrefix("::ffff:127.") ?? false)
        }
    }

    /// "ip:port" as Redis prints client addresses.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "" }
        return "\(ip):\(address.port ?? 0)"
    }
}
