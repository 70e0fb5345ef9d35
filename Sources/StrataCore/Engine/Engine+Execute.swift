import NIOCore
import RESP

/// Whether `Engine.execute` ran the command, the client must wait (CLIENT PAUSE) and resubmit it, or the command
/// blocked (its reply comes later through `ClientSession.unblocked`).
public enum ExecuteOutcome { case done, paused, blocked }

extension Engine {
    /// Starts a burst of commands read together from one connection: the next command reads the clock.
    @inline(__always) public func beginBurst() { burstClock = nil }

    /// Runs one command for `client`, appending the reply to `out`. The checks happen in Redis's order: command
    /// lookup, arity, authentication, no_multi, pause, memory, disk errors (MISCONF), RESP2 subscribe context,
    /// loading (-LOADING); a refusal inside MULTI dooms the transaction. Then, inside MULTI, the command is queued;
    /// otherwise the handler runs and statistics are kept.
    public func execute(_ args: [Bytes], client: ClientSession, out: inout ByteBuffer) -> ExecuteOutcome {
        guard var spec = commands.lookup(args[0]) else {
            return reject(ReplyError.unknownCommand(args), nil, args, client, &out)
        }
        // A container with its own handler (COMMAND) runs it when called without a subcommand.
        if !spec.subcommands.isEmpty, spec.handler == nil || args.count >= 2 {
            guard args.count >= 2 else { return reject(ReplyError.wrongArity(spec.name), spec, args, client, &out) }
            guard let sub = CommandTable.subcommand(of: spec, args[1]) else {
                return reject(ReplyError.unknownSubcommand(args[1], spec.name), spec, args, client, &out)
            }
            spec = sub
        }
        guard spec.acceptsArgumentCount(args.count) else {
            return reject(ReplyError.wrongArity(spec.name), spec, args, client, &out)
        }
        if settings.requirePass != nil, !client.authenticated, !spec.flags.contains(.noAuth) {
            return reject(ReplyError.noAuth, spec, args, client, &out)
        }
        if client.transaction != nil, spec.flags.contains(.noMulti) {
            return reject("ERR Command not allowed inside a transaction", spec, args, client, &out)
        }
        // Within one burst of pipelined commands the previous command's end time is this one's start,
        // so each command reads the clock once.
        let startMicros = burstClock ?? Engine.clockMicros()
        let now = startMicros / 1000
        if let p = pause, p.until > now, !p.writesOnly || spec.flags.contains(.write) || spec.flags.contains(.mayReplicate) {
            return .paused
        }
        if settings.maxMemory > 0, !client.noEvict, !performEvictions(), refusedWhenOutOfMemory(spec, client) {
            return reject(ReplyError.oom, spec, args, client, &out)
        }
        if !persistence.lastBackgroundSaveOK, refusedByDiskError(spec, client) {
            return reject(Engine.diskErrorRefusal, spec, args, client, &out)
        }
        if appendOnly.writeError != nil, let refusal = refusedByAppendOnlyError(spec, client) {
            return reject(refusal, spec, args, client, &out)
        }
        if client.proto == .v2, client.subscriptions.isActive, !Engine.allowedWhileSubscribed(spec) {
            return reject(Engine.subscribeContextError(spec), spec, args, client, &out)
        }
        if isLoading, !spec.flags.contains(.loading) {
            return reject(Engine.loadingRefusal, spec, args, client, &out)
        }
        guard spec.handler != nil else { return reject(ReplyError.unknownCommand(args), spec, args, client, &out) }

        client.lastCommand = spec.name
        client.lastInteraction = now
        if client.transaction != nil, !Engine.runsInsideMulti(spec) {
            client.transaction!.queue(spec, args)
            writeOwnReply(client, &out) { $0.writeSimpleString("QUEUED") }
            burstClock = startMicros
            return .done
        }
        burstClock = invoke(spec, args, client: client, startMicros: startMicros, out: &out)
        if executionDepth == 0 {
            commandLog.commitUnit()
            if !blocking.readyKeys.isEmpty { serveReadyKeys() }
        }
        return client.blocked == nil ? .done : .blocked
    }

    /// Runs a command that passed every check (directly, or queued and now run by EXEC): the handler, then
    /// MONITOR, statistics and the slow log. Returns the end time in microseconds.
    @discardableResult
    func invoke(_ spec: CommandSpec, _ args: [Bytes], client: ClientSession, startMicros: Int64,
                out: inout ByteBuffer) -> Int64 {
        let now = startMicros / 1000
        let call = Call(engine: self, client: client, args: args, command: spec, now: now)
        let replyStart = out.writerIndex
        executionDepth += 1
        let wasInCommand = client.inCommand
        client.inCommand = true
        // CLIENT REPLY decides itself what to answer (ON replies even while replies are off).
        let controlsReplies = spec.flags.contains(.controlsReplies)
        let mode = client.replyMode
        if mode == .on || controlsReplies {
            loggingEffects(of: args, db: client.db) { spec.handler!(call, &out) }
            if client.pushesBeforeReply != nil || client.pushesAfterReply != nil {
                placeHeldPushes(client, replyStart: replyStart, &out)
            }
        } else {
            var discard = ByteBuffer()
            loggingEffects(of: args, db: client.db) { spec.handler!(call, &discard) }
            // Messages are not replies: they reach the client even while its replies are off.
            if client.pushesBeforeReply != nil || client.pushesAfterReply != nil {
                placeHeldPushes(client, replyStart: out.writerIndex, &out)
            }
        }
        client.inCommand = wasInCommand
        executionDepth -= 1
        if mode == .skipNext, !controlsReplies { client.replyMode = .on }
        if !clients.monitors.isEmpty, !spec.flags.contains(.skipMonitor), !spec.flags.contains(.admin) {
            feedMonitors(Engine.redactedForMonitor(args, spec), client)
        }
        let endMicros = Engine.clockMicros()
        let micros = Int(max(0, endMicros - startMicros))
        let failed = out.writerIndex > replyStart && out.getInteger(at: replyStart, as: UInt8.self) == UInt8(ascii: "-")
        if failed, let line = out.getString(at: replyStart + 1, length: min(32, out.writerIndex - replyStart - 1)) {
            stats.countError(Substring(line))
        }
        recordCall(spec, args: args, client: client, micros: micros, failed: failed, now: now)
        return endMicros
    }

    /// Writes the messages published to `client` during its own command around that command's reply (which
    /// starts at `replyStart`): pushes raised before the reply go in front of it, the others after it.
    private func placeHeldPushes(_ client: ClientSession, replyStart: Int, _ out: inout ByteBuffer) {
        if var before = client.pushesBeforeReply {
            client.pushesBeforeReply = nil
            var reply = out.getSlice(at: replyStart, length: out.writerIndex - replyStart) ?? ByteBuffer()
            out.moveWriterIndex(to: replyStart)
            out.writeBuffer(&before)
            out.writeBuffer(&reply)
        }
        if var after = client.pushesAfterReply {
            client.pushesAfterReply = nil
            out.writeBuffer(&after)
        }
    }

    static func subscribeContextError(_ spec: CommandSpec) -> String {
        "ERR Can't execute '\(spec.name)': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
    }

    /// RESP2 clients with subscriptions may only (un)subscribe, PING, QUIT and RESET.
    static func allowedWhileSubscribed(_ spec: CommandSpec) -> Bool {
        switch spec.name {
        case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe",
             "quit", "reset": true
        default: false
        }
    }

    /// Over `maxmemory`: denyoom commands are refused, EXEC when a queued command is denyoom, and inside MULTI
    /// every command but EXEC, DISCARD, QUIT and RESET (queueing itself takes memory).
    private func refusedWhenOutOfMemory(_ spec: CommandSpec, _ client: ClientSession) -> Bool {
        if spec.flags.contains(.denyOOM) { return true }
        guard let transaction = client.transaction else { return false }
        if spec.name == "exec" { return transaction.flags.contains(.denyOOM) }
        return !Engine.allowedInMultiWhenOutOfMemory(spec)
    }

    /// Refuses a command before it runs. Inside MULTI the refusal dooms the transaction (EXEC will answer
    /// EXECABORT); a refused EXEC ends the transaction at once, explaining why.
    private func reject(_ error: String, _ spec: CommandSpec?, _ args: [Bytes], _ client: ClientSession,
                        _ out: inout ByteBuffer) -> ExecuteOutcome {
        client.transaction?.refused = true
        var error = error
        if let spec, spec.name == "exec" {
            discardTransaction(client)
            error = "EXECABORT Transaction discarded because of: " + (error.hasPrefix("ERR ") ? String(error.dropFirst(4)) : error)
            // MONITOR saw the MULTI: it sees this EXEC close the transaction too.
            if !clients.monitors.isEmpty { feedMonitors(Engine.redactedForMonitor(args, spec), client) }
        }
        stats.countError(Substring(error))
        writeOwnReply(client, &out) { $0.writeErrorReply(error) }
        return .done
    }

    /// Writes a reply the dispatcher itself gives (refusals, QUEUED), honouring CLIENT REPLY OFF/SKIP.
    private func writeOwnReply(_ client: ClientSession, _ out: inout ByteBuffer, _ write: (inout ByteBuffer) -> Void) {
        switch client.replyMode {
        case .on: write(&out)
        case .skipNext: client.replyMode = .on  // the refused or queued command was the one to skip
        case .off: break
        }
    }

    private func recordCall(_ spec: CommandSpec, args: [Bytes], client: ClientSession, micros: Int, failed: Bool, now: Int64) {
        stats.commandsProcessed += 1
        spec.calls += 1
        spec.micros += micros
        if failed { spec.failedCalls += 1 }
        if settings.slowlogThresholdMicros >= 0, micros >= settings.slowlogThresholdMicros,
           !spec.flags.contains(.skipSlowlog) {
            slowlog.add(args: args, micros: micros, time: now / 1000, client: client, maxLen: settings.slowlogMaxLen)
        }
        if settings.latencyMonitorThreshold > 0, micros / 1000 >= settings.latencyMonitorThreshold {
            latency.add("command", millis: micros / 1000, time: now / 1000)
        }
    }

    /// Sends the MONITOR line for a command: `+<unix secs.micros> [<db> <peer>] "arg" ...`.
    /// Passwords never reach MONITOR: AUTH's arguments and HELLO's AUTH credentials are replaced, as Redis does.
    static func redactedForMonitor(_ args: [Bytes], _ spec: CommandSpec) -> [Bytes] {
        let hidden = Bytes("(redacted)")
        switch spec.name {
        case "auth":
            return [args[0]] + args.dropFirst().map { _ in hidden }
        case "hello":
            var shown = args
            if let at = shown.firstIndex(where: { $0.equalsIgnoringCase("AUTH") }) {
                for i in (at + 1)..<min(at + 3, shown.count) { shown[i] = hidden }
            }
            return shown
        default:
            return args
        }
    }

    private func feedMonitors(_ args: [Bytes], _ client: ClientSession) {
        let micros = Engine.clockMicros()
        var line = "+\(micros / 1_000_000).\(zeroPad6(micros % 1_000_000)) [\(client.db) \(client.peerAddress)]"
        for a in args { line += " " + Engine.quotedRepr(a) }
        line += "\r\n"
        var buf = ByteBuffer()
        buf.writeString(line)
        for m in clients.monitors where m !== client { m.deliver?(buf) }
    }

    private func zeroPad6(_ n: Int64) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 6 - s.count)) + s
    }

    /// A byte string quoted the way Redis prints it in MONITOR and redis-cli: printable ASCII as is, `"` and `\`
    /// escaped, common controls as \n \r \t \a \b, anything else as \xHH.
    public static func quotedRepr(_ bytes: Bytes) -> String {
        var s = "\""
        for b in bytes {
            switch b {
            case 0x5C: s += "\\\\"
            case 0x22: s += "\\\""
            case 0x0A: s += "\\n"
            case 0x0D: s += "\\r"
            case 0x09: s += "\\t"
            case 0x07: s += "\\a"
            case 0x08: s += "\\b"
            case 0x20...0x7E: s.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789abcdef".utf8)
                s += "\\x"
                s.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                s.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 15)]))
            }
        }
        return s + "\""
    }
}
