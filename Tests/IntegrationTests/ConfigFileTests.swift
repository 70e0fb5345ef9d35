import Foundation
import RESP
import XCTest

/// Starting from a redis.conf-style file: directives applied, command-line overrides, fatal
/// errors for bad directives, and CONFIG REWRITE preserving what it does not own.
final class ConfigFileTests: XCTestCase {
    /// The seed configuration, bound to loopback for tests.
    static func seedConfig(port: Int) -> String {
        """
        # Strata seed configuration
        bind 127.0.0.1
        protected-mode no
        port \(port)
        maxmemory 500mb
        maxmemory-policy allkeys-lru

        """
    }

    func testSeedConfigFileIsApplied() throws {
        for binary in [ServerBinary.redis, .strata] {
            let port = try FreePort.next()
            let file = try ConfigFile(Self.seedConfig(port: port))
            let server = try ServerProcess(binary, configFile: file.path, port: port)
            let client = try server.connect()
            let pairs = Comparison.projected("pairs by key", Projection.sortedPairs)
            let reply = try client.send(["CONFIG", "GET", "maxmemory", "maxmemory-policy", "protected-mode", "bind", "port"])
            let expected = RESPValue.command(["bind", "127.0.0.1", "maxmemory", "524288000", "maxmemory-policy",
                                              "allkeys-lru", "port", String(port), "protected-mode", "no"])
            XCTAssertTrue(pairs.agrees(reply, expected), "\(server.binary.name):\n\(reply)")
        }
    }

    func testCommandLinePortOverridesTheFile() throws {
        for binary in [ServerBinary.redis, .strata] {
            let filePort = try FreePort.next()
            let file = try ConfigFile(Self.seedConfig(port: filePort))
            let server = try ServerProcess(binary, configFile: file.path)
            XCTAssertNotEqual(server.port, filePort)
            let reply = try server.connect().send(["CONFIG", "GET", "port"])
            XCTAssertEqual(reply, .command(["port", String(server.port)]), binary.name)
        }
    }

    func testBadDirectiveIsFatalWithItsLineNumber() throws {
        let file = try ConfigFile("# comment\nmaxmemory 1mb\nno-such-directive yes\n")
        for binary in [ServerBinary.redis, .strata] {
            let run = try FinishedProcess(binary, arguments: [file.path, "--port", String(try FreePort.next())])
            XCTAssertNotEqual(run.status, 0, "\(binary.name) accepted a bad directive")
            XCTAssertTrue(run.standardError.contains("FATAL CONFIG FILE ERROR"), "\(binary.name) stderr: \(run.standardError)")
            XCTAssertTrue(run.standardError.contains("line 3"), "\(binary.name) stderr: \(run.standardError)")
        }
    }

    func testRewriteKeepsCommentsAndDirectivesItDoesNotManage() throws {
        let strata = try Self.rewriteOutcome(.strata)
        let redis = try Self.rewriteOutcome(.redis)
        XCTAssertEqual(strata, redis, "--- strata ---\n\(strata)\n--- redis ---\n\(redis)")
    }

    /// Starts `binary` from a file with a comment, a directive Redis accepts but Strata need
    /// not implement, and maxmemory; changes maxmemory and rewrites. Returns the replies,
    /// whether the comment and the directive survived, and the new maxmemory line(s).
    static func rewriteOutcome(_ binary: ServerBinary) throws -> RESPValue {
        let file = try ConfigFile("# keep this comment\nhash-max-listpack-entries 256\nmaxmemory 500mb\n")
        let server = try ServerProcess(binary, configFile: file.path)
        let replies = try server.connect().pipeline([["CONFIG", "SET", "maxmemory", "100mb"], ["CONFIG", "REWRITE"]])
        let lines = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n")
        return .array(replies + [
            .boolean(lines.contains("# keep this comment")),
            .boolean(lines.contains("hash-max-listpack-entries 256")),
            .array(lines.filter { $0.hasPrefix("maxmemory ") }.map { .bulkString(Array($0.utf8)) }),
        ])
    }
}
