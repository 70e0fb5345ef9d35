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

extension EngineHarness {
    /// `assertLogReplaysToSameDataset` for logs carrying binary arguments (RESTORE payloads), which its decoding
    /// to strings would alter: replays the logged commands byte for byte into a fresh engine made with `settings`,
    /// then compares every database key by key (DUMP payload and PEXPIRETIME).
    func assertBinaryLogReplaysToSameDataset(settings: [(String, String)] = [], file: StaticString = #filePath,
                                             line: UInt = #line) {
        var buffer = engine.commandLog.takeOutput()
        var parser = RESPRequestParser()
        var args: [[UInt8]] = []
        let replica = EngineHarness(settings)
        let feeder = replica.makeClient()
        do {
            while try parser.parse(&buffer, into: &args) {
                if case .error(let text)? = replica.run(args, as: feeder) {
                    XCTFail("replaying \(args.first?.text ?? "") failed: \(text)", file: file, line: line)
                }
            }
        } catch {
            XCTFail("the log is not valid RESP: \(error)", file: file, line: line)
        }
        let mine = makeClient(), theirs = replica.makeClient()
        for db in 0..<engine.databases.count {
            _ = run(["SELECT", String(db)], as: mine)
            _ = replica.run(["SELECT", String(db)], as: theirs)
            let keys = engine.databases[db].entries.map { $0.0.bytes }.sorted { $0.lexicographicallyPrecedes($1) }
            let replayed = replica.engine.databases[db].entries.map { $0.0.bytes }
                .sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(keys, replayed, "keys of db \(db)", file: file, line: line)
            for key in keys {
                for probe in ["DUMP", "PEXPIRETIME"] {
                    XCTAssertEqual(run([Bytes(probe), key], as: mine), replica.run([Bytes(probe), key], as: theirs),
                                   "\(probe) of \(key.text) in db \(db)", file: file, line: line)
                }
            }
        }
    }
}
