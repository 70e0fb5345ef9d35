import NIOCore
import RESP

/// The ordered log of the dataset's changes, as deterministic commands in RESP form: what the AOF appends and
/// what replicas will be fed. Each command that changes the dataset records its *effect* (EXPIRE as PEXPIREAT,
/// SPOP as SREM, a served BLPOP as LPOP, an expired or evicted key as DEL...), never the request when the two
/// could differ on replay.
///
/// Effects gather while a command (with the expirations it caused) runs and are written as one unit when it
/// ends: a unit of several effects is wrapped in MULTI/EXEC so a reader applies it whole, and a SELECT goes in
/// front whenever the database differs from the one the log last selected. `offset` counts every byte written
/// since the server started; it is the replication offset (INFO master_repl_offset).
///
/// The log only encodes while a consumer is attached (`isActive`): with neither AOF nor replicas nothing is
/// written and the offset stays where it is, as Redis's does without a backlog.
public final class CommandLog {
    /// One effect: a command to apply in database `db`.
    public struct Effect: Equatable {
        public let db: Int
        public let args: [[UInt8]]
    }

    /// Whether anything consumes the log; when false, effects are neither gathered nor encoded.
    public var isActive = false
    /// Bytes written since the log began (continued from the AOF after a restart: see `resume`).
    public private(set) var offset: Int64 = 0
    /// Encoded units not yet taken by the consumer.
    public private(set) var output = ByteBuffer()
    /// Effects of the unit in progress.
    private(set) var pending: [Effect] = []
    /// The database the log's reader is in after the last SELECT written; -1 before any.
    private var selectedDB = -1
    /// Set when the running command recorded its effects itself (so its request is not logged as-is).
    var recordedExplicitly = false

    public init() {}

    /// Adds an effect to the unit in progress.
    func record(_ effect: Effect) {
        pending.append(effect)
    }

    /// Ends the unit in progress: encodes its effects, wrapped in MULTI/EXEC when `atomic` and there are several.
    @inline(__always) func commitUnit(atomic: Bool = true) {
        guard isActive, !pending.isEmpty else { return }
        let start = output.writerIndex
        let wrap = atomic && pending.count > 1
        if wrap {
            select(pending[0].db)
            encode([Array("MULTI".utf8)])
        }
        for effect in pending {
            select(effect.db)
            encode(effect.args)
        }
        if wrap { encode([Array("EXEC".utf8)]) }
        pending.removeAll(keepingCapacity: true)
        offset += Int64(output.writerIndex - start)
    }

    /// The consumer went away (`appendonly no`): effects gathered or encoded for it are dropped, and the next
    /// consumer starts with a SELECT.
    public func detach() {
        isActive = false
        pending.removeAll()
        output.clear()
        selectedDB = -1
    }

    /// Hands the encoded units to the consumer and starts an empty buffer.
    public func takeOutput() -> ByteBuffer {
        let taken = output
        output = ByteBuffer()
        return taken
    }

    /// Continues the offset where the log on disk ends (after loading the AOF), so offsets stay monotonic across
    /// restarts.
    public func resume(at offset: Int64) {
        precondition(self.offset == 0 && output.readableBytes == 0, "resume before anything is logged")
        self.offset = offset
    }

    /// Makes the next unit start with a SELECT whatever the database (a new AOF file starts without context).
    public func forgetSelectedDatabase() { selectedDB = -1 }

    private func select(_ db: Int) {
        guard db != selectedDB else { return }
        selectedDB = db
        encode([Array("SELECT".utf8), Array(String(db).utf8)])
    }

    private func encode(_ args: [[UInt8]]) {
        output.writeArrayHeader(args.count)
        for a in args { output.writeBulkReply(a) }
    }
}
