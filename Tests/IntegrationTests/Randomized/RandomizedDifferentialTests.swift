import XCTest

/// Thousands of seeded random commands over every data type, applied to strata-server and
/// redis-server and compared reply by reply, then the whole dataset key by key. A failure
/// names the seed, the step and the commands before it; `RandomizedSettings` lists the
/// environment variables that replay it. If the server under test dies, the run stops there
/// and reports the end of its log.
final class RandomizedDifferentialTests: XCTestCase {
    func testRandomCommandStreamsAgreeWithRedis() throws {
        let settings = try RandomizedSettings()
        let servers = try RandomizedServers(selfCheck: settings.selfCheck)
        for seed in settings.seeds {
            print("randomized differential: seed \(seed), \(settings.steps) steps")
            do {
                if let divergence = try RandomizedRun(seed: seed, settings: settings, servers: servers).run() {
                    XCTFail(divergence.description)
                    // A crashing server takes a moment to print its backtrace and exit.
                    if divergence.lostConnection { _ = servers.subject.waitForExit(timeout: 5) }
                }
            } catch {
                XCTFail("randomized run with seed \(seed) could not start: \(error)")
            }
            guard servers.subject.isRunning else {
                XCTFail("\(servers.subject.binary.name) exited during seed \(seed):\n" + Self.crashReport(servers.subject.log))
                return
            }
        }
    }

    /// The part of a server log that says why it died: from the Swift runtime's message
    /// through the crashing thread's first frames; else the log's last lines.
    static func crashReport(_ log: String) -> String {
        let lines = log.split(separator: "\n")
        let markers = ["Fatal error", "Swift runtime failure", "Program crashed"]
        guard let start = lines.firstIndex(where: { line in markers.contains { line.contains($0) } }) else {
            return lines.suffix(30).joined(separator: "\n")
        }
        return lines[start...].prefix(16).joined(separator: "\n")
    }
}
