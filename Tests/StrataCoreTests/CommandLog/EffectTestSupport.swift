import NIOCore
import RESP
@testable import StrataCore
import XCTest

extension EngineHarness {
    /// The key's absolute expiry in Unix ms (its PEXPIRETIME) as the decimal text the log writes.
    func absoluteExpiry(of key: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard case .integer(let at)? = run("PEXPIRETIME", key) else {
            XCTFail("no PEXPIRETIME for \(key)", file: file, line: line)
            return ""
        }
        return String(at)
    }

    /// Runs the commands in order, ignoring their replies.
    func runSequence(_ commands: [[String]]) {
        for command in commands { _ = run(command) }
    }
}

/// A scratch data directory for an engine whose `dir` points at it. Setting `dir` changes the process's working
/// directory, so `remove()` goes back to the previous one before deleting the directory (later tests must not
/// find themselves in a deleted directory).
struct ScratchDataDirectory {
    let url: URL
    private let previous = FileManager.default.currentDirectoryPath

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func remove() {
        _ = FileManager.default.changeCurrentDirectoryPath(previous)
        try? FileManager.default.removeItem(at: url)
    }
}
