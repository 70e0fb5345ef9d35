import Foundation
import XCTest

/// Runs the real `strata-aof` binary (built next to the tests in .build/debug) on copies of the Redis 7.0
/// fixtures, next to redis-check-aof 7.0.15 where their verdicts can be compared.
final class StrataAOFCommandTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

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

    /// A copy of Fixtures/aof/<name>/appendonlydir.
    func fixtureCopy(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "strata-aof-tool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("Fixtures/aof/\(name)/appendonlydir").path,
                                         toPath: dir + "/appendonlydir")
        return dir + "/appendonlydir"
    }

    func testCheckAcceptsEveryFixtureByDirectoryOrManifest() throws {
        for name in ["preamble", "plain", "timestamps"] {
            let dir = try fixtureCopy(name)
            let byDir = try sh("strata-aof check \(dir)")
            XCTAssertEqual(byDir.status, 0, byDir.stdout + byDir.stderr)
            XCTAssertTrue(byDir.stdout.hasSuffix("All AOF files and manifest are valid\n"), byDir.stdout)
            let byManifest = try sh("strata-aof check --json \(dir)/appendonly.aof.manifest")
            XCTAssertEqual(byManifest.status, 0)
            XCTAssertTrue(byManifest.stdout.hasPrefix(#"{"ok":true,"files":[{"name":"appendonly.aof.2.base."#), byManifest.stdout)
        }
        let preamble = try sh("strata-aof check \(try fixtureCopy("preamble"))")
        XCTAssertTrue(preamble.stdout.contains("BASE AOF appendonly.aof.2.base.rdb is valid (RDB preamble with 4 keys, 0 commands, 199 bytes)"),
                      preamble.stdout)
        let single = try sh("strata-aof check \(try fixtureCopy("plain"))/appendonly.aof.2.incr.aof")
        XCTAssertEqual(single.status, 0)
        XCTAssertEqual(single.stdout, "AOF appendonly.aof.2.incr.aof is valid (12 commands, 3340 bytes)\n")
    }

    /// A cut last file: check says where, fix without --truncate is a usage error, fix --truncate keeps a backup
    /// and cuts at the same offset redis-check-aof reports, after which both tools accept the directory.
    func testTruncatedTailIsFixedOnlyWithTheFlagAndAfterABackup() throws {
        let dir = try fixtureCopy("plain")
        let incr = dir + "/appendonly.aof.2.incr.aof"
        _ = try sh("truncate -s -5 \(incr)")
        let check = try sh("strata-aof check \(dir)")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("AOF analyzed: filename=appendonly.aof.2.incr.aof, size=3335, ok_up_to=3291, diff=44"), check.stdout)
        let redis = try sh("redis-check-aof \(dir)/appendonly.aof.manifest")
        XCTAssertEqual(redis.status, 1)
        XCTAssertTrue(redis.stdout.contains("size=3335, ok_up_to=3291"), redis.stdout)

        let refused = try sh("strata-aof fix \(dir)")
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("--truncate"), refused.stderr)

        let fixed = try sh("strata-aof fix --truncate --json \(dir)")
        XCTAssertEqual(fixed.status, 0, fixed.stdout)
        XCTAssertEqual(fixed.stdout, #"{"ok":true,"fixed":true,"file":"appendonly.aof.2.incr.aof","from_size":3335,"to_size":3291,"backup":"\#(incr).bak"}"# + "\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: incr + ".bak")[.size] as? Int, 3335)
        XCTAssertEqual(try sh("strata-aof check \(dir)").status, 0)
        XCTAssertEqual(try sh("redis-check-aof \(dir)/appendonly.aof.manifest").status, 0)
        let again = try sh("strata-aof fix --truncate \(dir)")
        XCTAssertEqual(again.stdout, "AOF is valid, nothing to fix\n")
    }

    /// A file ending inside MULTI ... without EXEC is cut before the MULTI, as redis-check-aof does.
    func testOpenTransactionAtTheEndIsCutBeforeItsMulti() throws {
        let dir = try fixtureCopy("plain")
        let incr = dir + "/appendonly.aof.2.incr.aof"
        _ = try sh("printf '*1\\r\\n$5\\r\\nMULTI\\r\\n*2\\r\\n$4\\r\\nINCR\\r\\n$1\\r\\nn\\r\\n' >> \(incr)")
        let check = try sh("strata-aof check --json \(dir)")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains(#""kind":"truncated","file":"appendonly.aof.2.incr.aof","offset":3340"#), check.stdout)
        XCTAssertTrue(check.stdout.contains("Reached EOF before reading EXEC for MULTI"), check.stdout)
        let redis = try sh("redis-check-aof \(dir)/appendonly.aof.manifest")
        XCTAssertTrue(redis.stdout.contains("Reached EOF before reading EXEC for MULTI"), redis.stdout)
        XCTAssertTrue(redis.stdout.contains("ok_up_to=3340"), redis.stdout)
    }

    /// Corruption in the middle, or a truncated file that is not the last one, is reported and never "fixed".
    func testCorruptionInTheMiddleIsReportedAndLeftAlone() throws {
        let dir = try fixtureCopy("plain")
        let incr = dir + "/appendonly.aof.2.incr.aof"
        _ = try sh("printf '+' | dd of=\(incr) bs=1 seek=0 conv=notrunc 2>/dev/null")
        let check = try sh("strata-aof check \(dir)")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("expected '*' or '#' at the start of a command, got '+'"), check.stdout)
        XCTAssertTrue(check.stdout.contains("ok_up_to=0, diff=3340"), check.stdout)
        let fix = try sh("strata-aof fix --truncate \(dir)")
        XCTAssertEqual(fix.status, 1)
        XCTAssertTrue(fix.stdout.contains("Refusing to fix"), fix.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: incr + ".bak"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: incr)[.size] as? Int, 3340)

        let base = try fixtureCopy("plain")
        _ = try sh("truncate -s -3 \(base)/appendonly.aof.2.base.aof")
        let notLast = try sh("strata-aof fix --truncate --json \(base)")
        XCTAssertEqual(notLast.status, 1)
        XCTAssertTrue(notLast.stdout.contains(#""kind":"truncated","file":"appendonly.aof.2.base.aof""#), notLast.stdout)
        XCTAssertTrue(notLast.stdout.contains(#""fixable":false"#), notLast.stdout)
        XCTAssertTrue(notLast.stdout.contains("not the last file"), notLast.stdout)
    }

    func testUnreadableInputsAndBadManifestsHaveTheirExitCodes() throws {
        let dir = try fixtureCopy("preamble")
        XCTAssertEqual(try sh("strata-aof check \(dir)/nothing-here").status, 2)
        try FileManager.default.removeItem(atPath: dir + "/appendonly.aof.2.incr.aof")
        let missing = try sh("strata-aof check --json \(dir)")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains(#""kind":"missing","file":"appendonly.aof.2.incr.aof""#), missing.stdout)
        _ = try sh("printf 'file a seq 1 type x\\n' > \(dir)/appendonly.aof.manifest")
        let bad = try sh("strata-aof check \(dir)")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stdout.contains("Unknown AOF file type (manifest line 1: 'file a seq 1 type x')"), bad.stdout)
        let rdbDamaged = try fixtureCopy("preamble")
        _ = try sh("truncate -s 100 \(rdbDamaged)/appendonly.aof.2.base.rdb")
        let rdb = try sh("strata-aof check --json \(rdbDamaged)")
        XCTAssertEqual(rdb.status, 1)
        XCTAssertTrue(rdb.stdout.contains(#""kind":"corrupt","file":"appendonly.aof.2.base.rdb""#), rdb.stdout)
        XCTAssertTrue(rdb.stdout.contains("bad RDB preamble"), rdb.stdout)
    }
}
