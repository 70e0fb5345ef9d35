import RESP
import XCTest

extension XCTestCase {
    /// Runs every case under RESP2 and again under RESP3, each on fresh connections to a
    /// fresh server pair, and reports every case whose replies diverge (first divergent step).
    func assertSameReplies(_ cases: [DifferentialCase], serverArguments: [String] = [],
                           file: StaticString = #filePath, line: UInt = #line) {
        do {
            let servers = try ServerPair(serverArguments)
            for version in [RESPVersion.v2, .v3] {
                for script in cases {
                    try run(script, on: servers, version, file: file, line: line)
                }
            }
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    private func run(_ script: DifferentialCase, on servers: ServerPair, _ version: RESPVersion,
                     file: StaticString, line: UInt) throws {
        let connections = try servers.connections(version)
        for (index, step) in script.steps.enumerated() {
            let strata = try connections.strata.send(step.command)
            let redis = try connections.redis.send(step.command)
            if !step.comparison.agrees(strata, redis) {
                XCTFail("""
                    case "\(script.name)" (RESP\(version.rawValue)), step \(index + 1): \
                    \(step.command.map(\.debugDescription).joined(separator: " ")) \
                    [\(step.comparison.label)]
                    --- strata ---
                    \(strata.description)
                    --- redis ---
                    \(redis.description)
                    """, file: file, line: line)
                return
            }
        }
    }
}

extension XCTestCase {
    /// For interactions a script cannot express (several connections, replies switched off,
    /// closed sockets): runs `body` against a fresh Strata and a fresh Redis, under each
    /// protocol version, and requires the replies it collects to be identical.
    func assertSameTranscript(serverArguments: [String] = [],
                              file: StaticString = #filePath, line: UInt = #line,
                              _ body: (ServerProcess, RESPVersion) throws -> [RESPValue]) {
        do {
            let servers = try ServerPair(serverArguments)
            for version in [RESPVersion.v2, .v3] {
                let strata = try body(servers.strata, version)
                let redis = try body(servers.redis, version)
                XCTAssertEqual(strata, redis, """
                    transcripts differ (RESP\(version.rawValue))
                    --- strata ---
                    \(RESPValue.array(strata).description)
                    --- redis ---
                    \(RESPValue.array(redis).description)
                    """, file: file, line: line)
            }
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }
}
