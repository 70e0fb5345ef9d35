import RESP
@testable import StrataCore
import XCTest

/// The geohash arithmetic and the geo commands. Expected scores, strings, coordinates and distances are
/// redis-server 7.0.15's replies for the same input.
final class GeoTests: XCTestCase {
    private let sicily = ["GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"]

    private func score(_ h: EngineHarness, _ key: String, _ member: String) -> Double? {
        guard case .zset(let set)? = h.peek(key)?.value else { return nil }
        return set.score(of: Bytes(member.utf8))
    }

    private func members(_ reply: RESPValue?) -> [String] {
        guard case .array(let items?) = reply else { return [] }
        return items.compactMap { item in
            switch item {
            case .bulkString(let b?): return String(decoding: b, as: UTF8.self)
            case .array(let sub?): if case .bulkString(let b?) = sub.first { return String(decoding: b, as: UTF8.self) }
            default: break
            }
            return nil
        }
    }

    // MARK: Geohash arithmetic

    func testEncodingGivesRedisScores() {
        XCTAssertEqual(GeoHash(longitude: 13.361389, latitude: 38.115556, step: 26)?.alignedBits, 3_479_099_956_230_698)
        XCTAssertEqual(GeoHash(longitude: 15.087269, latitude: 37.502669, step: 26)?.alignedBits, 3_479_447_370_796_909)
        XCTAssertNil(GeoHash(longitude: 180.1, latitude: 0, step: 26))
        XCTAssertNil(GeoHash(longitude: 0, latitude: 85.06, step: 26))
        XCTAssertNil(GeoHash(longitude: 0, latitude: 0, step: 0))
    }

    func testDecodingReturnsTheCellCentre() {
        let (lon, lat) = GeoHash.coordinates(ofScore: 3_479_099_956_230_698)
        XCTAssertEqual(formatLongDoubleHuman(CLongDouble(lon)), Array("13.36138933897018433".utf8))
        XCTAssertEqual(formatLongDoubleHuman(CLongDouble(lat)), Array("38.11555639549629859".utf8))
    }

    func testInterleavingRoundTrips() {
        for (lat, lon) in [(UInt32(0), UInt32(0)), (0x3FF_FFFF, 0), (0x123_4567, 0x3AB_CDEF), (UInt32.max, UInt32.max)] {
            let (a, b) = GeoHash.deinterleave(GeoHash.interleave(lat, lon))
            XCTAssertEqual(a, lat)
            XCTAssertEqual(b, lon)
        }
        XCTAssertEqual(GeoHash.interleave(1, 0), 1)
        XCTAssertEqual(GeoHash.interleave(0, 1), 2)
    }

    func testNeighboursWrapAroundTheGrid() {
        let corner = GeoHash(bits: 0, step: 2)
        XCTAssertEqual(GeoHash.deinterleave(corner.moved(dx: 1, dy: 0).bits).lon, 1)
        XCTAssertEqual(GeoHash.deinterleave(corner.moved(dx: -1, dy: 0).bits).lon, 3, "west of column 0 wraps")
        XCTAssertEqual(GeoHash.deinterleave(corner.moved(dx: 0, dy: -1).bits).lat, 3, "south of row 0 wraps")
        XCTAssertEqual(corner.moved(dx: 1, dy: 1).moved(dx: -1, dy: -1), corner)
    }

    func testStandardGeohashStrings() {
        XCTAssertEqual(GeoHash.standardString(ofScore: 3_479_099_956_230_698), Array("sqc8b49rny0".utf8))
        XCTAssertEqual(GeoHash.standardString(ofScore: 3_479_447_370_796_909), Array("sqdtr74hyu0".utf8))
    }

    func testScoresOutsideTheGeoRangeDecodeWithoutTrapping() {
        for score in [-1.0, 1e300, -.infinity, .infinity, 18_446_744_073_709_551_616.0] {
            let (lon, lat) = GeoHash.coordinates(ofScore: score)
            XCTAssertTrue(GeoHash.longitudeRange.contains(lon) && GeoHash.latitudeRange.contains(lat), "\(score)")
        }
        XCTAssertEqual(UInt64(cTruncating: -1), UInt64.max)
        XCTAssertEqual(UInt64(cTruncating: .infinity), 0)
        XCTAssertEqual(UInt64(cTruncating: -.infinity), 1 << 63)
    }

    func testDistances() {
        let d = GeoDistance.meters(fromLongitude: 13.36138933897018433, latitude: 38.11555639549629859,
                                   toLongitude: 15.08726745843887329, latitude: 37.50266842333162032)
        XCTAssertEqual(String(format: "%.4f", d), "166274.1516")
        XCTAssertEqual(GeoDistance.meters(fromLongitude: 5, latitude: 1, toLongitude: 5, latitude: 2),
                       GeoDistance.latitudeMeters(1, 2), "same meridian: the arc of latitude")
    }

    func testSearchStepEstimate() {
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 0, latitude: 0), 26)
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 1, latitude: 0), 24)
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 100_000, latitude: 0), 7)
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 100_000, latitude: 70), 6)
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 100_000, latitude: -81), 5)
        XCTAssertEqual(GeoShape.estimatedStep(radiusMeters: 1e9, latitude: 0), 1)
    }

    // MARK: Commands

    func testGeoaddStoresGeohashScores() {
        let h = EngineHarness()
        XCTAssertEqual(h.run(sicily), .integer(2))
        XCTAssertEqual(score(h, "Sicily", "Palermo"), 3_479_099_956_230_698)
        XCTAssertEqual(h.run("TYPE", "Sicily"), .simpleString("zset"))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "Sicily"), .bulk("listpack"))
        XCTAssertEqual(h.run("GEOHASH", "Sicily", "Palermo", "nope"), .array([.bulk("sqc8b49rny0"), .nilBulk]))
    }

    func testGeoaddConditionsAndChangeCount() {
        let h = EngineHarness()
        h.run(sicily)
        XCTAssertEqual(h.run("GEOADD", "Sicily", "NX", "1", "1", "Palermo", "2", "2", "New"), .integer(1))
        XCTAssertEqual(score(h, "Sicily", "Palermo"), 3_479_099_956_230_698, "NX leaves existing members")
        XCTAssertEqual(h.run("GEOADD", "Sicily", "XX", "1", "1", "Palermo", "3", "3", "Other"), .integer(0))
        XCTAssertNil(score(h, "Sicily", "Other"), "XX adds nothing")
        XCTAssertEqual(h.run("GEOADD", "Sicily", "XX", "CH", "1", "1", "Catania", "1", "1", "Palermo"), .integer(1))
        XCTAssertEqual(h.run("GEOADD", "Sicily", "CH", "1", "1", "Catania", "5", "5", "Fresh"), .integer(1))
        XCTAssertEqual(h.run("GEOADD", "absent", "XX", "1", "1", "a"), .integer(0))
        XCTAssertNil(h.peek("absent"))
    }

    func testGeoaddRejectsBadInputBeforeWriting() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("GEOADD", "g", "1", "1", "a", "181", "0", "b"),
                       .error("ERR invalid longitude,latitude pair 181.000000,0.000000"))
        XCTAssertNil(h.peek("g"))
        XCTAssertEqual(h.run("GEOADD", "g", "1", "x", "a"), .error("ERR value is not a valid float"))
        XCTAssertEqual(h.run("GEOADD", "g", "NX", "XX", "1", "1", "a"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GEOADD", "g", "CH", "CH", "CH"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GEOADD", "g", "1", "1"), .error("ERR wrong number of arguments for 'geoadd' command"))
        h.run("SET", "s", "v")
        XCTAssertEqual(h.run("GEOADD", "s", "1", "1", "a"), .error(ReplyError.wrongType))
    }

    func testGeoposAndGeodist() {
        let h = EngineHarness()
        h.run(sicily)
        XCTAssertEqual(h.run("GEOPOS", "Sicily", "Palermo", "nope"),
                       .array([.array([.bulk("13.36138933897018433"), .bulk("38.11555639549629859")]), .array(nil)]))
        XCTAssertEqual(h.run("GEODIST", "Sicily", "Palermo", "Catania"), .bulk("166274.1516"))
        XCTAssertEqual(h.run("GEODIST", "Sicily", "Palermo", "Catania", "km"), .bulk("166.2742"))
        XCTAssertEqual(h.run("GEODIST", "Sicily", "Palermo", "nope"), .nilBulk)
        XCTAssertEqual(h.run("GEODIST", "Sicily", "Palermo", "Catania", "yd"),
                       .error("ERR unsupported unit provided. please use M, KM, FT, MI"))
        XCTAssertEqual(h.run("GEODIST", "Sicily", "Palermo", "Catania", "km", "x"), .error("ERR syntax error"))
    }

    func testSearchOrdersAndLimits() {
        let h = EngineHarness()
        h.run(sicily)
        h.run("GEOADD", "Sicily", "14.2488", "37.0755", "Gela")
        XCTAssertEqual(members(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC")),
                       ["Catania", "Gela", "Palermo"])
        XCTAssertEqual(members(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "DESC",
                                     "COUNT", "2")), ["Palermo", "Gela"])
        XCTAssertEqual(members(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
                                     "COUNT", "1")), ["Catania"], "COUNT alone sorts ascending")
        XCTAssertEqual(members(h.run("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYBOX", "10", "10", "km")),
                       ["Palermo"])
        guard case .array(let withAll?) = h.run("GEORADIUS", "Sicily", "15", "37", "100", "km", "WITHDIST", "WITHHASH",
                                                "WITHCOORD", "ASC") else { return XCTFail("no reply") }
        XCTAssertEqual(withAll.first, .array([.bulk("Catania"), .bulk("56.4413"), .integer(3_479_447_370_796_909),
                                              .array([.bulk("15.08726745843887329"), .bulk("37.50266842333162032")])]))
    }

    func testSearchErrors() {
        let h = EngineHarness()
        h.run(sicily)
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "BYRADIUS", "1", "km", "ASC", "WITHDIST"),
                       .error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH"))
        XCTAssertEqual(h.run("geosearch", "Sicily", "FROMLONLAT", "1", "1", "ASC", "ASC"),
                       .error("ERR exactly one of BYRADIUS and BYBOX can be specified for geosearch"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "ANY"),
                       .error("ERR the ANY argument requires COUNT argument"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "COUNT", "0"),
                       .error("ERR COUNT must be > 0"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMMEMBER", "nope", "BYRADIUS", "1", "km"),
                       .error("ERR could not decode requested zset member"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "-1", "km"),
                       .error("ERR radius cannot be negative"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYBOX", "1", "-1", "km"),
                       .error("ERR height or width cannot be negative"))
        XCTAssertEqual(h.run("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "r", "km"),
                       .error("ERR need numeric radius"))
        XCTAssertEqual(h.run("GEORADIUS", "Sicily", "1", "1", "1", "km", "STORE", "d", "WITHDIST"),
                       .error("ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options"))
        XCTAssertEqual(h.run("GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km", "WITHHASH"),
                       .error("ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options"))
        XCTAssertEqual(h.run("GEORADIUS_RO", "Sicily", "1", "1", "1", "km", "STORE", "d"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GEORADIUSBYMEMBER", "missing", "m", "not-a-radius", "km"), .array([]),
                       "a missing key skips the radius")
    }

    func testStoreWritesSortedSetsAndDeletesOnEmptyResults() {
        let h = EngineHarness()
        h.run(sicily)
        XCTAssertEqual(h.run("GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
                             "STOREDIST"), .integer(2))
        let catania = score(h, "d", "Catania")!
        XCTAssertEqual(String(format: "%.4f", catania), "56.4413", "STOREDIST scores are distances in the unit")
        XCTAssertEqual(h.run("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "r"), .integer(2))
        XCTAssertEqual(score(h, "r", "Palermo"), 3_479_099_956_230_698)
        XCTAssertEqual(h.run("GEORADIUS", "Sicily", "0", "0", "1", "km", "STORE", "r"), .integer(0))
        XCTAssertNil(h.peek("r"))
        XCTAssertEqual(h.run("GEOSEARCHSTORE", "d", "missing", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"), .integer(0))
        XCTAssertNil(h.peek("d"))
    }

    func testWrongTypeAndArity() {
        let h = EngineHarness()
        h.run("SET", "s", "v")
        for args in [["GEOPOS", "s", "a"], ["GEOHASH", "s"], ["GEODIST", "s", "a", "b"],
                     ["GEOSEARCH", "s", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km"], ["GEORADIUS", "s", "1", "1", "1", "km"]] {
            XCTAssertEqual(h.run(args), .error(ReplyError.wrongType), "\(args)")
        }
        XCTAssertEqual(h.run("GEOSEARCH", "s", "FROMLONLAT", "1", "1"),
                       .error("ERR wrong number of arguments for 'geosearch' command"))
        XCTAssertEqual(h.run("GEORADIUSBYMEMBER", "s", "a", "1"),
                       .error("ERR wrong number of arguments for 'georadiusbymember' command"))
    }
}
