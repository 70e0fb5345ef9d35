@testable import StrataCore
import XCTest

/// What the HyperLogLog and geo commands write to the command log: all as sent, PFCOUNT included whenever it
/// refreshed the cached cardinality (so a replay leaves the same bytes), nothing when the cache was valid.
final class HyperLogLogGeoEffectTests: XCTestCase {
    func testPfcountIsLoggedOnlyWhenItRefreshesTheCachedCardinality() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("PFADD", "h", "a", "b", "c")
        _ = h.run("PFCOUNT", "h")
        _ = h.run("PFCOUNT", "h")
        _ = h.run("PFADD", "h", "a")
        _ = h.run("PFCOUNT", "h", "missing")
        _ = h.run("PFCOUNT", "missing")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"], ["PFADD", "h", "a", "b", "c"], ["PFCOUNT", "h"]])
    }

    func testReplayingAHyperLogLogWorkloadKeepsTheSameBytesCacheIncluded() {
        let h = EngineHarness([("hll-sparse-max-bytes", "300")])
        h.recordEffects()
        h.runSequence([
            ["PFADD", "a"] + (1...50).map { "e\($0)" }, ["PFCOUNT", "a"], ["PFADD", "b"] + (1...400).map { "x\($0)" },
            ["PFCOUNT", "b"], ["PFADD", "b", "x1"], ["PFMERGE", "c", "a", "b"], ["PFCOUNT", "c"],
            ["PFADD", "empty"], ["PFMERGE", "a", "a"], ["PFCOUNT", "a", "b"], ["EXPIRE", "c", "1000"],
            ["PFADD", "d", "1"], ["PFCOUNT", "d"], ["PFADD", "d", "2"],
        ])
        h.assertLogReplaysToSameDataset(settings: [("hll-sparse-max-bytes", "300")])
    }

    func testGeoWritesAreLoggedAsSentAndReadsNot() {
        let h = EngineHarness()
        h.recordEffects()
        let commands = [["GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"],
                        ["GEOSEARCHSTORE", "dst", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"],
                        ["GEORADIUS", "g", "15", "37", "200", "km", "STORE", "r"]]
        h.runSequence(commands)
        h.runSequence([["GEOPOS", "g", "Palermo"], ["GEODIST", "g", "Palermo", "Catania"],
                       ["GEOSEARCH", "g", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km"],
                       ["GEOADD", "g", "NX", "13.361389", "38.115556", "Palermo"]])
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"]] + commands)
    }

    func testReplayingAGeoWorkloadReproducesTheDataset() {
        let h = EngineHarness()
        h.recordEffects()
        h.runSequence([
            ["GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania", "1", "2", "x"],
            ["GEOADD", "g", "XX", "CH", "13.4", "38.1", "Palermo"], ["EXPIRE", "g", "999"],
            ["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"],
            ["GEORADIUSBYMEMBER", "g", "Palermo", "500", "km", "STORE", "r"], ["ZREM", "g", "x"],
        ])
        h.assertLogReplaysToSameDataset()
    }
}
