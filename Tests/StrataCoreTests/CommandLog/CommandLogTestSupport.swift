import NIOCore
import RESP
@testable import StrataCore
import XCTest

extension EngineHarness {
    /// Turns the command log on (as an attached AOF would).
    func recordEffects() {
        engine.commandLog.isActive = true
        _ = engine.commandLog.takeOutput()
    }

    /// The commands the log wrote since the last call, decoded, as strings.
    func loggedEffects(file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var buffer = engine.commandLog.takeOutput()
        var parser = RESPRequestParser()
        var commands: [[String]] = []
        var args: [[UInt8]] = []
        do {
            while try parser.parse(&buffer, into: &args) {
                commands.append(args.map { String(decoding: $0, as: UTF8.self) })
            }
        } catch {
            XCTFail("the log is not valid RESP: \(error)", file: file, line: line)
        }
        XCTAssertEqual(buffer.readableBytes, 0, "a partial command at the end of the log", file: file, line: line)
        return commands
    }
}
