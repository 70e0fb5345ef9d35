import XCTest

/// Thousands of seeded random commands over every data type, applied to strata-server and
/// redis-server and compared reply by reply, then the whole dataset key by key. A failure
/// names the seed, the step and the commands before it; `RandomizedSettings` lists the
/// environment variables that replay it.
final class RandomizedDifferentialTests: XCTestCase {
    func testRandomCommandStreamsAgreeWithRedis() throws {
        let settings = try RandomizedSettings()
        let servers = try RandomizedServers(selfCheck: settings.selfCheck)
        for seed in settings.seeds {
            print("randomized differential: seed \(seed), \(settings.steps) steps")
            do {
                if let divergence = try RandomizedRun(seed: seed, settings: settings, servers: servers).run() {
                    XCTFail(divergence.description)
                }
            } catch {
                XCTFail("randomized run with seed \(seed) could not start: \(error)")
            }
        }
    }
}
