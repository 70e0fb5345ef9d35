import Foundation
import XCTest

/// Runs the real `strata-rdb` binary (built next to the tests in .build/debug) on the Redis 7.0 fixture.
final class StrataRDBCommandTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let fixture = root.appendingPathComponent("Fixtures/rdb/redis-7.0-all-types.rdb").path

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a shell pipeline with `strata-rdb` on the PATH.
    func sh(_ script: String) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = Self.root.appendingPathComponent(".build/debug").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "strata-rdb-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testCheckAcceptsTheFixtureAndReportsTheOffsetOfATruncation() throws {
        let ok = try sh("strata-rdb check --json '\(Self.fixture)'")
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines), #"{"ok":true,"version":10,"keys":18,"expires":1}"#)

        let dir = try scratch()
        let bad = try sh("head -c 3000 '\(Self.fixture)' > \(dir)/cut.rdb && strata-rdb check \(dir)/cut.rdb")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("at byte"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("in key"), bad.stderr)

        let missing = try sh("strata-rdb check \(dir)/nope.rdb")
        XCTAssertEqual(missing.status, 2, missing.stderr)
    }

    func testInfoKeysAndExportFilters() throws {
        let info = try sh("strata-rdb info --json '\(Self.fixture)'")
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains(#""keys":18"#), info.stdout)
        XCTAssertTrue(info.stdout.contains(#""hash/listpack":1"#), info.stdout)
        XCTAssertTrue(info.stdout.contains(#"{"db":1,"keys":1,"expires":0}"#), info.stdout)

        let keys = try sh("strata-rdb keys --type zset '\(Self.fixture)' | sort")
        XCTAssertEqual(keys.stdout, "bigzset\ngeo\nzset\n")
        let expiring = try sh("strata-rdb keys --expiring --json '\(Self.fixture)'")
        XCTAssertEqual(expiring.stdout, #"{"db":0,"key":"exp","type":"string","encoding":"string","expire_at":4102444800000}"# + "\n")

        let export = try sh("strata-rdb export --db 0 --match 'h*' '\(Self.fixture)' | sort")
        XCTAssertEqual(export.stdout.split(separator: "\n").count, 2)
        XCTAssertTrue(export.stdout.contains(#"{"db":0,"key":"hash","type":"hash","value":[["f1","v1"],["f2","2"]]}"#), export.stdout)
    }

    /// The RESP export replayed into a real redis-server and saved again gives the same dump, except for the
    /// stream's pending entries, which no command can recreate.
    func testRESPExportReplaysIntoRedisAndDiffFindsOnlyTheStreamPEL() throws {
        let dir = try scratch()
        let port = 30000 + Int.random(in: 0..<20000)
        let script = """
            redis-server --port \(port) --bind 127.0.0.1 --dir \(dir) --save '' --appendonly no --daemonize yes \
              --pidfile \(dir)/r.pid --logfile \(dir)/r.log
            for i in $(seq 100); do redis-cli -p \(port) ping >/dev/null 2>&1 && break; sleep 0.05; done
            strata-rdb export --format resp '\(Self.fixture)' | redis-cli -p \(port) --pipe >/dev/null
            redis-cli -p \(port) save >/dev/null
            redis-cli -p \(port) shutdown nosave >/dev/null 2>&1
            strata-rdb diff '\(Self.fixture)' \(dir)/dump.rdb
            """
        let diff = try sh(script)
        XCTAssertEqual(diff.status, 1, diff.stderr)
        XCTAssertEqual(diff.stdout, "~ db0 stream\n")

        let same = try sh("strata-rdb diff '\(Self.fixture)' '\(Self.fixture)'")
        XCTAssertEqual(same.status, 0)
        XCTAssertEqual(same.stdout, "dumps hold the same data\n")
    }
}
