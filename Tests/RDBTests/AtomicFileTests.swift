import Foundation
import Glibc
import RDB
import XCTest

final class AtomicFileTests: XCTestCase {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "strata-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func writeDump(_ path: String, value: String) throws {
        let w = try RDBFileWriter(path: path, temporaryName: "temp-test.rdb", compression: true, checksum: true, chunkSize: 16)
        try w.begin(aux: [("redis-ver", "7.0.15")])
        try w.beginDatabase(0, keys: 1, expires: 0)
        try w.write(RDBEntry(db: 0, key: Array("k".utf8), value: .string(Array(value.utf8)), encoding: .string), layout: .compact)
        try w.commit()
    }

    func testCommitReplacesTheDestinationAndLeavesNoTemporaryFile() throws {
        let dir = try scratch()
        try writeDump(dir + "/dump.rdb", value: "first")
        try writeDump(dir + "/dump.rdb", value: "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["dump.rdb"])
        let (records, _) = try RedisFixtureTests.readAll(dir + "/dump.rdb")
        XCTAssertTrue(records.contains(.entry(RDBEntry(db: 0, key: Array("k".utf8), value: .string(Array("second".utf8)),
                                                       encoding: .string, offset: 32))), "\(records)")
    }

    /// The temporary file is a link to /dev/full, so every write fails with ENOSPC as on a full disk: the save
    /// fails with a clear error and the previous dump is untouched.
    func testAFullDiskFailsTheSaveAndKeepsThePreviousDump() throws {
        let dir = try scratch()
        try writeDump(dir + "/dump.rdb", value: "precious")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/dump.rdb"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/temp-test.rdb", withDestinationPath: "/dev/full")
        XCTAssertThrowsError(try writeDump(dir + "/dump.rdb", value: String(repeating: "x", count: 10_000))) { error in
            let e = error as! FileError
            XCTAssertEqual(e.errno, ENOSPC)
            XCTAssertTrue(e.description.hasPrefix("Write error saving DB on disk: No space left on device"), e.description)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/dump.rdb")), before)
    }

    func testAbortLeavesTheDestinationAlone() throws {
        let dir = try scratch()
        let w = try RDBFileWriter(path: dir + "/dump.rdb", temporaryName: "temp-x.rdb", compression: false, checksum: false)
        try w.begin(aux: [])
        w.abort()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }
}
