import NIOCore
import RESP

/// Whether `Engine.execute` ran the command, the client must wait (CLIENT PAUSE) and resubmit it, or the command
/// blocked (its reply comes later through `ClientSession.unblocked`).
public enum ExecuteOutcome { case done, paused, blocked }

extension Engine {
    /// Starts a burst of commands read together from one connection: the next command reads the clock.
    @inline(__always) public func beginBurst() { burstClock = nil }

    /// Runs one command for `client`, appending the reply to `out`. The checks happen in Redis's order: command
    /// lookup, arity, authentication, pause, memory; then the handler runs and statistics are kept.
    public func execute(_ args: [Bytes], client: ClientSession, out: inout ByteBuffer) -> ExecuteOutcome {
        guard var spec = commands.lookup(args[0]) else {
            return reject(ReplyError.unknownCommand(args), client, &out)
        }
        // A container with its own handler (COMMAND) runs it when called without a subcommand.
        if !spec.subcommands.isEmpty, spec.handler == nil || args.count >= 2 {
            guard args.count >= 2 else { return reject(ReplyError.wrongArity(spec.name), client, &out) }
            guard let sub = CommandTable.subcommand(of: spec, args[1]) else {
                return reject(ReplyError.unknownSubcommand(args[1], spec.name), client, &out)
            }
            spec = sub
        }
        guard spec.acceptsArgumentCount(args.count) else {
            return reject(ReplyError.wrongArity(spec.name), client, &out)
        }
        if settings.requirePass != nil, !client.authenticated, !spec.flags.contains(.noAuth) {
            return reject(ReplyError.noAuth, client, &out)
        }
        // Within one burst of pipelined commands the previous command's end time is this one's start,
        // so each command reads the clock once.
        let startMicros = burstClock ?? Engine.clockMicros()
        let now = startMicros / 1000
        if let p = pause, p.until > now, !p.writesOnly || spec.flags.contains(.write) || spec.flags.contains(.mayReplicate) {
            return .paused
        }
        if settings.maxMemory > 0, !client.noEvict, !performEvictions(), spec.flags.contains(.denyOOM) {
            return reject(ReplyError.oom, client, &out)
        }
        guard let handler = spec.handler else { return reject(ReplyError.unknownCommand(args), client, &out) }

        client.lastCommand = spec.name
        client.lastInteraction = now
        let call = Call(engine: self, client: client, args: args, command: spec, now: now)
        let replyStart = out.writerIndex
        executionDepth += 1
        // CLIENT REPLY decides itself what to answer (ON replies even while replies are off).
        let controlsReplies = spec.flags.contains(.controlsReplies)
        let mode = client.replyMode
        if mode == .on || controlsReplies {
            handler(call, &out)
        } else {
            var discard = ByteBuffer()
            handler(call, &discard)
        }
        executionDepth -= 1
        if mode == .skipNext, !controlsReplies { client.replyMode = .on }
        if !clients.monitors.isEmpty, !spec.flags.contains(.skipMonitor), !spec.flags.contains(.admin) {
            feedMonitors(Engine.redactedForMonitor(args, spec), client)
        }
        let endMicros = Engine.clockMicros()
        burstClock = endMicros
        let micros = Int(max(0, endMicros - startMicros))
        let failed = out.writerIndex > replyStart && out.getInteger(at: replyStart, as: UInt8.self) == UInt8(ascii: "-")
        if failed, let line = out.getString(at: replyStart + 1, length: min(32, out.writerIndex - replyStart - 1)) {
            stats.countError(Substring(line))
        }
        recordCall(spec, args: args, client: client, micros: micros, failed: failed, now: now)
        if executionDepth == 0, !blocking.readyKeys.isEmpty { serveReadyKeys() }
        return client.blocked == nil ? .done : .blocked
    }

    private func reject(_ error: String, _ client: ClientSession, _ out: inout ByteBuffer) -> ExecuteOutcome {
        stats.countError(Substring(error))
        switch client.replyMode {
        case .on: out.writeErrorReply(error)
        case .skipNext: client.replyMode = .on  // the rejected command was the one to skip
        case .off: break
        }
        return .done
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
