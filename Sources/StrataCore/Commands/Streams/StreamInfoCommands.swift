import NIOCore
import RESP

/// XINFO STREAM | GROUPS | CONSUMERS | HELP: what a stream holds and how its groups and consumers stand.
extension Engine {
    static var xinfoCommand: CommandSpec {
        CommandSpec("xinfo", arity: -2, flags: [], group: "stream", since: "5.0.0",
                    summary: "Describes a stream, its consumer groups or a group's consumers.", subcommands: [
            xinfoSub("stream", -3, "Describes a stream, optionally with its entries and groups in full.",
                     "key [FULL [COUNT count]]", StreamInfoCommands.stream),
            xinfoSub("groups", 3, "Lists the consumer groups of a stream.", "key", StreamInfoCommands.groups),
            xinfoSub("consumers", 4, "Lists the consumers of a consumer group.", "key group",
                     StreamInfoCommands.consumers),
            CommandSpec("xinfo|help", arity: 2, flags: [.loading, .stale], group: "stream", since: "5.0.0",
                        summary: "Lists the XINFO subcommands.") { _, out in
                writeHelp("XINFO", [
                    "CONSUMERS <key> <groupname>",
                    "    Show consumers of <groupname>.",
                    "GROUPS <key>",
                    "    Show the stream consumer groups.",
                    "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.",
                ], &out)
            },
        ], handler: nil)
    }

    private static func xinfoSub(_ name: String, _ arity: Int, _ summary: String, _ syntax: String,
                                 _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec("xinfo|" + name, arity: arity, flags: [.readonly], keys: (2, 2, 1), group: "stream",
                    since: "5.0.0", summary: summary, syntax: syntax, handler: handler)
    }
}

enum StreamInfoCommands {
    /// The stream under argument 2, or nil after "no such key" or WRONGTYPE.
    private static func stream(_ call: Call, _ out: inout ByteBuffer) -> StreamValue? {
        switch call.lookupStream(call.args[2]) {
        case .missing: out.writeErrorReply(ReplyError.noSuchKey)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .stream(let s): return s
        }
        return nil
    }


    /// XINFO STREAM key [FULL [COUNT count]]: counters and first/last entry, or (FULL) up to COUNT entries (10 by
    /// default, 0 for all) and every group with its pending entries and consumers.
    static func stream(_ call: Call, _ out: inout ByteBuffer) {
        guard let s = stream(call, &out) else { return }
        var full = false
        var count: Int64 = 10
        let options = call.argc - 3
        if options > 0 {
            guard options == 1 || options == 3, call.arg(3, is: "FULL") else {
                return out.writeErrorReply(StreamError.subcommandSyntax(call))
            }
            full = true
            if options == 3 {
                guard call.arg(4, is: "COUNT") else { return out.writeErrorReply(StreamError.subcommandSyntax(call)) }
                guard let n = call.integer(5, &out) else { return }
                count = n < 0 ? 10 : n
            }
        }
        let proto = call.proto
        out.writeMapHeader(full ? 9 : 10, proto)
        out.writeBulkReply(string: "length")
        out.writeIntegerReply(s.count)
        out.writeBulkReply(string: "radix-tree-keys")
        out.writeIntegerReply(s.entries.nodes.count)
        out.writeBulkReply(string: "radix-tree-nodes")
        out.writeIntegerReply(s.entries.radixTreeNodeCount)
        out.writeBulkReply(string: "last-generated-id")
        out.writeStreamID(s.lastID)
        out.writeBulkReply(string: "max-deleted-entry-id")
        out.writeStreamID(s.maxDeletedID)
        out.writeBulkReply(string: "entries-added")
        out.writeIntegerReply(Int(s.entriesAdded))
        out.writeBulkReply(string: "recorded-first-entry-id")
        out.writeStreamID(s.firstID)
        if !full {
            out.writeBulkReply(string: "groups")
            out.writeIntegerReply(s.groups.count)
            for (label, reverse) in [("first-entry", false), ("last-entry", true)] {
                out.writeBulkReply(string: label)
                var found = false
                s.entries.forEach(from: .zero, through: .max, reverse: reverse) { p in
                    out.writeStreamEntry(s.entries[p], s.entries.nodes[p.node], p.index)
                    found = true
                    return false
                }
                if !found { out.writeNullReply(proto) }
            }
            return
        }
        let limit = Int(count)
        out.writeBulkReply(string: "entries")
        s.writeRange(from: .zero, to: .max, count: limit, reverse: false, &out)
        out.writeBulkReply(string: "groups")
        out.writeArrayHeader(s.groups.count)
        for g in s.groups {
            out.writeMapHeader(7, proto)
            out.writeBulkReply(string: "name")
            out.writeBulkReply(g.name)
            out.writeBulkReply(string: "last-delivered-id")
            out.writeStreamID(g.lastID)
            writeEntriesReadAndLag(s, g, proto, &out)
            out.writeBulkReply(string: "pel-count")
            out.writeIntegerReply(g.pending.count)
            out.writeBulkReply(string: "pending")
            var rows: [(StreamID, StreamPendingEntry)] = []
            g.pending.forEach { id, e in
                rows.append((id, e))
                return limit == 0 || rows.count < limit
            }
            out.writeArrayHeader(rows.count)
            for (id, e) in rows {
                out.writeArrayHeader(4)
                out.writeStreamID(id)
                out.writeBulkReply(e.consumer)
                out.writeIntegerReply(Int(e.deliveryTime))
                out.writeIntegerReply(Int(e.deliveryCount))
            }
            out.writeBulkReply(string: "consumers")
            out.writeArrayHeader(g.consumers.count)
            for c in g.consumers {
                out.writeMapHeader(4, proto)
                out.writeBulkReply(string: "name")
                out.writeBulkReply(c.name)
                out.writeBulkReply(string: "seen-time")
                out.writeIntegerReply(Int(c.seenTime))
                out.writeBulkReply(string: "pel-count")
                out.writeIntegerReply(c.pending.count)
                out.writeBulkReply(string: "pending")
                var ids: [StreamID] = []
                c.pending.forEach { id, _ in
                    ids.append(id)
                    return limit == 0 || ids.count < limit
                }
                out.writeArrayHeader(ids.count)
                for id in ids {
                    let e = g.pending[id]!
                    out.writeArrayHeader(3)
                    out.writeStreamID(id)
                    out.writeIntegerReply(Int(e.deliveryTime))
                    out.writeIntegerReply(Int(e.deliveryCount))
                }
            }
        }
    }

    /// "entries-read" (null when unknown) and "lag" (null when it cannot be computed) of a group.
    private static func writeEntriesReadAndLag(_ s: StreamValue, _ g: StreamConsumerGroup, _ proto: RESPVersion,
                                               _ out: inout ByteBuffer) {
        out.writeBulkReply(string: "entries-read")
        if g.entriesRead == StreamConsumerGroup.unknownEntriesRead {
            out.writeNullReply(proto)
        } else {
            out.writeIntegerReply(Int(g.entriesRead))
        }
        out.writeBulkReply(string: "lag")
        if let lag = s.lag(of: g) { out.writeIntegerReply(Int(lag)) } else { out.writeNullReply(proto) }
    }

    /// XINFO GROUPS key
    static func groups(_ call: Call, _ out: inout ByteBuffer) {
        guard let s = stream(call, &out) else { return }
        out.writeArrayHeader(s.groups.count)
        for g in s.groups {
            out.writeMapHeader(6, call.proto)
            out.writeBulkReply(string: "name")
            out.writeBulkReply(g.name)
            out.writeBulkReply(string: "consumers")
            out.writeIntegerReply(g.consumers.count)
            out.writeBulkReply(string: "pending")
            out.writeIntegerReply(g.pending.count)
            out.writeBulkReply(string: "last-delivered-id")
            out.writeStreamID(g.lastID)
            writeEntriesReadAndLag(s, g, call.proto, &out)
        }
    }

    /// XINFO CONSUMERS key group: each consumer's name, pending count and milliseconds since it was last seen.
    static func consumers(_ call: Call, _ out: inout ByteBuffer) {
        guard let s = stream(call, &out) else { return }
        guard let g = s.group(call.args[3]) else {
            return out.writeErrorReply(StreamError.noGroup(call.args[3], key: call.args[2]))
        }
        out.writeArrayHeader(g.consumers.count)
        for c in g.consumers {
            out.writeMapHeader(3, call.proto)
            out.writeBulkReply(string: "name")
            out.writeBulkReply(c.name)
            out.writeBulkReply(string: "pending")
            out.writeIntegerReply(c.pending.count)
            out.writeBulkReply(string: "idle")
            out.writeIntegerReply(Int(max(0, call.now - c.seenTime)))
        }
    }
}
