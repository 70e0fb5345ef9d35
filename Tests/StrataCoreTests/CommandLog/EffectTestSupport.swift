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
