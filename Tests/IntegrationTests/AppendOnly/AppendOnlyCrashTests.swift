import Dispatch
import Foundation
import Glibc
import XCTest

/// kill -9 while a client writes. With `appendfsync always` a reply is only sent once the write is on disk, so
/// after every restart each acknowledged write is there, and at most the one write in flight beyond them. With
/// `everysec` the acknowledged writes lost to a crash are counted and reported (Redis's window: about a second).
final class AppendOnlyCrashTests: XCTestCase {
    /// Writes `SET n:<i> <i>` one by one until the connection dies, SIGKILLing the server after `killAfter`
    /// seconds; returns the number of acknowledged writes (numbered from `first`).
    private func writeUntilKilled(_ server: ServerProcess, first: Int, killAfter: Double) throws -> Int {
        let c = try server.connect(timeout: 5)
        let pid = server.pid
        DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { kill(pid, SIGKILL) }
        var acknowledged = 0
        while true {
            let i = first + acknowledged
            guard let reply = try? c.send(["SET", "n:\(i)", String(i)]) else { break }
            XCTAssertEqual(reply, .simpleString("OK"))
            acknowledged += 1
        }
        XCTAssertTrue(server.waitForExit(timeout: 10))
        return acknowledged
    }

    /// The writes numbered from 0 found after a restart, as a sorted list of numbers.
    private func numbersPresent(_ server: ServerProcess) throws -> [Int] {
        let c = try server.connect()
        guard case .array(let keys?) = try c.send(["KEYS", "n:*"]) else { return [] }
        return keys.compactMap { $0.text.flatMap { Int($0.dropFirst(2)) } }.sorted()
    }

    func testAlwaysLosesNoAcknowledgedWriteAcrossRepeatedKills() throws {
        var random = SystemRandomNumberGenerator()
        let first = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "always"])
        let directory = first.directory  // owned by `first`, which stays alive until the end
        var server = first
        var acknowledged = 0
        for round in 0..<5 {
            acknowledged += try writeUntilKilled(server, first: acknowledged,
                                                 killAfter: Double.random(in: 0.05...0.4, using: &random))
            server = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "always"], directory: directory)
            let present = try numbersPresent(server)
            // Every acknowledged write survived; beyond them, only the one in flight may have made it.
            XCTAssertGreaterThanOrEqual(present.count, acknowledged, "round \(round)")
            XCTAssertLessThanOrEqual(present.count, acknowledged + 1, "round \(round)")
            XCTAssertEqual(Array(present.prefix(acknowledged)), Array(0..<acknowledged), "round \(round)")
            // The one in flight counts as written from now on.
            acknowledged = present.count
        }
        XCTAssertGreaterThan(acknowledged, 0)
    }

    func testEverysecLossWindowIsMeasured() throws {
        let server = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "everysec"])
        let acknowledged = try writeUntilKilled(server, first: 0, killAfter: 1.5)
        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: server.directory)
        let present = try numbersPresent(restarted)
        XCTAssertEqual(Array(present), Array(0..<present.count), "the survivors are a prefix of the writes")
        let lost = max(0, acknowledged - present.count)
        print("appendfsync everysec: \(acknowledged) writes acknowledged, \(lost) lost to kill -9 (process crash: the kernel keeps written bytes)")
        XCTAssertGreaterThan(acknowledged, 0)
    }
}
