import NIOCore
import RESP

/// PING, ECHO, QUIT, RESET, HELLO, AUTH, SELECT; CLIENT lives in ClientCommand.swift.
extension Engine {
    static var connectionCommands: [CommandSpec] {
        [
            CommandSpec("ping", arity: -1, flags: [.fast, .sentinel], group: "connection", since: "1.0.0",
                        summary: "Answers PONG, or echoes the given message.", syntax: "[message]", handler: ping),
            CommandSpec("echo", arity: 2, flags: [.loading, .stale, .fast], group: "connection", since: "1.0.0",
                        summary: "Returns its argument.", syntax: "message") { call, out in out.writeBulkReply(call.args[1]) },
            CommandSpec("quit", arity: -1, flags: [.allowBusy, .noAuth, .noScript, .loading, .stale, .fast],
                        group: "connection", since: "1.0.0", summary: "Closes the connection after replying OK.") { call, out in
                out.writeSimpleString("OK")
                call.client.closeAfterReply = true
            },
            CommandSpec("reset", arity: 1, flags: [.noScript, .loading, .stale, .fast, .noAuth, .allowBusy],
                        group: "connection", since: "6.2.0", summary: "Returns the connection to its initial state.",
                        handler: reset),
            CommandSpec("hello", arity: -1, flags: [.noScript, .loading, .stale, .fast, .noAuth, .sentinel, .allowBusy],
                        group: "connection", since: "6.0.0", summary: "Negotiates the protocol version and authenticates.",
                        syntax: "[protover [AUTH username password] [SETNAME clientname]]", handler: hello),
            CommandSpec("auth", arity: -2, flags: [.noScript, .loading, .stale, .fast, .noAuth, .sentinel, .allowBusy],
                        group: "connection", since: "1.0.0", summary: "Authenticates the connection.",
                        syntax: "[username] password", handler: auth),
            CommandSpec("select", arity: 2, flags: [.loading, .stale, .fast], group: "connection", since: "1.0.0",
                        summary: "Switches the connection to another database.", syntax: "index", handler: select),
            clientCommand,
        ]
    }

    static func ping(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc <= 2 else { return call.wrongArity(&out) }
        // A RESP2 connection in subscribe context gets a message-shaped reply: ["pong", message or ""].
        if call.proto == .v2, call.client.subscriptions.isActive {
            out.writeArrayHeader(2)
            out.writeBulkReply(string: "pong")
            return out.writeBulkReply(call.argc == 2 ? call.args[1] : [])
        }
        if call.argc == 2 { out.writeBulkReply(call.args[1]) } else { out.writeSimpleString("PONG") }
    }

    static func select(_ call: Call, _ out: inout ByteBuffer) {
        guard let n = IntegerText.parse(call.args[1]) else { return out.writeErrorReply(ReplyError.notInteger) }
        guard n >= 0, n < call.engine.databases.count else { return out.writeErrorReply(ReplyError.dbIndexOutOfRange) }
        call.client.db = Int(n)
        out.writeSimpleString("OK")
    }

    static func reset(_ call: Call, _ out: inout ByteBuffer) {
        let c = call.client
        c.db = 0
        c.proto = .v2
        c.name = nil
        c.replyMode = .on
        c.noEvict = false
        if c.isMonitor { call.engine.clients.stopMonitoring(c) }
        call.engine.releaseTransactionAndSubscriptions(c)
        c.authenticated = call.engine.settings.requirePass == nil
        out.writeSimpleString("RESET")
    }

    /// Checks a username/password pair against `requirepass` (the only user is "default").
    static func checkPassword(_ engine: Engine, user: Bytes, password: Bytes) -> Bool {
        guard user == Bytes("default") else { return false }
        guard let required = engine.settings.requirePass else { return true }
        return required == password
    }

    static func auth(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc <= 3 else { return out.writeErrorReply(ReplyError.syntax) }
        if call.argc == 2, call.engine.settings.requirePass == nil {
            return out.writeErrorReply("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")
        }
        let user = call.argc == 3 ? call.args[1] : Bytes("default")
        guard checkPassword(call.engine, user: user, password: call.args[call.argc - 1]) else {
            return out.writeErrorReply(ReplyError.invalidPassword)
        }
        call.client.authenticated = true
        out.writeSimpleString("OK")
    }

    static func hello(_ call: Call, _ out: inout ByteBuffer) {
        let c = call.client
        var version = c.proto
        var i = 1
        if call.argc >= 2 {
            guard let v = IntegerText.parse(call.args[1]) else {
                return out.writeErrorReply("ERR Protocol version is not an integer or out of range")
            }
            guard v == 2 || v == 3 else { return out.writeErrorReply("NOPROTO unsupported protocol version") }
            version = v == 3 ? .v3 : .v2
            i = 2
        }
        // Options are all parsed before anything takes effect: a syntax error must not leave the client
        // authenticated.
        var newName: Bytes?
        var credentials: (user: Bytes, password: Bytes)?
        while i < call.argc {
            let more = call.argc - i - 1
            if call.arg(i, is: "AUTH"), more >= 2 {
                credentials = (call.args[i + 1], call.args[i + 2])
                i += 3
            } else if call.arg(i, is: "SETNAME"), more >= 1 {
                guard ClientCommand.isValidName(call.args[i + 1]) else {
                    return out.writeErrorReply(ClientCommand.invalidNameError)
                }
                newName = call.args[i + 1]
                i += 2
            } else {
                return out.writeErrorReply("ERR Syntax error in HELLO option '\(call.args[i].text)'")
            }
        }
        if let credentials {
            guard checkPassword(call.engine, user: credentials.user, password: credentials.password) else {
                return out.writeErrorReply(ReplyError.invalidPassword)
            }
            c.authenticated = true
        }
        if call.engine.settings.requirePass != nil, !c.authenticated {
            return out.writeErrorReply("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
        }
        if let newName { c.name = newName.isEmpty ? nil : newName }
        c.proto = version
        out.writeMapHeader(7, version)
        out.writeBulkReply(string: "server"); out.writeBulkReply(string: "redis")
        out.writeBulkReply(string: "version"); out.writeBulkReply(string: Engine.redisVersion)
        out.writeBulkReply(string: "proto"); out.writeIntegerReply(version.rawValue)
        out.writeBulkReply(string: "id"); out.writeIntegerReply(Int(c.id))
        out.writeBulkReply(string: "mode"); out.writeBulkReply(string: "standalone")
        out.writeBulkReply(string: "role"); out.writeBulkReply(string: "master")
        out.writeBulkReply(string: "modules"); out.writeArrayHeader(0)
    }
}
