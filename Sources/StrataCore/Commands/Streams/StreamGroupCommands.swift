import NIOCore
import RESP

/// XGROUP CREATE | SETID | DESTROY | CREATECONSUMER | DELCONSUMER | HELP: managing consumer groups.
extension Engine {
    static var xgroupCommand: CommandSpec {
        let w: CommandFlags = [.write], wd: CommandFlags = [.write, .denyOOM]
        return CommandSpec("xgroup", arity: -2, flags: [], group: "stream", since: "5.0.0",
                           summary: "Manages the consumer groups of a stream.", subcommands: [
            xgroupSub("create", -5, wd, "5.0.0", "Creates a consumer group.",
                      "key group id | $ [MKSTREAM] [ENTRIESREAD entries-read]", StreamGroupCommands.create),
            xgroupSub("setid", -5, w, "5.0.0", "Moves the last delivered ID of a consumer group.",
                      "key group id | $ [ENTRIESREAD entries-read]", StreamGroupCommands.setid),
            xgroupSub("destroy", 4, w, "5.0.0", "Deletes a consumer group.", "key group", StreamGroupCommands.destroy),
            xgroupSub("createconsumer", 5, wd, "6.2.0", "Adds a consumer to a consumer group.", "key group consumer",
                      StreamGroupCommands.createConsumer),
            xgroupSub("delconsumer", 5, w, "5.0.0", "Removes a consumer and its pending entries from a group.",
                      "key group consumer", StreamGroupCommands.deleteConsumer),
            CommandSpec("xgroup|help", arity: 2, flags: [.loading, .stale], group: "stream", since: "5.0.0",
                        summary: "Lists the XGROUP subcommands.") { _, out in
                writeHelp("XGROUP", [
                    "CREATE <key> <groupname> <id|$> [option]",
                    "    Create a new consumer group. Options are:",
                    "    * MKSTREAM",
                    "      Create the empty stream if it does not exist.",
                    "    * ENTRIESREAD entries_read",
                    "      Set the group's entries_read counter (internal use).",
                    "CREATECONSUMER <key> <groupname> <consumer>",
                    "    Create a new consumer in the specified group.",
                    "DELCONSUMER <key> <groupname> <consumer>",
                    "    Remove the specified consumer.",
                    "DESTROY <key> <groupname>",
                    "    Remove the specified group.",
                    "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                    "    Set the current group ID and entries_read counter.",
                ], &out)
            },
        ], handler: nil)
    }

    private static func xgroupSub(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String,
                                  _ summary: String, _ syntax: String,
                                  _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec("xgroup|" + name, arity: arity, flags: flags, keys: (2, 2, 1), group: "stream", since: since,
                    summary: summary, syntax: syntax, handler: handler)
    }
}

enum StreamGroupCommands {
    /// What every XGROUP subcommand but HELP checks first, in Redis's order: CREATE/SETID options, the key's
    /// type, that the key exists (unless MKSTREAM), that the group exists (SETID, CREATECONSUMER, DELCONSUMER).
    struct Prelude {
        var stream: StreamValue?
        var makeStream = false
        var entriesRead = StreamConsumerGroup.unknownEntriesRead
    }

    static func prelude(_ call: Call, needsGroup: Bool, _ out: inout ByteBuffer) -> Prelude? {
        var p = Prelude()
        let create = call.arg(1, is: "CREATE")
        if create || call.arg(1, is: "SETID") {
            var i = 5
            while i < call.argc {
                if create && call.arg(i, is: "MKSTREAM") {
                    p.makeStream = true
                    i += 1
                } else if call.arg(i, is: "ENTRIESREAD") && i + 1 < call.argc {
                    guard let n = call.integer(i + 1, &out) else { return nil }
                    guard n >= 0 || n == StreamConsumerGroup.unknownEntriesRead else {
                        out.writeErrorReply("ERR value for ENTRIESREAD must be positive or -1")
                        return nil
                    }
                    p.entriesRead = n
                    i += 2
                } else {
                    out.writeErrorReply(StreamError.subcommandSyntax(call))
                    return nil
                }
            }
        }
        switch call.lookupStreamForWrite(call.args[2]) {
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
            return nil
        case .missing: break
        case .stream(let s): p.stream = s
        }
        if !p.makeStream {
            guard let s = p.stream else {
                out.writeErrorReply(StreamError.keyRequired)
                return nil
            }
            if needsGroup && s.group(call.args[3]) == nil {
                out.writeErrorReply(StreamError.noGroup(call.args[3], key: call.args[2]))
                return nil
            }
        }
        return p
    }


    /// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]
    static func create(_ call: Call, _ out: inout ByteBuffer) {
        guard let p = prelude(call, needsGroup: false, &out) else { return }
        guard call.argc <= 8 else { return out.writeErrorReply(StreamError.subcommandSyntax(call)) }
        let key = call.args[2], name = call.args[3]
        let id: StreamID
        if call.args[4] == [36] {
            id = p.stream?.lastID ?? .zero
        } else {
            guard let parsed = call.streamID(4, &out) else { return }
            id = parsed
        }
        if p.stream == nil {
            call.engine.setKey(call.db, key, .stream(StreamValue()), now: call.now)
        }
        if p.stream?.group(name) != nil { return out.writeErrorReply(StreamError.busyGroup) }
        call.editStream(key) { _ = $0.createGroup(name, lastID: id, entriesRead: p.entriesRead) }
        out.writeSimpleString("OK")
        call.engine.dirty += 1
        call.notify(.stream, "xgroup-create", key)
    }

    /// XGROUP SETID key group id|$ [ENTRIESREAD n]
    static func setid(_ call: Call, _ out: inout ByteBuffer) {
        guard let p = prelude(call, needsGroup: true, &out), let s = p.stream else { return }
        guard call.argc == 5 || call.argc == 7 else { return out.writeErrorReply(StreamError.subcommandSyntax(call)) }
        let key = call.args[2]
        let id: StreamID
        if call.args[4] == [36] {
            id = s.lastID
        } else {
            guard let parsed = call.streamID(4, &out, strict: false) else { return }
            id = parsed
        }
        call.editStream(key) { s in
            s.modifyGroup(call.args[3]) { g in
                g.lastID = id
                g.entriesRead = p.entriesRead
            }
        }
        out.writeSimpleString("OK")
        call.engine.dirty += 1
        call.notify(.stream, "xgroup-setid", key)
    }

    /// XGROUP DESTROY key group: 1 when the group existed. Clients blocked on it are answered NOGROUP.
    static func destroy(_ call: Call, _ out: inout ByteBuffer) {
        guard let p = prelude(call, needsGroup: false, &out), let s = p.stream else { return }
        let key = call.args[2]
        guard s.group(call.args[3]) != nil else { return out.writeIntegerReply(0) }
        call.editStream(key) { _ = $0.destroyGroup(call.args[3]) }
        out.writeIntegerReply(1)
        call.engine.dirty += 1
        call.notify(.stream, "xgroup-destroy", key)
    }

    /// XGROUP CREATECONSUMER key group consumer: 1 when created, 0 when it existed.
    static func createConsumer(_ call: Call, _ out: inout ByteBuffer) {
        guard let p = prelude(call, needsGroup: true, &out), let s = p.stream else { return }
        let key = call.args[2]
        guard s.group(call.args[3])?.consumer(call.args[4]) == nil else { return out.writeIntegerReply(0) }
        call.editStream(key) { s in
            s.modifyGroup(call.args[3]) { $0.createConsumer(call.args[4], now: call.now) }
        }
        out.writeIntegerReply(1)
        call.engine.dirty += 1
        call.notify(.stream, "xgroup-createconsumer", key)
    }

    /// XGROUP DELCONSUMER key group consumer: the number of entries the consumer had pending (now dropped).
    static func deleteConsumer(_ call: Call, _ out: inout ByteBuffer) {
        guard let p = prelude(call, needsGroup: true, &out), let s = p.stream else { return }
        let key = call.args[2]
        guard s.group(call.args[3])?.consumer(call.args[4]) != nil else { return out.writeIntegerReply(0) }
        let pending = call.editStream(key) { s in s.modifyGroup(call.args[3]) { $0.deleteConsumer(call.args[4]) } }
        out.writeIntegerReply((pending ?? nil) ?? 0)
        call.engine.dirty += 1
        call.notify(.stream, "xgroup-delconsumer", key)
    }
}
