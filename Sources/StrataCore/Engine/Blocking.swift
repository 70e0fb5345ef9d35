import NIOCore
import RESP
import StrataCollections

/// A command waiting for data (BLPOP, BZPOPMIN, XREAD BLOCK...): where it waits, until when, and how to try again.
public final class BlockedCommand {
    public let client: ClientSession
    public let db: Int
    public let keys: [CompactBytes]
    /// Absolute deadline in Unix ms; 0 waits forever.
    public let deadline: Int64
    let args: [Bytes]
    let command: CommandSpec
    let timeoutReply: (ClientSession, inout ByteBuffer) -> Void
    let retry: (Call, inout ByteBuffer) -> Bool

    init(client: ClientSession, db: Int, keys: [CompactBytes], deadline: Int64, args: [Bytes], command: CommandSpec,
         timeoutReply: @escaping (ClientSession, inout ByteBuffer) -> Void, retry: @escaping (Call, inout ByteBuffer) -> Bool) {
        self.client = client
        self.db = db
        self.keys = keys
        self.deadline = deadline
        self.args = args
        self.command = command
        self.timeoutReply = timeoutReply
        self.retry = retry
    }
}

/// The engine's blocked clients: per key, the commands waiting on it in arrival order (Redis serves them FIFO), and
/// the keys that changed since the last time waiters were served.
struct BlockingState {
    struct Slot: Hashable {
        let db: Int
        let key: CompactBytes
    }

    var waiters: [Slot: [BlockedCommand]] = [:]
    /// The key whose waiters are being served (see `Call.readyKey`).
    var serving: Slot?
    var readyKeys: [Slot] = []
    var readySet = Set<Slot>()
    var blockedCount = 0

    mutating func markReady(_ slot: Slot) {
        guard waiters[slot] != nil, readySet.insert(slot).inserted else { return }
        readyKeys.append(slot)
    }
}

extension Call {
    /// Blocks the calling client until one of `keys` changes and `retry` succeeds, or until `timeoutMillis` passes
    /// (0 = forever), when `timeoutReply` answers. The handler calls this instead of replying when it finds nothing
    /// to serve. `retry` runs after a command that touched one of the keys, with a fresh `Call`; it writes the reply
    /// and returns true when it served the client, or returns false (writing nothing) to keep waiting at the same
    /// place in line. Inside MULTI/EXEC a blocking command never blocks: it answers `timeoutReply` at once.
    public func block(keys: [Bytes], timeoutMillis: Int64, out: inout ByteBuffer,
                      timeoutReply: @escaping (ClientSession, inout ByteBuffer) -> Void,
                      retry: @escaping (Call, inout ByteBuffer) -> Bool) {
        if client.executingTransaction {
            timeoutReply(client, &out)
            return
        }
        // A timeout too far out to add to the clock waits as long as the clock can count.
        let (sum, overflow) = now.addingReportingOverflow(timeoutMillis)
        let deadline = timeoutMillis > 0 ? (overflow ? .max : sum) : 0
        let blocked = BlockedCommand(client: client, db: client.db, keys: keys.map { CompactBytes($0) },
                                     deadline: deadline, args: args, command: command,
                                     timeoutReply: timeoutReply, retry: retry)
        engine.register(blocked)
    }

    /// The timeout of a blocking command, given in seconds with decimals (BLPOP's last argument): milliseconds, or
    /// nil after writing Redis's error for a negative or malformed value.
    ///
    /// Rules (Redis's `getTimeoutFromObjectOrReply`): the text must be a whole C long double (`LongDoubleText`);
    /// milliseconds are rounded up; milliseconds that do not fit in 64 bits (inf, 1e16) convert to the most
    /// negative integer, so they are reported as negative; -0.0001 rounds to 0 and waits forever.
    public func blockingTimeout(_ i: Int, _ out: inout ByteBuffer) -> Int64? {
        guard let seconds = LongDoubleText.parse(args[i]) else {
            out.writeErrorReply("ERR timeout is not a float or out of range")
            return nil
        }
        let millis = (seconds * 1000).rounded(.up)
        guard millis > -1, millis < 0x1p63 else {
            out.writeErrorReply("ERR timeout is negative")
            return nil
        }
        return Int64(millis)
    }

    /// While a blocked command is being retried: the key whose change woke it. Redis serves a command waiting on
    /// several keys from this key, not from the first of its keys that holds data.
    public var readyKey: Bytes? { engine.blocking.serving?.key.bytes }
}

extension Engine {
    /// Number of clients waiting in a blocking command (INFO blocked_clients).
    public var blockedClientCount: Int { blocking.blockedCount }

    func register(_ blocked: BlockedCommand) {
        blocked.client.blocked = blocked
        blocking.blockedCount += 1
        let db = databases[blocked.db]
        for key in blocked.keys {
            blocking.waiters[.init(db: blocked.db, key: key), default: []].append(blocked)
            db.observe(key)
        }
        // Deadlines beyond a day are left to the cron's sweep (the event loop's timer cannot count that far for
        // the largest timeouts).
        if blocked.deadline > 0, blocked.deadline - Engine.clockMillis() < 86_400_000 {
            host?.schedule(atMillis: blocked.deadline) { [weak self] in self?.expireBlockedCommands() }
        }
    }

    /// Removes a blocked command from every queue it waits in.
    func unregister(_ blocked: BlockedCommand) {
        guard blocked.client.blocked === blocked else { return }
        blocked.client.blocked = nil
        blocking.blockedCount -= 1
        let db = databases[blocked.db]
        for key in blocked.keys {
            let slot = BlockingState.Slot(db: blocked.db, key: key)
            blocking.waiters[slot]?.removeAll { $0 === blocked }
            if blocking.waiters[slot]?.isEmpty == true { blocking.waiters[slot] = nil }
            db.stopObserving(key)
        }
    }

    /// Gives waiting commands their turn on the keys that changed, oldest waiter first. Serving one can change
    /// other keys (BLMOVE pushes), which are served in the same pass.
    func serveReadyKeys() {
        while !blocking.readyKeys.isEmpty {
            let ready = blocking.readyKeys
            blocking.readyKeys.removeAll()
            blocking.readySet.removeAll()
            for slot in ready {
                for blocked in blocking.waiters[slot] ?? [] where blocked.client.blocked === blocked {
                    var out = ByteBuffer()
                    let call = Call(engine: self, client: blocked.client, args: blocked.args, command: blocked.command,
                                    now: Engine.clockMillis())
                    blocking.serving = slot
                    let served = loggingEffects(of: blocked.args, db: blocked.client.db) { blocked.retry(call, &out) }
                    commandLog.commitUnit()
                    blocking.serving = nil
                    guard served else { continue }
                    unregister(blocked)
                    blocked.command.calls += 1
                    stats.commandsProcessed += 1
                    blocked.client.unblocked?(out)
                }
            }
        }
    }

    /// Answers blocked commands whose deadline has passed with their timeout reply.
    public func expireBlockedCommands(now: Int64 = Engine.clockMillis()) {
        guard blocking.blockedCount > 0 else { return }
        var expired: [BlockedCommand] = []
        var seen = Set<ObjectIdentifier>()
        for queue in blocking.waiters.values {
            for b in queue where b.deadline > 0 && b.deadline <= now && seen.insert(ObjectIdentifier(b)).inserted {
                expired.append(b)
            }
        }
        for b in expired.sorted(by: { $0.deadline < $1.deadline }) {
            unregister(b)
            var out = ByteBuffer()
            b.timeoutReply(b.client, &out)
            b.client.unblocked?(out)
        }
    }

    /// CLIENT UNBLOCK: ends `client`'s blocking command with its timeout reply, or with an -UNBLOCKED error;
    /// false when the client is not blocked.
    func unblock(_ client: ClientSession, withError: Bool) -> Bool {
        guard let blocked = client.blocked else { return false }
        unregister(blocked)
        var out = ByteBuffer()
        if withError {
            out.writeErrorReply("UNBLOCKED client unblocked via CLIENT UNBLOCK")
        } else {
            blocked.timeoutReply(client, &out)
        }
        client.unblocked?(out)
        return true
    }

    /// A client went away: forget whatever it waited for.
    public func disconnect(_ client: ClientSession) {
        if let b = client.blocked { unregister(b) }
        releaseTransactionAndSubscriptions(client)
        clients.remove(client)
    }
}
