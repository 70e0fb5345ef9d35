import Foundation
import RDB
@testable import StrataCore
import XCTest

/// Keys are stored on a second thread while the file is decoded; a problem found there must still fail the load
/// with the record's offset and key, be the one reported when a later record is also bad, and leave the keyspace
/// untouched.
final class SnapshotStorerTests: XCTestCase {
    private var path: String!

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-storer-\(UUID().uuidString).rdb").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes 1,000 string keys (several hand-over batches) with `record` written before key `at`; returns the
    /// offset of `record`. `trailer` is appended after the last key instead of a valid end.
    private func writeFile(inserting record: RDBEntry, at: Int, trailer: [UInt8]? = nil) throws -> Int {
        var e = RDBEncoder()
        e.writeHeader()
        e.writeSelectDB(0)
        var offset = 0
        for i in 0..<1000 {
            if i == at {
                offset = e.offset
                e.writeEntry(record, layout: .compact)
            }
            e.writeEntry(RDBEntry(db: 0, key: Array("k\(i)".utf8), value: .string(Array("v\(i)".utf8)), encoding: .string),
                         layout: .compact)
        }
        var bytes: [UInt8]
        if let trailer {
            bytes = e.drain() + trailer
        } else {
            e.finish()
            bytes = e.drain()
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return offset
    }

    private func loadError(into h: EngineHarness) -> RDBError? {
        do {
            try h.engine.loadSnapshot(from: path)
            return nil
        } catch {
            return error
        }
    }

    func testADuplicatedKeyFailsTheLoadWithItsOffsetAndKeyAndLoadsNothing() throws {
        let duplicate = RDBEntry(db: 0, key: Array("k10".utf8), value: .string(Array("again".utf8)), encoding: .string)
        let offset = try writeFile(inserting: duplicate, at: 700)
        let h = EngineHarness()
        h.run("SET", "before", "1")
        let error = try XCTUnwrap(loadError(into: h))
        XCTAssertEqual(error.message, "duplicated key in DB 0")
        XCTAssertEqual(error.offset, offset)
        XCTAssertEqual(error.key, Array("k10".utf8))
        XCTAssertEqual(h.run("DBSIZE"), .integer(1))
    }

    func testARefusedValueIsReportedBeforeALaterDecodingProblem() throws {
        let bad = RDBEntry(db: 0, key: Array("h".utf8), value: .hash([(Array("f".utf8), Array("1".utf8)), (Array("f".utf8), Array("2".utf8))]),
                           encoding: .hash)
        let offset = try writeFile(inserting: bad, at: 3, trailer: [0xF0])
        let error = try XCTUnwrap(loadError(into: EngineHarness()))
        XCTAssertEqual(error.message, "Duplicate hash fields detected")
        XCTAssertEqual(error.offset, offset)
        XCTAssertEqual(error.key, Array("h".utf8))
    }

    func testADecodingProblemAfterValidKeysIsReported() throws {
        let fine = RDBEntry(db: 0, key: Array("x".utf8), value: .string(Array("y".utf8)), encoding: .string)
        _ = try writeFile(inserting: fine, at: 0, trailer: [0xF0])
        let error = try XCTUnwrap(loadError(into: EngineHarness()))
        XCTAssertTrue(error.message.contains("unknown record type 240"), error.message)
    }
}
