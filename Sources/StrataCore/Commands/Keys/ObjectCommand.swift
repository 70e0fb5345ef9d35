import NIOCore
import RESP

/// OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP: inspection of a key's value and access metadata. The
/// lookups count as hits or misses but do not touch the key, so inspecting does not change what is inspected.
extension Engine {
    static var objectCommand: CommandSpec {
        CommandSpec("object", arity: -2, flags: [], group: "generic", since: "2.2.3",
                    summary: "Inspects the internals of the value under a key.", subcommands: [
            objectSub("encoding", since: "2.2.3", "Names the internal representation of a key's value.") { entry, call, out in
                out.writeBulkReply(entry.value.encodingName.utf8)
            },
            objectSub("freq", since: "4.0.0", "Returns a key's logarithmic access frequency counter.") { entry, call, out in
                guard call.engine.settings.maxMemoryPolicy.isLFU else { return out.writeErrorReply(ReplyError.freqWithoutLFU) }
                out.writeIntegerReply(Int(call.engine.lfuDecayed(entry.access)))
            },
            objectSub("idletime", since: "2.2.3", "Returns the seconds since a key was last used.") { entry, call, out in
                guard !call.engine.settings.maxMemoryPolicy.isLFU else { return out.writeErrorReply(ReplyError.idleTimeUnderLFU) }
                out.writeIntegerReply(call.engine.idleSeconds(entry.access))
            },
            objectSub("refcount", since: "2.2.3", "Returns how many references a key's value has.") { entry, call, out in
                out.writeIntegerReply(call.engine.referenceCount(entry.value))
            },
            CommandSpec("object|help", arity: 2, flags: [.loading, .stale], group: "generic", since: "6.2.0",
                        summary: "Lists the OBJECT subcommands.") { _, out in
                writeHelp("OBJECT", [
                    "ENCODING <key>",
                    "    Return the kind of internal representation used in order to store the value",
                    "    associated with a <key>.",
                    "FREQ <key>",
                    "    Return the access frequency index of the <key>. The returned integer is",
                    "    proportional to the logarithm of the recent access frequency of the key.",
                    "IDLETIME <key>",
                    "    Return the idle time of the <key>, that is the approximated number of",
                    "    seconds elapsed since the last access to the key.",
                    "REFCOUNT <key>",
                    "    Return the number of references of the value associated with the specified",
                    "    <key>.",
                ], &out)
            },
        ], handler: nil)
    }

    /// An OBJECT subcommand taking one key: a missing key answers null before any other check.
    private static func objectSub(_ name: String, since: String, _ summary: String,
                                  _ body: @escaping (Entry, Call, inout ByteBuffer) -> Void) -> CommandSpec {
        CommandSpec("object|" + name, arity: 3, flags: [.readonly], keys: (2, 2, 1), group: "generic", since: since,
                    summary: summary, syntax: "key") { call, out in
            guard let entry = call.engine.lookupRead(call.db, call.args[2], now: call.now, touch: false, reportMiss: false) else {
                return out.writeNullReply(call.proto)
            }
            body(entry, call, &out)
        }
    }

    /// Redis shares one object for each integer below 10000 and reports INT_MAX as its reference count, unless
    /// maxmemory is set with an LRU or LFU policy (shared objects cannot carry per-key access data); every other
    /// value has one reference. Redis decides when the value is created; this reports by the current settings.
    func referenceCount(_ value: StoredValue) -> Int {
        guard case .string(.int(let n)) = value, (0..<Engine.sharedIntegerLimit).contains(n) else { return 1 }
        let policy = settings.maxMemoryPolicy
        let tracksAccess = policy.isLFU || policy == .allKeysLRU || policy == .volatileLRU
        return settings.maxMemory > 0 && tracksAccess ? 1 : Int(Int32.max)
    }

    /// Integers below this are Redis's shared objects.
    static let sharedIntegerLimit: Int64 = 10_000
}
