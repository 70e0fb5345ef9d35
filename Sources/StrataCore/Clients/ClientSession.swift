import NIOCore
import RESP

/// The state the core keeps for one connected client. The network layer owns the connection and installs the
/// closures through which the core reaches it (pushing unsolicited output, closing).
public final class ClientSession {
    /// How replies are sent, set by CLIENT REPLY.
    public enum ReplyMode { case on, off, skipNext }

    public let id: Int64
    public var name: Bytes?
    public var db = 0
    public var proto: RESPVersion = .v2
    public var authenticated: Bool
    public var user = "default"
    /// "ip:port" of the peer and of the local socket, as CLIENT LIST prints them.
    public var peerAddress: String
    public var localAddress: String
    /// True for a peer on a loopback address or a Unix socket (protected mode lets these in).
    public var isLocal: Bool
    public let createdAt: Int64
    public var lastInteraction: Int64
    public var lastCommand = "NULL"
    public var replyMode = ReplyMode.on
    /// CLIENT NO-EVICT on: this client's commands never trigger eviction.
    public var noEvict = false
    /// Set by QUIT and CLIENT KILL: close the connection once pending output is written.
    public var closeAfterReply = false
    /// The client applies an already-decided history (the AOF loader's, a master's link), like Redis's
    /// mustObeyClient: commands take the effects of their own log as given (XADD/XTRIM accept LIMIT with an exact
    /// trim and ignore it).
    public var mustObey = false
    public var isMonitor = false
    /// Held back by CLIENT PAUSE (Redis's postponed clients): exempt from `timeout`, as blocked clients are.
    public var isPostponed = false
    /// The command this client waits in (BLPOP...), if any; the connection reads no further input meanwhile.
    public internal(set) var blocked: BlockedCommand?
    /// True while EXEC runs this client's queued commands (blocking commands then answer at once).
    public var executingTransaction = false

    // MARK: Transactions and Pub/Sub
    /// The commands queued since MULTI; nil outside a transaction.
    public internal(set) var transaction: QueuedTransaction?
    /// The keys this client WATCHes.
    var watchedKeys: [WatchedKey] = []
    /// A watched key changed since WATCH (Redis's CLIENT_DIRTY_CAS): the next EXEC answers nil.
    public internal(set) var watchBroken = false
    /// Channels, patterns and shard channels this client listens to.
    public internal(set) var subscriptions = ClientSubscriptions()
    /// True while one of this client's commands runs. Messages published to the client meanwhile (RESP3 keyspace
    /// notifications of its own writes, its own PUBLISH) are held and written next to that command's reply, where
    /// Redis writes them, instead of overtaking replies not yet flushed: before it, or after it when the command
    /// reports its events after replying (`reportingAfterReply`, e.g. EXPIRE, GETDEL).
    var inCommand = false
    var reportingAfterReply = false
    var pushesBeforeReply: ByteBuffer?
    var pushesAfterReply: ByteBuffer?

    /// Writes bytes to this client outside the request/reply flow (MONITOR, pub/sub, unblocking).
    public var deliver: ((ByteBuffer) -> Void)?
    /// Ends a blocked command: the connection sends this reply and resumes reading the client's input.
    public var unblocked: ((ByteBuffer) -> Void)?
    /// Closes this client's connection (CLIENT KILL from another client).
    public var kill: (() -> Void)?
    /// Sizes of the connection buffers for CLIENT LIST: (query buffer bytes, output bytes pending).
    public var bufferSizes: (() -> (query: Int, output: Int))?

    public init(id: Int64, peerAddress: String, localAddress: String, isLocal: Bool, authenticated: Bool, now: Int64) {
        self.id = id
        self.peerAddress = peerAddress
        self.localAddress = localAddress
        self.isLocal = isLocal
        self.authenticated = authenticated
        self.createdAt = now
        self.lastInteraction = now
    }
}
