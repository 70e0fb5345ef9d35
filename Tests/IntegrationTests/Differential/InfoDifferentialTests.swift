import RESP
import XCTest

/// INFO: section headers, an agreed core set of field names per section (values differ
/// between any two servers), and keyspace lines, which must match exactly up to avg_ttl.
final class InfoDifferentialTests: XCTestCase {
    /// Fields monitoring tools and client libraries read; Redis reports all of them, and
    /// Strata must report at least these.
    static let coreFields: [String: [String]] = [
        "server": ["redis_version", "redis_mode", "os", "arch_bits", "process_id", "run_id", "tcp_port",
                   "uptime_in_seconds", "uptime_in_days", "hz", "executable", "config_file"],
        "clients": ["connected_clients", "maxclients", "blocked_clients"],
        "memory": ["used_memory", "used_memory_human", "used_memory_rss", "used_memory_peak",
                   "used_memory_peak_human", "total_system_memory", "maxmemory", "maxmemory_human",
                   "maxmemory_policy", "mem_fragmentation_ratio", "mem_allocator"],
        "persistence": ["loading", "rdb_changes_since_last_save", "rdb_bgsave_in_progress",
                        "rdb_last_save_time", "rdb_last_bgsave_status", "aof_enabled", "aof_rewrite_in_progress"],
        "stats": ["total_connections_received", "total_commands_processed", "instantaneous_ops_per_sec",
                  "total_net_input_bytes", "total_net_output_bytes", "rejected_connections", "expired_keys",
                  "evicted_keys", "keyspace_hits", "keyspace_misses", "pubsub_channels", "pubsub_patterns",
                  "latest_fork_usec", "total_error_replies"],
        "replication": ["role", "connected_slaves", "master_replid", "master_repl_offset",
                        "repl_backlog_active", "repl_backlog_size"],
        "cpu": ["used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children"],
    ]

    func testEverySectionReportsTheCoreFields() throws {
        let servers = try ServerPair()
        for server in [servers.redis, servers.strata] {
            let client = try server.connect()
            let everything = try XCTUnwrap(client.send(["INFO"]).text, "INFO on \(server.binary.name)")
            for section in Self.coreFields.keys.sorted() + ["keyspace"] {
                let header = section == "cpu" ? "# CPU" : "# " + section.prefix(1).uppercased() + section.dropFirst()
                XCTAssertTrue(everything.contains(header + "\r\n"), "\(server.binary.name) INFO lacks \(header)")
            }
            for (section, core) in Self.coreFields {
                let text = try XCTUnwrap(client.send(["INFO", section]).text)
                let missing = Set(core).subtracting(Self.fieldNames(text))
                XCTAssertTrue(missing.isEmpty,
                              "\(server.binary.name) INFO \(section) lacks \(missing.sorted())\n\(text)")
            }
        }
    }

    func testKeyspaceLinesMatch() {
        assertSameTranscript { server, _ in
            let client = try server.connect()
            _ = try client.pipeline([
                ["FLUSHALL"], ["MSET", "a", "1", "b", "2", "c", "3"], ["EXPIRE", "a", "1000"],
                ["SELECT", "3"], ["SET", "x", "y", "EX", "500"], ["SELECT", "0"],
            ])
            let keyspace = try client.send(["INFO", "keyspace"]).text ?? ""
            let lines = keyspace.split(separator: "\r\n").map { line in
                RESPValue.bulkString(Array(line.split(separator: ",").filter { !$0.hasPrefix("avg_ttl=") }
                    .joined(separator: ",").utf8))
            }
            return lines
        }
    }

    /// Names of the `name:value` lines of INFO text, skipping headers and blank lines.
    static func fieldNames(_ text: String) -> Set<String> {
        Set(text.split(separator: "\r\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            line.split(separator: ":", maxSplits: 1).first.map(String.init)
        })
    }
}
