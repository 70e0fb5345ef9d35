import Foundation
import RDB
@testable import StrataCore
import XCTest

/// Every fixture dump, systematically damaged, is refused by the engine with an offset inside the file, and the
/// dataset stays exactly as it was: nothing of a bad file is ever served.
final class LoadingCorruptionTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/rdb").standardized
    private var scratch: String!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-corrupt-\(UUID().uuidString).rdb").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private func fixtureDumps() throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".rdb") }.sorted()
            .map { ($0, try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent($0)))) }
    }

    /// Loads `bytes` into an engine holding one key; the load must fail at an offset within the file and leave
    /// that one key alone.
    private func assertRefused(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: scratch))
        let h = EngineHarness()
        h.run("SET", "before", "load")
        XCTAssertThrowsError(try h.engine.loadSnapshot(from: scratch), what, file: file, line: line) { error in
            XCTAssertLessThanOrEqual((error as? RDBError)?.offset ?? .max, bytes.count, what, file: file, line: line)
        }
        XCTAssertEqual(h.run("DBSIZE"), .integer(1), what, file: file, line: line)
        XCTAssertEqual(h.run("GET", "before"), .bulk("load"), what, file: file, line: line)
    }

    func testEveryFixtureLoadsIntactIntoTheEngine() throws {
        for (name, bytes) in try fixtureDumps() {
            try Data(bytes).write(to: URL(fileURLWithPath: scratch))
            XCTAssertNoThrow(try EngineHarness().engine.loadSnapshot(from: scratch), name)
        }
    }

    func testEveryTruncationOfEveryFixtureIsRefused() throws {
        for (name, bytes) in try fixtureDumps() {
            let step = max(1, bytes.count / 60)
            for cut in stride(from: 0, to: bytes.count, by: step) {
                try assertRefused(Array(bytes.prefix(cut)), "\(name) cut at \(cut)")
            }
        }
    }

    func testEveryFlippedByteOfAChecksummedFixtureIsRefused() throws {
        for (name, bytes) in try fixtureDumps() where bytes.suffix(8).contains(where: { $0 != 0 }) {
            let step = max(1, bytes.count / 60)
            for position in stride(from: 0, to: bytes.count, by: step) {
                var damaged = bytes
                damaged[position] ^= 0x5A
                try assertRefused(damaged, "\(name) flip at \(position)")
            }
        }
    }

    func testAbsurdLengthsAreRefusedWithoutAllocatingThem() throws {
        // REDIS0010, then a string key whose 32-bit length claims 4 GB.
        let header = Array("REDIS0010".utf8)
        try assertRefused(header + [0x00, 0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0x6B], "absurd key length")
        // A list of 2^62 elements.
        try assertRefused(header + [0x01, 0x01, 0x6B, 0x81] + [0x40] + [UInt8](repeating: 0, count: 7) + [0x01, 0x61],
                          "absurd element count")
    }
}
