import NIOCore
import RESP

/// CLIENT and its subcommands.
enum ClientCommand {
    static let invalidNameError = "ERR Client names cannot contain spaces, newlines or special characters."

    /// Names may hold printable ASCII except space.
    static func isValidName(_ name: Bytes) -> Bool {
        name.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A CLIENT subcommand: loading and stale like every one, noscript unless `scriptable` (only HELP is).
    static func sub(_ name: String, _ arity: Int, _ flags: CommandFlags, _ summary: String, _ syntax: String = "",
                    scriptable: Bool = false, _ handler: @escaping CommandHandler) -> CommandSpec {
        let common: CommandFlags = scriptable ? [.loading, .stale] : [.noScript, .loading, .stale]
        return CommandSpec("client|" + name, arity: arity, flags: flags.union(common),
                           group: "connection", since: "2.4.0", summary: summary, syntax: syntax, handler: handler)
    }

    /// Whether a client is of the (lower-case) TYPE given to CLIENT LIST/KILL: "pubsub" while subscribed, else
    /// "normal" (there are no replica or master connections yet; "slave" is "replica").
    static func client(_ c: ClientSession, isOfType type: String) -> Bool {
        (c.subscriptions.isActive ? "pubsub" : "normal") == type
    }

    /// One CLIENT LIST / CLIENT INFO line.
    static func describe(_ c: ClientSession, engine: Engine, now: Int64) -> String {
        let sizes = c.bufferSizes?() ?? (query: 0, output: 0)
        var flags = ""
        if c.isMonitor { flags += "O" }
        if c.subscriptions.isActive { flags += "P" }
        if c.transaction != nil { flags += "x" }
        if c.blocked != nil { flags += "b" }
        if c.watchBroken { flags += "d" }
        if c.noEvict { flags += "e" }
        if flags.isEmpty { flags = "N" }
        let age = (now - c.createdAt) / 1000
        let idle = (now - c.lastInteraction) / 1000
        let query: Int = sizes.query, output: Int = sizes.output
        var line = "id=\(c.id) addr=\(c.peerAddress) laddr=\(c.localAddress) fd=\(c.id + 7)"
        line += " name=\(c.name?.text ?? "") age=\(age) idle=\(idle) flags=\(flags) db=\(c.db)"
        let subs = c.subscriptions
        line += " sub=\(subs.channels.count) psub=\(subs.patterns.count) ssub=\(subs.shardChannels.count)"
        line += " multi=\(c.transaction?.count ?? -1) qbuf=\(query) qbuf-free=\(max(0, 20474 - query))"
        line += " argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=\(output)"
        line += " tot-mem=\(22_000 + query + output) events=r cmd=\(c.lastCommand) user=\(c.user)"
        line += " redir=-1 resp=\(c.proto.rawValue)"
        return line
    }
}

extension Engine {
    static var clientCommand: CommandSpec {
        CommandSpec("client", arity: -2, flags: [], group: "connection", since: "2.4.0",
                    summary: "Inspects and controls client connections.", subcommands: [
            ClientCommand.sub("id", 2, [], "Returns this connection's id.") { call, out in
                out.writeIntegerReply(Int(call.client.id))
            },
            ClientCommand.sub("setname", 3, [], "Names this connection.", "connection-name") { call, out in
                let name = call.args[2]
                guard ClientCommand.isValidName(name) else { return out.writeErrorReply(ClientCommand.invalidNameError) }
                call.client.name = name.isEmpty ? nil : name
                out.writeSimpleString("OK")
            },
            ClientCommand.sub("getname", 2, [], "Returns this connection's name.") { call, out in
                if let n = call.client.name { out.writeBulkReply(n) } else { out.writeNullReply(call.proto) }
            },
            ClientCommand.sub("info", 2, [], "Describes this connection.") { call, out in
                out.writeVerbatimReply(Bytes(ClientCommand.describe(call.client, engine: call.engine, now: call.now) + "\n"), call.proto)
            },
            ClientCommand.sub("list", -2, [.admin], "Lists the connected clients.",
                              "[TYPE NORMAL | MASTER | REPLICA | PUBSUB] [ID client-id [client-id ...]]", clientList),
            ClientCommand.sub("kill", -3, [.admin], "Closes client connections.",
                              "ip:port | [ID client-id] [TYPE NORMAL | MASTER | SLAVE | REPLICA | PUBSUB] [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME yes | no]",
                              clientKill),
            ClientCommand.sub("pause", -3, [.admin], "Suspends command processing for a time.",
                              "timeout [WRITE | ALL]", clientPause),
            ClientCommand.sub("unblock", -3, [.admin], "Unblocks a client blocked in a blocking command.",
                              "client-id [TIMEOUT | ERROR]", clientUnblock),
            ClientCommand.sub("unpause", 2, [.admin], "Resumes command processing.") { call, out in
                call.engine.pause = nil
                out.writeSimpleString("OK")
            },
            ClientCommand.sub("no-evict", 3, [.admin], "Exempts this connection from triggering eviction.", "ON | OFF") { call, out in
                if call.arg(2, is: "ON") { call.client.noEvict = true } else if call.arg(2, is: "OFF") { call.client.noEvict = false } else {
                    return out.writeErrorReply(ReplyError.syntax)
                }
                out.writeSimpleString("OK")
            },
            ClientCommand.sub("reply", 3, [.controlsReplies], "Turns replies on or off for this connection.", "ON | OFF | SKIP") { call, out in
                if call.arg(2, is: "ON") {
                    call.client.replyMode = .on
                    out.writeSimpleString("OK")
                } else if call.arg(2, is: "OFF") {
                    call.client.replyMode = .off
                } else if call.arg(2, is: "SKIP") {
                    if call.client.replyMode != .off { call.client.replyMode = .skipNext }
                } else {
                    out.writeErrorReply(ReplyError.syntax)
                }
            },
            ClientCommand.sub("help", 2, [], "Lists the CLIENT subcommands.", scriptable: true) { call, out in
                Engine.writeHelp("CLIENT", [
                    "ID", "    Return the ID of the current connection.",
                    "INFO", "    Return information about the current client connection.",
                    "GETNAME", "    Return the name of the current connection.",
                    "SETNAME <name>", "    Assign a name to the current connection.",
                    "LIST [TYPE <type>] [ID <id> [<id> ...]]", "    Return information about client connections.",
                    "KILL <ip:port> | <option> <value> [...]", "    Kill connections by address, ID, LADDR, USER, TYPE or SKIPME.",
                    "PAUSE <timeout> [WRITE|ALL]", "    Suspend processing of clients for <timeout> milliseconds.",
                    "UNPAUSE", "    Stop the current client pause, resuming traffic.",
                    "NO-EVICT (ON|OFF)", "    Protect the current client connection from eviction.",
                    "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
                    "UNBLOCK <clientid> [TIMEOUT|ERROR]", "    Unblock the specified blocked client.",
                ], &out)
            },
        ], handler: nil)
    }

    /// The HELP reply shape Redis uses: a heading line, the given lines, and a closing HELP line.
    static func writeHelp(_ command: String, _ lines: [String], _ out: inout ByteBuffer) {
        out.writeArrayHeader(lines.count + 3)
        out.writeSimpleString("\(command) <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
        for l in lines { out.writeSimpleString(l) }
        out.writeSimpleString("HELP")
        out.writeSimpleString("    Prints this help.")
    }

    static func clientList(_ call: Call, _ out: inout ByteBuffer) {
        var selected = call.engine.clients.ordered
        var i = 2
        while i < call.argc {
            if call.arg(i, is: "TYPE"), i + 1 < call.argc {
                let t = call.args[i + 1].lowercasedASCII.text
                guard ["normal", "master", "replica", "slave", "pubsub"].contains(t) else {
                    return out.writeErrorReply("ERR Unknown client type '\(call.args[i + 1].text)'")
                }
                selected = selected.filter { ClientCommand.client($0, isOfType: t) }
                i += 2
            } else if call.arg(i, is: "ID"), i + 1 < call.argc {
                var ids = Set<Int64>()
                for a in call.args[(i + 1)...] {
                    guard let id = IntegerText.parse(a), id > 0 else { return out.writeErrorReply("ERR Invalid client ID") }
                    ids.insert(id)
                }
                selected = selected.filter { ids.contains($0.id) }
                i = call.argc
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
        }
        let text = selected.map { ClientCommand.describe($0, engine: call.engine, now: call.now) + "\n" }.joined()
        out.writeVerbatimReply(Bytes(text), call.proto)
    }

    static func clientKill(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine
        if call.argc == 3 {
            let addr = call.args[2].text
            guard let victim = engine.clients.ordered.first(where: { $0.peerAddress == addr }) else {
                return out.writeErrorReply("ERR No such client")
            }
            out.writeSimpleString("OK")
            kill(victim, by: call.client)
            return
        }
        guard call.argc % 2 == 0 else { return out.writeErrorReply(ReplyError.syntax) }
        var id: Int64?, addr: String?, laddr: String?, user: String?, type: String?
        var skipMe = true
        for i in stride(from: 2, to: call.argc, by: 2) {
            let value = call.args[i + 1]
            if call.arg(i, is: "ID") {
                guard let n = IntegerText.parse(value), n > 0 else { return out.writeErrorReply("ERR client-id should be greater than 0") }
                id = n
            } else if call.arg(i, is: "ADDR") {
                addr = value.text
            } else if call.arg(i, is: "LADDR") {
                laddr = value.text
            } else if call.arg(i, is: "USER") {
                user = value.text
            } else if call.arg(i, is: "TYPE") {
                let t = value.lowercasedASCII.text
                guard ["normal", "master", "replica", "slave", "pubsub"].contains(t) else {
                    return out.writeErrorReply("ERR Unknown client type '\(value.text)'")
                }
                type = t
            } else if call.arg(i, is: "SKIPME") {
                if value.equalsIgnoringCase("yes") { skipMe = true } else if value.equalsIgnoringCase("no") { skipMe = false } else {
                    return out.writeErrorReply(ReplyError.syntax)
                }
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
        }
        let victims = engine.clients.ordered.filter { c in
            (id == nil || c.id == id) && (addr == nil || c.peerAddress == addr) && (laddr == nil || c.localAddress == laddr)
                && (user == nil || c.user == user) && (type.map { ClientCommand.client(c, isOfType: $0) } ?? true)
                && !(skipMe && c === call.client)
        }
        out.writeIntegerReply(victims.count)
        for v in victims { kill(v, by: call.client) }
    }

    /// Closes `victim`; when it is the caller itself the close waits until the reply is written.
    private static func kill(_ victim: ClientSession, by caller: ClientSession) {
        if victim === caller { victim.closeAfterReply = true } else { victim.kill?() }
    }

    /// CLIENT UNBLOCK id [TIMEOUT | ERROR]: the client's blocking command answers as if it had timed out, or with
    /// an -UNBLOCKED error; 1 when a client was blocked, else 0 (clients held by CLIENT PAUSE are not blocked).
    static func clientUnblock(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc <= 4 else {
            return out.writeErrorReply("ERR unknown subcommand or wrong number of arguments for '\(call.args[1].text)'. Try CLIENT HELP.")
        }
        var withError = false
        if call.argc == 4 {
            if call.arg(3, is: "ERROR") { withError = true } else if !call.arg(3, is: "TIMEOUT") {
                return out.writeErrorReply("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
            }
        }
        guard let id = IntegerText.parse(call.args[2]) else { return out.writeErrorReply(ReplyError.notInteger) }
        guard let target = call.engine.clients.byID[id] else { return out.writeIntegerReply(0) }
        out.writeIntegerReply(call.engine.unblock(target, withError: withError) ? 1 : 0)
    }

    static func clientPause(_ call: Call, _ out: inout ByteBuffer) {
        guard let ms = IntegerText.parse(call.args[2]) else {
            return out.writeErrorReply("ERR timeout is not an integer or out of range")
        }
        guard ms >= 0 else { return out.writeErrorReply("ERR timeout is negative") }
        guard ms <= Int64.max - call.now else { return out.writeErrorReply("ERR timeout is out of range") }
        var writesOnly = false
        if call.argc == 4 {
            if call.arg(3, is: "WRITE") { writesOnly = true } else if !call.arg(3, is: "ALL") {
                return out.writeErrorReply("ERR CLIENT PAUSE mode must be WRITE or ALL")
            }
        } else if call.argc > 4 {
            return out.writeErrorReply(ReplyError.syntax)
        }
        var pause = ClientPause(until: call.now + ms, writesOnly: writesOnly)
        // A pause in force is never shortened or loosened by a new one, as in Redis.
        if let current = call.engine.pause, current.until > call.now {
            pause.until = max(pause.until, current.until)
            pause.writesOnly = pause.writesOnly && current.writesOnly
        }
        call.engine.pause = pause
        out.writeSimpleString("OK")
    }
}

extension Engine {
    /// The CLIENT LIST line of `client`, as the server logs it when closing a client (Redis's client info string).
    public func clientInfoLine(_ client: ClientSession) -> String {
        ClientCommand.describe(client, engine: self, now: Engine.clockMillis())
    }
}
