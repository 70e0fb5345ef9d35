import Foundation
import XCTest

/// Every fixture dump, truncated or with a flipped byte at positions spread over the whole file, keeps
/// strata-server from starting: exit status 1, the log naming an offset inside the file, and never "Ready to
/// accept connections".
final class CorruptDumpStartupTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/rdb").standardized
    /// Damaged variants tried per fixture and kind of damage.
    private static let positionsPerFixture = 12

    private func fixtureDumps() throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".rdb") }.sorted()
            .map { ($0, try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent($0)))) }
    }

    /// Positions spread evenly over `count` bytes, the header's first byte and the trailer's last included.
    private func spread(_ count: Int) -> [Int] {
        let n = Self.positionsPerFixture
        return (0..<n).map { $0 * (count - 1) / (n - 1) }
    }

    private func assertRefusesToStart(_ bytes: [UInt8], _ what: String) throws {
        let directory = try ServerProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("dump.rdb"))
        let run = try FinishedProcess(.strata, arguments: ["--port", String(try FreePort.next()), "--bind", "127.0.0.1",
                                                           "--save", "", "--dir", directory.path])
        let output = run.standardOutput + run.standardError
        XCTAssertEqual(run.status, 1, "\(what)\n\(output)")
        XCTAssertFalse(output.contains("Ready to accept connections"), "\(what)\n\(output)")
        let marker = "Fatal error loading the DB dump.rdb at offset "
        guard let range = output.range(of: marker) else { return XCTFail("\(what): no offset logged\n\(output)") }
        let offset = Int(output[range.upperBound...].prefix { $0.isNumber })
        XCTAssertNotNil(offset, what)
        XCTAssertLessThanOrEqual(offset ?? .max, bytes.count, what)
    }

    func testTruncatedFixturesRefuseToStart() throws {
        for (name, bytes) in try fixtureDumps() {
            for cut in spread(bytes.count) { try assertRefusesToStart(Array(bytes.prefix(cut)), "\(name) cut at \(cut)") }
        }
    }

    func testFixturesWithAFlippedByteRefuseToStart() throws {
        // Files saved with `rdbchecksum no` (a zero trailer) cannot catch a flip inside a string.
        for (name, bytes) in try fixtureDumps() where bytes.suffix(8).contains(where: { $0 != 0 }) {
            for position in spread(bytes.count) {
                var damaged = bytes
                damaged[position] ^= 0x5A
                try assertRefusesToStart(damaged, "\(name) flip at \(position)")
            }
        }
    }
}
