import Foundation
import Glibc
import XCTest

/// Damaged AOF files at startup: a last file cut inside a command is truncated back and loaded when
/// `aof-load-truncated yes` (the default) and refused otherwise; damage in the middle always refuses to start,
/// naming the file and the offset; none of it is ever half-served.
final class AppendOnlyDamageTests: XCTestCase {
    /// A strata AOF directory with `count` SETs in its incr file, the server stopped.
    private func filesWithWrites(_ count: Int) throws -> (directory: URL, incr: URL) {
        let strata = try ServerProcess.strata(["--appendonly", "yes"])
        let c = try strata.connect()
        for i in 0..<count { _ = try c.send(["SET", "key:\(i)", "value:\(i)"]) }
        XCTAssertEqual(strata.stop(), 0)
        let directory = try ServerProcess.makeTemporaryDirectory()
        try FileManager.default.removeItem(at: directory)
        try FileManager.default.copyItem(at: strata.directory, to: directory)
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("server.log"))
        return (directory, try AppendOnlyFiles.lastIncr(directory))
    }

    private func start(_ directory: URL, _ extra: [String]) throws -> FinishedProcess {
        try FinishedProcess(.strata, arguments: ["--port", String(try FreePort.next()), "--bind", "127.0.0.1",
                                                 "--save", "", "--appendonly", "yes", "--dir", directory.path] + extra,
                            timeout: 5)
    }

    func testATruncatedLastCommandIsCutOffAndTheRestLoadsWhenAllowed() throws {
        let (directory, incr) = try filesWithWrites(20)
        defer { try? FileManager.default.removeItem(at: directory) }
        let complete = try AppendOnlyFiles.size(incr)
        let handle = try FileHandle(forWritingTo: incr)
        handle.seekToEndOfFile()
        handle.write("*3\r\n$3\r\nSET\r\n$7\r\nkey:999\r\n$5\r\nval".data(using: .utf8)!)
        try handle.close()

        let refused = try start(directory, ["--aof-load-truncated", "no"])
        XCTAssertNotEqual(refused.status, 0)
        let output = refused.standardOutput + refused.standardError
        XCTAssertTrue(output.contains("appendonly.aof.1.incr.aof"), output)
        XCTAssertTrue(output.contains("offset \(complete)"), output)
        XCTAssertFalse(output.contains("Ready to accept connections"), output)

        let strata = try ServerProcess.strata(["--appendonly", "yes"], directory: directory)
        let c = try strata.connect()
        XCTAssertEqual(try c.send(["DBSIZE"]), .integer(20))
        XCTAssertEqual(try c.send(["GET", "key:19"]), .bulkString(Array("value:19".utf8)))
        XCTAssertTrue(strata.log.contains("Truncating the AOF"), strata.log)
        XCTAssertEqual(try AppendOnlyFiles.size(incr), complete)
    }

    func testDamageInTheMiddleRefusesToStartNamingFileAndOffset() throws {
        let (directory, incr) = try filesWithWrites(20)
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = try Data(contentsOf: incr)
        let middle = bytes.count / 2
        let star = bytes[middle...].firstIndex(of: UInt8(ascii: "*"))!
        bytes[star] = UInt8(ascii: "!")
        try bytes.write(to: incr)
        let run = try start(directory, [])
        XCTAssertNotEqual(run.status, 0)
        let output = run.standardOutput + run.standardError
        XCTAssertTrue(output.contains("appendonly.aof.1.incr.aof"), output)
        XCTAssertTrue(output.contains("offset"), output)
        XCTAssertFalse(output.contains("Ready to accept connections"), output)
    }
}
