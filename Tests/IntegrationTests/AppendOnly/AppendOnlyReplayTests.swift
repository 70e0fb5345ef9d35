import Foundation
import Glibc
import XCTest

/// The AOF is a deterministic record of the dataset: a randomized workload run on strata-server with
/// `appendonly yes` (and compared reply by reply with redis-server) leaves files from which a restarted
/// strata-server rebuilds the dataset the oracle holds (values, TTLs, stream groups and pending entries), and
/// redis-server 7.0 given a copy of them rebuilds exactly the same dataset, encodings included.
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

        // The restarted server holds the oracle's data (string encodings aside: see `stringEncodingsMayDiffer`).
        let restarted = try ServerProcess.strata(["--appendonly", "yes"], directory: strata.directory)
        let fromStrata = try RandomizedRun(seed: settings.seeds.last!, settings: settings,
                                           servers: RandomizedServers(subject: restarted, oracle: redis), keepData: true)
        fromStrata.stringEncodingsMayDiffer = true
        if let divergence = fromStrata.compareDatasets() {
            XCTFail("strata-server restarted from its AOF:\n\(divergence.description)")
        }
        // redis-server replaying the same files builds exactly what the restarted strata-server built.
        let redisOnStrataFiles = try ServerProcess.redis(["--appendonly", "yes"], directory: copy)
        let sameFiles = try RandomizedRun(seed: settings.seeds.last!, settings: settings,
                                          servers: RandomizedServers(subject: restarted, oracle: redisOnStrataFiles),
                                          keepData: true)
        if let divergence = sameFiles.compareDatasets() {
            XCTFail("strata-server and redis-server loading the same AOF:\n\(divergence.description)")
        }
        XCTAssertFalse(redisOnStrataFiles.log.contains("CRITICAL"), redisOnStrataFiles.log)
    }
}
