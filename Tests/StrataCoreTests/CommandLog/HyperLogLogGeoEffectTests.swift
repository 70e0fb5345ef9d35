@testable import StrataCore
import XCTest

/// What the HyperLogLog and geo commands write to the command log: PFCOUNT as sent whenever it refreshed the
/// cached cardinality (so a replay leaves the same bytes), nothing when the cache was valid; GEOADD as the ZADD of
/// its geohash scores; the rest as sent.
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

    func testGeoaddIsLoggedAsZaddOfTheGeohashScoresWithItsOptions() {
        let h = EngineHarness()
        h.recordEffects()
        _ = h.run("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania")
        _ = h.run("GEOADD", "g", "NX", "13.361389", "38.115556", "Palermo")
        _ = h.run("GEOADD", "g", "xx", "CH", "15.087269", "37.502669", "Catania", "13.361389", "38.115556", "Palermo")
        _ = h.run("GEOADD", "g", "XX", "CH", "13.361389", "38.115556", "Palermo", "1", "1", "new")
        _ = h.run("GEOADD", "none", "XX", "1", "1", "x")
        XCTAssertEqual(h.loggedEffects(), [["SELECT", "0"],
                                           ["zadd", "g", "3479099956230698", "Palermo", "3479447370796909", "Catania"]])
        _ = h.run("GEOADD", "g", "XX", "CH", "13", "38", "Palermo", "1", "1", "new")
        XCTAssertEqual(h.loggedEffects(), [["zadd", "g", "XX", "CH", "3479065152021743", "Palermo",
                                            "3377822707026402", "new"]])
    }

    func testGeoStoresAreLoggedAsSentAndReadsNot() {
        let h = EngineHarness()
        _ = h.run("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania")
        h.recordEffects()
        let commands = [["GEOSEARCHSTORE", "dst", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"],
                        ["GEORADIUS", "g", "15", "37", "200", "km", "STORE", "r"]]
        h.runSequence(commands)
        h.runSequence([["GEOPOS", "g", "Palermo"], ["GEODIST", "g", "Palermo", "Catania"],
                       ["GEOSEARCH", "g", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km"]])
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
