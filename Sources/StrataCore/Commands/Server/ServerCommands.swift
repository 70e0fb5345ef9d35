import Glibc
import NIOCore
import RESP
import StrataConfig

/// INFO, CONFIG, TIME, SHUTDOWN, MONITOR, DEBUG, SLOWLOG, LATENCY (COMMAND is in CommandCommand.swift).
extension Engine {
    static var serverCommands: [CommandSpec] {
        [
            commandCommand,
            CommandSpec("info", arity: -1, flags: [.loading, .stale, .sentinel], group: "server", since: "1.0.0",
                        summary: "Reports server state and statistics.", syntax: "[section [section ...]]") { call, out in
                let text = call.engine.infoText(call.args.dropFirst().map { $0.lowercasedASCII.text })
                out.writeVerbatimReply(Bytes(text), call.proto)
            },
            CommandSpec("time", arity: 1, flags: [.loading, .stale, .fast], group: "server", since: "2.6.0",
                        summary: "Returns the server's clock.") { call, out in
                let us = Engine.clockMicros()
                out.writeArrayHeader(2)
                out.writeBulkReply(string: String(us / 1_000_000))
                out.writeBulkReply(string: String(us % 1_000_000))
            },
            CommandSpec("shutdown", arity: -1, flags: [.admin, .noScript, .loading, .stale, .noMulti, .sentinel, .allowBusy],
                        group: "server", since: "1.0.0", summary: "Stops the server.",
                        syntax: "[NOSAVE | SAVE] [NOW] [FORCE] [ABORT]", handler: shutdown),
            CommandSpec("monitor", arity: 1, flags: [.admin, .noScript, .loading, .stale], group: "server", since: "1.0.0",
                        summary: "Streams every command the server receives.") { call, out in
                call.engine.clients.startMonitoring(call.client)
                out.writeSimpleString("OK")
            },
            configCommand, debugCommand, slowlogCommand, latencyCommand,
        ]
    }

    static func shutdown(_ call: Call, _ out: inout ByteBuffer) {
        var options = ShutdownOptions()
        for i in 1..<call.argc {
            if call.arg(i, is: "NOSAVE") { options.save = .noSave } else if call.arg(i, is: "SAVE") { options.save = .save }
            else if call.arg(i, is: "NOW") { options.now = true } else if call.arg(i, is: "FORCE") { options.force = true }
            else if call.arg(i, is: "ABORT") { options.abort = true } else { return out.writeErrorReply(ReplyError.syntax) }
        }
        if options.abort && (options.save != .default || options.now || options.force) {
            return out.writeErrorReply(ReplyError.syntax)
        }
        guard let host = call.engine.host else { return out.writeErrorReply("ERR Errors trying to SHUTDOWN. Check logs.") }
        // The save before stopping resets the change count without changing the dataset: nothing to log.
        call.propagateNothing()
        if let error = host.shutdown(options) { out.writeErrorReply(error) } else if options.abort { out.writeSimpleString("OK") }
    }

    // MARK: CONFIG

    static func configSub(_ name: String, _ arity: Int, _ flags: CommandFlags, _ summary: String, _ syntax: String,
                          _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec("config|" + name, arity: arity, flags: flags, group: "server", since: "2.0.0", summary: summary,
                    syntax: syntax, handler: handler)
    }

    static var configCommand: CommandSpec {
        CommandSpec("config", arity: -2, flags: [], group: "server", since: "2.0.0",
                    summary: "Reads and changes the configuration at run time.", subcommands: [
            configSub("get", -3, [.admin, .noScript, .loading, .stale], "Returns configuration values matching patterns.",
                      "parameter [parameter ...]") { call, out in
                var seen = Set<String>(), pairs: [(String, String)] = []
                for p in call.args.dropFirst(2) {
                    for (name, value) in call.engine.config.get(pattern: p.text) where seen.insert(name).inserted {
                        pairs.append((name, value))
                    }
                }
                out.writeMapHeader(pairs.count, call.proto)
                for (name, value) in pairs {
                    out.writeBulkReply(string: name)
                    out.writeBulkReply(string: value)
                }
            },
            configSub("set", -4, [.admin, .noScript, .loading, .stale], "Changes configuration values.",
                      "parameter value [parameter value ...]") { call, out in
                guard call.argc % 2 == 0 else { return call.wrongArity(&out) }
                let pairs = stride(from: 2, to: call.argc, by: 2).map { (name: call.args[$0].text, value: call.args[$0 + 1].text) }
                do {
                    try call.engine.config.set(pairs)
                    out.writeSimpleString("OK")
                } catch let error as ConfigSetError {
                    out.writeErrorReply(error.message)
                } catch {
                    out.writeErrorReply("ERR \(error)")
                }
            },
            configSub("resetstat", 2, [.admin, .noScript, .loading, .stale], "Resets the statistics INFO reports.", "") { call, out in
                let e = call.engine
                e.stats = Stats()
                for spec in e.commands.all.flatMap({ [$0] + $0.subcommands }) {
                    spec.calls = 0
                    spec.micros = 0
                    spec.failedCalls = 0
                }
                e.slowlog.reset()
                _ = e.latency.reset([])
                out.writeSimpleString("OK")
            },
            configSub("rewrite", 2, [.admin, .noScript, .loading, .stale], "Writes the running configuration back to the config file.", "") { call, out in
                do {
                    try call.engine.config.rewrite()
                    out.writeSimpleString("OK")
                } catch let error as ConfigRewriteError {
                    out.writeErrorReply(error.message)
                } catch {
                    out.writeErrorReply("ERR Rewriting config file: \(error)")
                }
            },
            configSub("help", 2, [.loading, .stale], "Lists the CONFIG subcommands.", "") { _, out in
                writeHelp("CONFIG", [
                    "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                    "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                    "RESETSTAT", "    Reset statistics reported by the INFO command.",
                    "REWRITE", "    Rewrite the configuration file.",
                ], &out)
            },
        ], handler: nil)
    }

    // MARK: DEBUG

    static var debugCommand: CommandSpec {
        CommandSpec("debug", arity: -2, flags: [.admin, .noScript, .loading, .stale, .protected], group: "server",
                    since: "1.0.0", summary: "Internal commands for testing the server.",
                    syntax: "subcommand [argument [argument ...]]", handler: debug)
    }

    static func debug(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine
        guard engine.settings.enableDebugCommand.allows(call.client) else {
            return out.writeErrorReply("ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.")
        }
        if call.arg(1, is: "SLEEP"), call.argc == 3 {
            guard let secs = Double(call.args[2].text), secs >= 0 else { return out.writeErrorReply(ReplyError.notFloat) }
            // Like Redis, DEBUG SLEEP blocks the whole server: it exists to simulate a stuck server.
            usleep(UInt32(min(secs, 3600) * 1_000_000))
            out.writeSimpleString("OK")
        } else if call.arg(1, is: "SET-ACTIVE-EXPIRE"), call.argc == 3 {
            engine.settings.activeExpire = call.args[2] != Bytes("0")
            out.writeSimpleString("OK")
        } else if call.arg(1, is: "OBJECT"), call.argc == 3 {
            guard let e = engine.lookupRead(engine.db(call), call.args[2], now: call.now, touch: false) else { return out.writeErrorReply(ReplyError.noSuchKey) }
            let serialized: Int
            if case .string(let s) = e.value { serialized = s.length } else { serialized = 0 }
            out.writeSimpleString("Value at:0x0 refcount:1 encoding:\(e.value.encodingName) serializedlength:\(serialized) lru:\(e.access & Engine.lruClockMax) lru_seconds_idle:\(engine.idleSeconds(e.access))")
        } else if call.arg(1, is: "RELOAD") {
            debugReload(call, &out)
        } else if call.arg(1, is: "POPULATE"), (3...5).contains(call.argc) {
            debugPopulate(call, &out)
        } else if call.arg(1, is: "HELP") {
            writeHelp("DEBUG", [
                "OBJECT <key>", "    Show low level info about the key and associated value.",
                "POPULATE <count> [<prefix>] [<size>]",
                "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                "    it is used instead of the 'key' prefix. These are not propagated to",
                "    replicas. Cluster slots are not respected so keys not belonging to the",
                "    current node can be created in cluster mode.",
            ] + debugReloadHelp + [
                "SET-ACTIVE-EXPIRE <0|1>", "    Setting it to 0 disables expiring keys in background when they are not accessed.",
                "SLEEP <seconds>", "    Stop the server for <seconds>. Decimals allowed.",
            ], &out)
        } else {
            out.writeErrorReply("ERR unknown subcommand '\(call.args[1].text)'. Try DEBUG HELP.")
        }
    }

    func db(_ call: Call) -> Database { databases[call.client.db] }

    /// DEBUG POPULATE count [prefix] [size]: string keys `prefix:N` = `value:N` (with `size`, that text cut or
    /// zero-padded to `size` bytes); existing keys are left alone. Like Redis, nothing reaches the command log.
    static func debugPopulate(_ call: Call, _ out: inout ByteBuffer) {
        guard let count = IntegerText.parse(call.args[2]), count >= 0 else {
            return out.writeErrorReply("ERR value is out of range, must be positive")
        }
        let prefix = call.argc >= 4 ? call.args[3] : Bytes("key")
        var size: Int?
        if call.argc == 5 {
            guard let n = IntegerText.parse(call.args[4]), n >= 0 else {
                return out.writeErrorReply("ERR value is out of range, must be positive")
            }
            size = Int(n)
        }
        let engine = call.engine, db = call.db
        for i in 0..<count {
            let key = prefix + Bytes(":\(i)".utf8)
            guard !engine.exists(db, key, now: call.now) else { continue }
            var value = Bytes("value:\(i)".utf8)
            if let size { value = Array(value.prefix(size)) + Bytes(repeating: 0, count: max(0, size - value.count)) }
            engine.setKey(db, key, .string(StringValue(value)), now: call.now)
        }
        out.writeSimpleString("OK")
    }

    // MARK: SLOWLOG and LATENCY

    static var slowlogCommand: CommandSpec {
        func sub(_ n: String, _ a: Int, _ s: String, _ syn: String = "", flags: CommandFlags = [.admin, .loading, .stale],
                 _ h: @escaping CommandHandler) -> CommandSpec {
            CommandSpec("slowlog|" + n, arity: a, flags: flags, group: "server", since: "2.2.12",
                        summary: s, syntax: syn, handler: h)
        }
        return CommandSpec("slowlog", arity: -2, flags: [], group: "server", since: "2.2.12",
                           summary: "Reads and resets the slow commands log.", subcommands: [
            sub("get", -2, "Returns the newest slow log entries.", "[count]") { call, out in
                var count = 10
                if call.argc == 3 {
                    guard let n = IntegerText.parse(call.args[2]), n >= -1 else {
                        return out.writeErrorReply("ERR count should be greater than or equal to -1")
                    }
                    count = n == -1 ? Int.max : Int(n)
                }
                let records = call.engine.slowlog.records.prefix(count)
                out.writeArrayHeader(records.count)
                for r in records {
                    out.writeArrayHeader(6)
                    out.writeIntegerReply(r.id)
                    out.writeIntegerReply(Int(r.time))
                    out.writeIntegerReply(r.micros)
                    out.writeArrayHeader(r.args.count)
                    for a in r.args { out.writeBulkReply(a) }
                    out.writeBulkReply(string: r.peer)
                    out.writeBulkReply(string: r.name)
                }
            },
            sub("len", 2, "Returns the number of slow log entries.") { call, out in
                out.writeIntegerReply(call.engine.slowlog.records.count)
            },
            sub("reset", 2, "Empties the slow log.") { call, out in
                call.engine.slowlog.reset()
                out.writeSimpleString("OK")
            },
            sub("help", 2, "Lists the SLOWLOG subcommands.", flags: [.loading, .stale]) { _, out in
                writeHelp("SLOWLOG", [
                    "GET [<count>]", "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                    "LEN", "    Return the length of the slowlog.",
                    "RESET", "    Reset the slowlog.",
                ], &out)
            },
        ], handler: nil)
    }

    static var latencyCommand: CommandSpec {
        func sub(_ n: String, _ a: Int, _ s: String, _ syn: String = "",
                 flags: CommandFlags = [.admin, .noScript, .loading, .stale],
                 _ h: @escaping CommandHandler) -> CommandSpec {
            CommandSpec("latency|" + n, arity: a, flags: flags, group: "server",
                        since: "2.8.13", summary: s, syntax: syn, handler: h)
        }
        return CommandSpec("latency", arity: -2, flags: [], group: "server", since: "2.8.13",
                           summary: "Reports latency spikes the server recorded.", subcommands: [
            sub("latest", 2, "Returns the latest latency sample of every event.") { call, out in
                let events = call.engine.latency.events.sorted { $0.key < $1.key }
                out.writeArrayHeader(events.count)
                for (name, e) in events {
                    out.writeArrayHeader(4)
                    out.writeBulkReply(string: name)
                    out.writeIntegerReply(Int(e.samples.last?.time ?? 0))
                    out.writeIntegerReply(e.samples.last?.millis ?? 0)
                    out.writeIntegerReply(e.maxMillis)
                }
            },
            sub("history", 3, "Returns the latency samples of one event.", "event") { call, out in
                let samples = call.engine.latency.events[call.args[2].text]?.samples ?? []
                out.writeArrayHeader(samples.count)
                for s in samples {
                    out.writeArrayHeader(2)
                    out.writeIntegerReply(Int(s.time))
                    out.writeIntegerReply(s.millis)
                }
            },
            sub("reset", -2, "Clears latency samples.", "[event [event ...]]") { call, out in
                out.writeIntegerReply(call.engine.latency.reset(call.args.dropFirst(2).map(\.text)))
            },
            sub("help", 2, "Lists the LATENCY subcommands.", flags: [.loading, .stale]) { _, out in
                writeHelp("LATENCY", [
                    "HISTORY <event>", "    Return time-latency samples for the <event> class.",
                    "LATEST", "    Return the latest latency samples for all events.",
                    "RESET [<event> ...]", "    Reset latency data of one or more <event> classes.",
                ], &out)
            },
        ], handler: nil)
    }
}
