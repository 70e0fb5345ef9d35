import Foundation
import Glibc
import XCTest

/// A disk that refuses the AOF's writes (the incr file is a link to /dev/full, whose writes fail with ENOSPC):
/// under `everysec` writes are refused with MISCONF and INFO says so; under `always` the server exits rather
/// than acknowledge a write that is not on disk.
final class AppendOnlyDiskErrorTests: XCTestCase {
    /// A stopped strata AOF directory whose incr file is replaced by a link to /dev/full.
    private func directoryWithFullDisk() throws -> URL {
        let strata = try ServerProcess.strata(["--appendonly", "yes"])
        let c = try strata.connect()
        _ = try c.send(["SET", "before", "1"])
        try AppendOnlyFiles.rewrite(c)  // "before" is in the base; the new incr file is the one that fails
        XCTAssertEqual(strata.stop(), 0)
        let directory = try ServerProcess.makeTemporaryDirectory()
        try FileManager.default.removeItem(at: directory)
        try FileManager.default.copyItem(at: strata.directory, to: directory)
        let incr = try AppendOnlyFiles.lastIncr(directory)
        try FileManager.default.removeItem(at: incr)
        try FileManager.default.createSymbolicLink(atPath: incr.path, withDestinationPath: "/dev/full")
        return directory
    }

    func testEverysecRefusesWritesWithMisconfAfterAFailedWrite() throws {
        let directory = try directoryWithFullDisk()
        defer { try? FileManager.default.removeItem(at: directory) }
        let strata = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "everysec"], directory: directory)
        let c = try strata.connect()
        XCTAssertEqual(try c.send(["GET", "before"]), .bulkString(Array("1".utf8)))
        _ = try c.send(["SET", "lost", "1"])  // its write fails after the reply is queued, as in Redis
        let deadline = Deadline(seconds: 10)
        var reply = try c.send(["SET", "refused", "1"])
        while case .simpleString = reply, !deadline.hasPassed {
            usleep(20_000)
            reply = try c.send(["SET", "refused", "1"])
        }
        guard case .error(let text) = reply else { return XCTFail("writes still accepted: \(reply)") }
        XCTAssertTrue(text.hasPrefix("MISCONF Errors writing to the AOF file: "), text)
        XCTAssertEqual(try PersistenceData.info(c)["aof_last_write_status"], "err")
        XCTAssertEqual(try c.send(["GET", "before"]), .bulkString(Array("1".utf8)), "reads still work")
        XCTAssertTrue(strata.log.contains("Error writing to the AOF file"), strata.log)
    }

    func testAlwaysExitsInsteadOfAcknowledgingAWriteThatIsNotOnDisk() throws {
        let directory = try directoryWithFullDisk()
        defer { try? FileManager.default.removeItem(at: directory) }
        let strata = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "always"], directory: directory)
        let c = try strata.connect()
        XCTAssertThrowsError(try c.send(["SET", "never-acknowledged", "1"]))
        XCTAssertTrue(strata.waitForExit(timeout: 10))
        XCTAssertTrue(strata.log.contains("Can't recover from AOF write error when the AOF fsync policy is 'always'"), strata.log)
    }
}
