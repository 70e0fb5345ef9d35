import CStrataSystem
import Glibc

/// INFO: Redis's sections and field names, built from the engine's state.
extension Engine {
    /// Sections INFO prints with no argument or "default", in Redis's order.
    static let defaultInfoSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu",
                                      "modules", "errorstats", "cluster", "keyspace"]
    static let allInfoSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu",
                                  "modules", "commandstats", "errorstats", "cluster", "keyspace"]

    /// The INFO text for the requested section names (lower-cased; empty means default).
    public func infoText(_ requested: [String]) -> String {
        var names: [String]
        if requested.isEmpty || requested.contains("default") {
            names = Engine.defaultInfoSections
        } else if requested.contains("all") || requested.contains("everything") {
            names = Engine.allInfoSections
        } else {
            names = Engine.allInfoSections.filter { requested.contains($0) }
        }
        if requested.contains("commandstats"), !names.contains("commandstats") { names.append("commandstats") }
        var text = ""
        for name in names {
            guard let fields = infoSection(name) else { continue }
            if !text.isEmpty { text += "\r\n" }
            text += "# " + (name == "cpu" ? "CPU" : name.prefix(1).uppercased() + name.dropFirst()) + "\r\n"
            for (k, v) in fields { text += "\(k):\(v)\r\n" }
        }
        return text
    }

    /// Fields of one section; nil for unknown names.
    public func infoSection(_ name: String) -> [(String, String)]? {
        let now = Engine.clockMillis()
        switch name {
        case "server":
            let uptime = (now - startTime) / 1000
            var uts = utsname()
            uname(&uts)
            let os = [withUnsafeBytes(of: &uts.sysname) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) },
                      withUnsafeBytes(of: &uts.release) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) },
                      withUnsafeBytes(of: &uts.machine) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }]
            return [
                ("redis_version", Engine.redisVersion), ("strata_version", Engine.strataVersion),
                ("redis_git_sha1", "00000000"), ("redis_git_dirty", "0"), ("redis_build_id", "0"),
                ("redis_mode", "standalone"), ("os", os.joined(separator: " ")), ("arch_bits", "64"),
                ("monotonic_clock", "POSIX clock_gettime"), ("multiplexing_api", "epoll"),
                ("atomicvar_api", "c11-builtin"), ("gcc_version", "0.0.0"), ("process_id", String(getpid())),
                ("process_supervised", "no"), ("run_id", runID), ("tcp_port", String(host?.tcpPort ?? 0)),
                ("server_time_usec", String(Engine.clockMicros())), ("uptime_in_seconds", String(uptime)),
                ("uptime_in_days", String(uptime / 86400)), ("hz", String(settings.hz)),
                ("configured_hz", String(settings.hz)), ("lru_clock", String(lruClock)),
                ("executable", host?.executablePath ?? ""), ("config_file", config.configFile ?? ""),
                ("io_threads_active", "0"),
            ]
        case "clients":
            return [
                ("connected_clients", String(clients.count)), ("cluster_connections", "0"),
                ("maxclients", String(config.int("maxclients"))), ("client_recent_max_input_buffer", "0"),
                ("client_recent_max_output_buffer", "0"), ("blocked_clients", String(blockedClientCount)),
                ("tracking_clients", "0"), ("clients_in_timeout_table", "0"),
            ]
        case "memory":
            let used = usedMemory, rss = Engine.residentMemory()
            stats.peakMemory = max(stats.peakMemory, used)
            let dataset = datasetMemory
            let total = Engine.totalSystemMemory()
            return [
                ("used_memory", String(used)), ("used_memory_human", Engine.humanBytes(used)),
                ("used_memory_rss", String(rss)), ("used_memory_rss_human", Engine.humanBytes(rss)),
                ("used_memory_peak", String(stats.peakMemory)), ("used_memory_peak_human", Engine.humanBytes(stats.peakMemory)),
                ("used_memory_peak_perc", Engine.percent(used, stats.peakMemory)),
                ("used_memory_overhead", String(used - dataset)), ("used_memory_startup", String(baselineMemory)),
                ("used_memory_dataset", String(dataset)), ("used_memory_dataset_perc", Engine.percent(dataset, used - baselineMemory)),
                ("allocator_allocated", String(Engine.heapInUse())), ("total_system_memory", String(total)),
                ("total_system_memory_human", Engine.humanBytes(total)),
                ("maxmemory", String(settings.maxMemory)), ("maxmemory_human", Engine.humanBytes(settings.maxMemory)),
                ("maxmemory_policy", settings.maxMemoryPolicy.rawValue),
                ("mem_fragmentation_ratio", String(format2(used > 0 ? Double(rss) / Double(used) : 0))),
                ("mem_fragmentation_bytes", String(rss - used)), ("mem_not_counted_for_evict", "0"),
                ("mem_replication_backlog", "0"), ("mem_clients_slaves", "0"), ("mem_clients_normal", "0"),
                ("mem_aof_buffer", "0"), ("mem_allocator", "libc"), ("active_defrag_running", "0"),
                ("lazyfree_pending_objects", "0"), ("lazyfreed_objects", "0"),
            ]
        case "persistence":
            return persistenceInfo(now: now) + appendOnlyInfo(now: now) + loadingInfo(now: now)
        case "stats":
            return [
                ("total_connections_received", String(stats.connectionsReceived)),
                ("total_commands_processed", String(stats.commandsProcessed)),
                ("instantaneous_ops_per_sec", String(Int(opsRate.perSecond))),
                ("total_net_input_bytes", String(stats.netInputBytes)),
                ("total_net_output_bytes", String(stats.netOutputBytes)),
                ("instantaneous_input_kbps", format2(inputRate.perSecond / 1024)),
                ("instantaneous_output_kbps", format2(outputRate.perSecond / 1024)),
                ("rejected_connections", String(stats.rejectedConnections)),
                ("sync_full", "0"), ("sync_partial_ok", "0"), ("sync_partial_err", "0"),
                ("expired_keys", String(stats.expiredKeys)), ("evicted_keys", String(stats.evictedKeys)),
                ("keyspace_hits", String(stats.keyspaceHits)), ("keyspace_misses", String(stats.keyspaceMisses)),
                ("pubsub_channels", String(clients.pubsub.channelCount)),
                ("pubsub_patterns", String(clients.pubsub.patternCount)),
                ("pubsubshard_channels", String(clients.pubsub.shardChannelCount)), ("latest_fork_usec", "0"), ("total_forks", "0"),
                ("total_error_replies", String(stats.errorReplies)),
            ]
        case "replication":
            return [
                ("role", "master"), ("connected_slaves", "0"), ("master_failover_state", "no-failover"),
                ("master_replid", runID), ("master_replid2", String(repeating: "0", count: 40)),
                ("master_repl_offset", String(commandLog.offset)), ("second_repl_offset", "-1"), ("repl_backlog_active", "0"),
                ("repl_backlog_size", String(config.int("repl-backlog-size"))),
                ("repl_backlog_first_byte_offset", "0"), ("repl_backlog_histlen", "0"),
            ]
        case "cpu":
            var user = 0.0, sys = 0.0, childUser = 0.0, childSys = 0.0
            strata_cpu_times(0, &user, &sys)
            strata_cpu_times(1, &childUser, &childSys)
            return [
                ("used_cpu_sys", format6(sys)), ("used_cpu_user", format6(user)),
                ("used_cpu_sys_children", format6(childSys)), ("used_cpu_user_children", format6(childUser)),
            ]
        case "modules", "cluster":
            return name == "cluster" ? [("cluster_enabled", "0")] : []
        case "commandstats":
            let called = commands.all.flatMap { [$0] + $0.subcommands }.filter { $0.calls > 0 }
            return called.map { s in
                let perCall = format2(Double(s.micros) / Double(s.calls))
                return ("cmdstat_" + s.name, "calls=\(s.calls),usec=\(s.micros),usec_per_call=\(perCall),rejected_calls=0,failed_calls=\(s.failedCalls)")
            }
        case "errorstats":
            return stats.errorCounts.sorted { $0.key < $1.key }.map { ("errorstat_" + $0.key, "count=\($0.value)") }
        case "keyspace":
            return databases.enumerated().compactMap { i, db in
                db.count == 0 ? nil : ("db\(i)", "keys=\(db.count),expires=\(db.expiringCount),avg_ttl=\(averageTTL(db, now: now))")
            }
        default:
            return nil
        }
    }

    /// Mean remaining TTL in ms over a sample of the expiring keys, as Redis estimates it.
    private func averageTTL(_ db: Database, now: Int64) -> Int64 {
        guard db.expiringCount > 0 else { return 0 }
        var sum: Int64 = 0, n: Int64 = 0
        for _ in 0..<min(20, db.expiringCount) {
            guard let (_, at) = db.expires.randomElement(using: &random) else { break }
            sum += max(0, at - now)
            n += 1
        }
        return n > 0 ? sum / n : 0
    }

    /// Redis's compact byte counts: "512B", "1.50K", "3.20M", "1.00G".
    public static func humanBytes(_ n: Int) -> String {
        let d = Double(n)
        if d < 1024 { return "\(n)B" }
        if d < 1024 * 1024 { return format2(d / 1024) + "K" }
        if d < 1024 * 1024 * 1024 { return format2(d / 1024 / 1024) + "M" }
        if d < 1024 * 1024 * 1024 * 1024 { return format2(d / 1024 / 1024 / 1024) + "G" }
        return format2(d / 1024 / 1024 / 1024 / 1024) + "T"
    }

    static func totalSystemMemory() -> Int {
        Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        format2(whole > 0 ? Double(part) * 100 / Double(whole) : 0) + "%"
    }
}

/// Fixed-point rendering with two decimals ("%.2f").
func format2(_ d: Double) -> String { fixed(d, digits: 2) }

/// Fixed-point rendering with six decimals ("%.6f").
func format6(_ d: Double) -> String { fixed(d, digits: 6) }

func fixed(_ d: Double, digits: Int) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = withVaList([d]) { vsnprintf(&buf, buf.count, "%.\(digits)f", $0) }
    return String(cString: buf)
}
