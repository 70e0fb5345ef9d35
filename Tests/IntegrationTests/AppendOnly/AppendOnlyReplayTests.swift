import Foundation
import Glibc
import XCTest

/// The AOF is a deterministic record of the dataset: a randomized workload run on strata-server with
/// `appendonly yes` (and compared reply by reply with redis-server) leaves files from which a restarted
/// strata-server, and redis-server 7.0 given a copy of them, rebuild exactly the dataset the oracle holds
/// (values, encodings, TTLs, stream groups and pending entries).
final class AppendOnlyReplayTests: XCTestCase {
    func testTheAppendOnlyFilesOfARandomWorkloadRebuildTheDatasetInStrataAndInRedis() throws {
        var environment = ProcessInfo.processInfo.environment
        if environment["STRATA_RANDOM_SEED"] == nil { environment["STRATA_RANDOM_SEED"] = "7,8" }
        if environment["STRATA_RANDOM_STEPS"] == nil { environment["STRATA_RANDOM_STEPS"] = "2500" }
        // Encoding thresholds changed mid-run would shape values differently from a load with the defaults.
        environment["STRATA_RANDOM_SKIP"] = (environment["STRATA_RANDOM_SKIP"].map { $0 + "," } ?? "") + "CONFIG"
        let settings = try RandomizedSettings(environment: environment)

        let strata = try ServerProcess.strata(["--appendonly", "yes", "--appendfsync", "always"])
        let redis = try ServerProcess.redis()
        for seed in settings.seeds {
            print("AOF replay: seed \(seed), \(settings.steps) steps")
            let run = try RandomizedRun(seed: seed, settings: settings,
                                        servers: RandomizedServers(subject: strata, oracle: redis))
            if let divergence = run.run() { return XCTFail(divergence.description) }
        }
        // No clean shutdown: what is on disk must be enough.
        kill(strata.pid, SIGKILL)
        XCTAssertTrue(strata.waitForExit(timeout: 10))

        let copy = try ServerProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: strata.directory.appendingPathComponent("appendonlydir"),
                                         to: copy.appendingPathComponent("appendonlydir"))

        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: strata.directory)
        let fromStrata = try RandomizedRun(seed: settings.seeds.last!, settings: settings,
                                           servers: RandomizedServers(subject: restarted, oracle: redis), keepData: true)
        if let divergence = fromStrata.compareDatasets() {
            XCTFail("strata-server restarted from its AOF:\n\(divergence.description)")
        }

        let redisOnStrataFiles = try ServerProcess.redis(["--appendonly", "yes"], directory: copy)
        let fromRedis = try RandomizedRun(seed: settings.seeds.last!, settings: settings,
                                          servers: RandomizedServers(subject: redisOnStrataFiles, oracle: redis),
                                          keepData: true)
        if let divergence = fromRedis.compareDatasets() {
            XCTFail("redis-server loading strata-server's AOF:\n\(divergence.description)\n\(redisOnStrataFiles.log)")
        }
    }
}
