import Dispatch
import Glibc
import Logging
import NIOCore
import NIOPosix
import RESP
import StrataConfig
import StrataCore

/// The network server: binds the configured addresses, owns the single event loop on which the engine and every
/// connection run, drives the periodic cron, and handles shutdown.
public final class StrataServer: EngineHost {
    public let engine: Engine
    public let config: ConfigStore
    public let logger: Logger
    let group: MultiThreadedEventLoopGroup
    /// The one loop that owns the engine.
    let loop: EventLoop
    private var listeners: [Listener] = []
    private var cronTask: RepeatedTask?
    private let stopped: EventLoopPromise<Void>
    private(set) var shuttingDown = false
    public private(set) var tcpPort = 0
    /// The process's exit status once `wait()` returns: 1 when the dump could not be loaded.
    public private(set) var exitStatus: Int32 = 0
    public let executablePath: String

    public init(config: ConfigStore, logger: Logger, executablePath: String) {
        self.config = config
        self.logger = logger
        self.executablePath = executablePath
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        stopped = loop.makePromise()
        engine = Engine(config: config, logger: logger)
        engine.host = self
    }

    /// Binds every address of the `bind` directive on `port`. An address written with a leading "-" is optional:
    /// failing to bind it because it is not this machine's is logged and ignored, as Redis does.
    public func start() throws {
        // -LOADING is answered from before the port opens, so no client can see an empty dataset; the files are
        // touched only once the port is ours (another instance may be running on the same directory).
        try loop.submit { [self] in engine.startupLoadPending = true }.wait()
        let port = config.int("port")
        var bound: [Listener] = []
        for spec in config.strings("bind") {
            let optional = spec.hasPrefix("-")
            let address = optional ? String(spec.dropFirst()) : spec
            let host = address == "*" ? "0.0.0.0" : address == "::*" ? "::" : address
            do {
                bound.append(try Listener(host: host, port: port, backlog: Int32(config.int("tcp-backlog"))))
            } catch {
                logger.warning("Warning: Could not create server TCP listening socket \(address):\(port): \(error)")
                // As Redis: an optional address that is not this machine's is skipped, and so is any address of a
                // protocol the machine lacks (IPv6 in the default `bind * -::*`); any other failure is fatal.
                if let failure = error as? ListenError,
                   (optional && failure.code == EADDRNOTAVAIL) || ListenError.unsupportedProtocol.contains(failure.code) {
                    continue
                }
                for listener in bound { listener.stop() }
                throw error
            }
        }
        guard !bound.isEmpty else { throw NotListeningAnywhere() }
        // Listeners start on the event loop, where a shutdown (a SIGTERM during startup) would stop them.
        try loop.submit { [self] in
            guard !shuttingDown else { return bound.forEach { $0.stop() } }
            listeners = bound
            for listener in bound { listener.start(serving: NIOLoopBound(self, eventLoop: loop)) }
        }.wait()
        startupStep = try loop.submit { [self] in
            defer { engine.startupLoadPending = false }
            return engine.beginStartupLoad()
        }.wait()
        tcpPort = bound.first?.port ?? port
        let period = TimeAmount.milliseconds(Int64(1000 / max(1, min(500, engine.settings.hz))))
        cronTask = loop.scheduleRepeatedTask(initialDelay: period, delay: period) { [weak self] _ in
            self?.engine.cron()
        }
    }

    /// Connections whose replies wait for this event-loop round's AOF write, and whether that write is queued.
    private var heldConnections: [ConnectionHandler] = []
    private var appendOnlyRoundQueued = false

    /// Group commit: replies that acknowledge logged effects wait until the AOF write (and fsync under
    /// `appendfsync always`) that covers them. The write runs once, as a task queued behind the I/O events of the
    /// current event-loop round, so one fsync covers every client whose command arrived in that round.
    func holdUntilAppendOnlyWritten(_ connection: ConnectionHandler) {
        heldConnections.append(connection)
        guard !appendOnlyRoundQueued else { return }
        appendOnlyRoundQueued = true
        loop.execute { [self] in
            appendOnlyRoundQueued = false
            engine.flushAppendOnly()
            let held = heldConnections
            heldConnections.removeAll(keepingCapacity: true)
            for connection in held { connection.flushHeldReplies() }
        }
    }

    /// What `start` found about the dump: loading, absent, or unreadable.
    private var startupStep = StartupLoadStep.done

    /// Loads the dataset while serving: a dump (or an AOF's RDB base) is decoded on a background thread and
    /// installed on the event loop; an AOF's commands are replayed on the event loop a slice at a time; clients get
    /// -LOADING meanwhile. Then calls `ready`. A file that fails to load stops the server with exit status 1
    /// instead, none of its data having been served.
    public func loadDataset(ready: @escaping () -> Void) {
        loop.execute { [self] in advanceLoad(startupStep, ready) }
    }

    private func advanceLoad(_ step: StartupLoadStep, _ ready: @escaping () -> Void) {
        // A shutdown during the load discarded it: nothing to install.
        guard !shuttingDown else { return }
        guard step == .loading else { return loaded(step, ready) }
        // Only the event loop touches the server and `ready`; other threads and tasks only carry them back.
        let bound = NIOLoopBound((server: self, ready: ready), eventLoop: loop)
        let loop = loop
        if let reader = engine.startupLoadReader {
            DispatchQueue.global().async {
                let error = reader.readToEnd()
                loop.execute {
                    let (server, ready) = bound.value
                    server.advanceLoad(server.engine.finishStartupLoad(error), ready)
                }
            }
            return
        }
        let next = engine.continueAppendOnlyLoad(byteBudget: config.int("loading-process-events-interval-bytes"))
        guard next == .loading else { return loaded(next, ready) }
        // A task due a little later (not an immediate one) lets the event loop poll its sockets first, so clients
        // are answered between slices.
        loop.scheduleTask(in: .microseconds(50)) {
            let (server, ready) = bound.value
            server.advanceLoad(.loading, ready)
        }
    }

    private func loaded(_ step: StartupLoadStep, _ ready: () -> Void) {
        if step == .failed {
            exitStatus = 1
            shuttingDown = true
            finish(farewell: false)
        } else {
            // A CONFIG SET appendonly made during the load takes effect now.
            engine.applyAppendOnlySetting()
            ready()
        }
    }

    /// Releases the event loop of a server that will not serve (it could not listen), so the process can exit with
    /// its own status.
    public func discard() {
        stopped.succeed(())
        try? group.syncShutdownGracefully()
    }

    /// Blocks until the server has shut down.
    public func wait() {
        try? stopped.futureResult.wait()
        try? group.syncShutdownGracefully()
    }

    /// Stops accepting, closes clients and completes `wait()`. Called on the event loop.
    public func shutdown(_ options: ShutdownOptions) -> String? {
        if options.abort { return "ERR No shutdown in progress." }
        guard !shuttingDown else { return nil }
        logger.warning("User requested shutdown...")
        guard engine.saveBeforeShutdown(options) else { return "ERR Errors trying to SHUTDOWN. Check logs." }
        shuttingDown = true
        finish()
        return nil
    }

    public func schedule(atMillis: Int64, _ body: @escaping () -> Void) {
        let delay = max(0, atMillis - Engine.clockMillis())
        loop.scheduleTask(in: .milliseconds(delay)) { body() }
    }

    /// SIGTERM/SIGINT: shut down as SHUTDOWN would.
    public func handleSignal(_ name: String) {
        loop.execute { [self] in
            guard !shuttingDown else { return }
            logger.warning("Received \(name) scheduling shutdown...")
            guard engine.saveBeforeShutdown(ShutdownOptions()) else {
                return logger.warning("\(name) received but errors trying to shut down the server, check the logs for more information")
            }
            shuttingDown = true
            finish()
        }
    }

    private func finish(farewell: Bool = true) {
        cronTask?.cancel()
        // No new client first: connections accepted before this point and not yet set up are refused by the
        // channel initializer of `Listener.start(serving:)`.
        for listener in listeners { listener.stop() }
        listeners = []
        for c in engine.clients.ordered { c.kill?() }
        if farewell { logger.warning("Strata is now ready to exit, bye bye...") }
        stopped.succeed(())
    }
}
