import XCTest

/// The geo commands compared with Redis: stored hashes (through WITHHASH), positions and distances to the printed
/// digit, result order (also unsorted results, which follow Redis's cell scan), stored results and every error.
final class GeoDifferentialTests: XCTestCase {
    private static let sicily: DifferentialStep = [
        "GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania",
        "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2", "14.2488", "37.0755", "Gela",
    ]

    func testAddAndPointQueries() {
        assertSameReplies([
            DifferentialCase("geoadd options", [
                Self.sicily, ["GEOADD", "Sicily", "NX", "13", "38", "Palermo", "13", "38", "Trapani"],
                ["GEOPOS", "Sicily", "Palermo", "Trapani"], ["GEOADD", "Sicily", "XX", "12.5", "38", "Trapani", "1", "1", "x"],
                ["GEOPOS", "Sicily", "Trapani", "x"], ["GEOADD", "Sicily", "CH", "12.5", "38", "Trapani", "12.6", "38", "Trapani"],
                ["GEOADD", "Sicily", "xx", "ch", "12.5", "38", "Trapani"], ["GEOADD", "Sicily", "12.5", "38", "Trapani"],
                ["GEOADD", "new", "XX", "1", "1", "a"], ["EXISTS", "new"], ["GEOADD", "new", "nx", "ch", "1", "1", "a"],
                ["TYPE", "new"], ["OBJECT", "ENCODING", "new"],
            ]),
            DifferentialCase("geoadd errors", [
                ["GEOADD", "g", "200", "0", "m"], ["GEOADD", "g", "0", "85.06", "m"], ["GEOADD", "g", "-180.1", "0", "m"],
                ["GEOADD", "g", "inf", "0", "m"], ["GEOADD", "g", "x", "0", "m"], ["GEOADD", "g", "0", "nan", "m"],
                ["GEOADD", "g", "0", " 1", "m"], ["GEOADD", "g", "1e400", "0", "m"], ["GEOADD", "g", "NX", "XX", "1", "1", "m"],
                ["GEOADD", "g", "1", "1", "m", "2"], ["GEOADD", "g", "CH", "NX", "XX"], ["GEOADD", "g", "1", "1"],
                ["GEOADD", "g", "1", "1", "a", "500", "1", "b"], ["EXISTS", "g"], ["SET", "s", "v"],
                ["GEOADD", "s", "1", "1", "m"], ["GEOADD", "s", "1", "1000", "m"], ["GEOADD", "g", "1", "1", "m", "2", "2"],
            ]),
            DifferentialCase("extreme coordinates", [
                ["GEOADD", "g", "180", "85.05112878", "ne", "-180", "-85.05112878", "sw", "0", "0", "origin",
                 "-0", "-0", "negzero", "179.99999999", "0.00000001", "tiny", "0x1p-3", "1e-3", "hexy"],
                ["GEOPOS", "g", "ne", "sw", "origin", "negzero", "tiny", "hexy"], ["GEOHASH", "g", "ne", "sw", "origin", "tiny"],
                ["GEODIST", "g", "ne", "sw"], ["GEODIST", "g", "origin", "negzero"],
                ["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "30000", "km", "ASC", "WITHHASH"],
            ]),
            DifferentialCase("geopos, geohash, geodist", [
                Self.sicily, ["GEOPOS", "Sicily", "Palermo", "nope", "Catania"], ["GEOPOS", "Sicily"],
                ["GEOPOS", "missing", "a", "b"], ["GEOHASH", "Sicily", "Palermo", "Catania", "nope", "Gela"],
                ["GEOHASH", "missing", "a"], ["GEOHASH", "Sicily"], ["GEODIST", "Sicily", "Palermo", "Catania"],
                ["GEODIST", "Sicily", "Palermo", "Catania", "km"], ["GEODIST", "Sicily", "Palermo", "Catania", "MI"],
                ["GEODIST", "Sicily", "Palermo", "Catania", "ft"], ["GEODIST", "Sicily", "Palermo", "Palermo"],
                ["GEODIST", "Sicily", "edge1", "edge2", "m"], ["GEODIST", "Sicily", "Palermo", "nope"],
                ["GEODIST", "missing", "a", "b"], ["GEODIST", "Sicily", "Palermo", "Catania", "parsec"],
                ["GEODIST", "missing", "a", "b", "parsec"], ["GEODIST", "Sicily", "a", "b", "km", "x"],
                ["SET", "s", "v"], ["GEOPOS", "s", "a"], ["GEOHASH", "s", "a"], ["GEODIST", "s", "a", "b"],
                ["GEOPOS"], ["GEOHASH"], ["GEODIST", "Sicily", "a"], ["GEOADD", "Sicily", "1", "1"],
            ]),
        ])
    }

    func testSearchShapesAndOptions() {
        assertSameReplies([
            DifferentialCase("geosearch", [
                Self.sicily,
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC", "WITHCOORD", "WITHDIST", "WITHHASH"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "DESC", "WITHDIST"],
                ["GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYBOX", "300", "100", "km", "WITHCOORD"],
                ["GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "100", "mi", "ASC", "COUNT", "2"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "500", "km", "COUNT", "2", "ANY"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "500", "km", "COUNT", "3", "ANY", "DESC"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "500", "km", "COUNT", "100", "WITHHASH"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "0", "m"],
                ["GEOSEARCH", "Sicily", "FROMMEMBER", "Gela", "BYRADIUS", "0", "m", "WITHDIST"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "0", "0", "km"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000000", "ft", "withdist", "asc"],
                ["GEOSEARCH", "missing", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"],
                ["GEOSEARCH", "missing", "FROMMEMBER", "x", "BYRADIUS", "200", "km"],
            ]),
            DifferentialCase("georadius family", [
                Self.sicily,
                ["GEORADIUS", "Sicily", "15", "37", "200", "km"],
                ["GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD", "ASC"],
                ["GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "1", "DESC", "WITHHASH"],
                ["GEORADIUS_RO", "Sicily", "15", "37", "300", "km", "WITHDIST"],
                ["GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km", "WITHDIST", "ASC"],
                ["GEORADIUSBYMEMBER_RO", "Sicily", "Catania", "1", "km"],
                ["GEORADIUSBYMEMBER", "Sicily", "nope", "200", "km"], ["GEORADIUSBYMEMBER", "missing", "nope", "x", "y"],
                ["GEORADIUSBYMEMBER", "missing", "nope", "x", "y", "BOGUS"], ["GEORADIUS", "missing", "15", "37", "1", "km"],
                ["GEORADIUS", "missing", "15", "37", "1", "parsec"],
            ]),
        ])
    }

    func testStoringResults() {
        assertSameReplies([
            DifferentialCase("store and storedist", [
                Self.sicily,
                ["GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "COUNT", "3"],
                ["GEOSEARCH", "dst", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "ASC", "WITHHASH"],
                ["OBJECT", "ENCODING", "dst"], ["TYPE", "dst"],
                ["GEOSEARCHSTORE", "dd", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"],
                ["TYPE", "dd"], ["GEOPOS", "dd", "Catania", "Palermo"],
                ["GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "st"],
                ["GEOSEARCH", "st", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "ASC", "WITHHASH"],
                ["GEORADIUSBYMEMBER", "Sicily", "Palermo", "500", "km", "STOREDIST", "sd", "COUNT", "2", "DESC"],
                ["EXISTS", "sd"], ["SET", "over", "string"], ["EXPIRE", "over", "100"],
                ["GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "over"], ["TYPE", "over"], ["TTL", "over"],
                ["GEOSEARCHSTORE", "over", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"], ["EXISTS", "over"],
                ["GEOSEARCHSTORE", "dst", "missing", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"], ["EXISTS", "dst"],
                ["GEOSEARCHSTORE", "nothing", "missing", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"],
                ["GEORADIUS", "missing", "15", "37", "200", "km", "STORE", "st"], ["EXISTS", "st"],
            ]),
            DifferentialCase("stored encoding follows the listpack limits", [
                ["CONFIG", "SET", "zset-max-listpack-entries", "2"], Self.sicily,
                ["OBJECT", "ENCODING", "Sicily"],
                ["GEOSEARCHSTORE", "two", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "COUNT", "2"],
                ["OBJECT", "ENCODING", "two"],
                ["GEOSEARCHSTORE", "all", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "500", "km"],
                ["OBJECT", "ENCODING", "all"], ["CONFIG", "SET", "zset-max-listpack-entries", "128"],
                ["CONFIG", "SET", "zset-max-listpack-value", "4"], ["GEOADD", "short", "1", "1", "abcd"],
                ["OBJECT", "ENCODING", "short"], ["GEOADD", "short", "1", "1", "abcde"], ["OBJECT", "ENCODING", "short"],
                ["GEOADD", "long", "1", "1", "abcdefgh"], ["OBJECT", "ENCODING", "long"],
                ["CONFIG", "SET", "zset-max-listpack-value", "64"],
            ]),
        ])
    }

    func testGeoSetsAreSortedSets() {
        assertSameReplies([
            DifferentialCase("scores as ZRANGE shows them", [
                Self.sicily, ["ZRANGE", "Sicily", "0", "-1", "WITHSCORES"], ["ZSCORE", "Sicily", "Palermo"],
                ["GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"],
                ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "mi", "STOREDIST", "DESC",
                 "COUNT", "2"], ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
                ["GEORADIUS", "Sicily", "15", "37", "500", "km", "STORE", "r"], ["ZRANGE", "r", "0", "-1", "WITHSCORES"],
            ]),
            DifferentialCase("members with non-geo scores", [
                ["ZADD", "z", "-1", "neg", "1e300", "huge", "inf", "pinf", "-inf", "ninf", "0", "zero", "1.5", "frac",
                 "4503599627370496", "big", "9007199254740993", "odd"],
                ["GEOPOS", "z", "neg", "huge", "pinf", "ninf", "zero", "frac", "big", "odd"],
                ["GEOHASH", "z", "neg", "huge", "pinf", "ninf", "zero", "frac", "big", "odd"],
                ["GEODIST", "z", "neg", "huge"], ["GEODIST", "z", "zero", "frac", "km"],
                ["GEOSEARCH", "z", "FROMMEMBER", "zero", "BYRADIUS", "100", "km", "WITHHASH", "WITHDIST", "ASC"],
                ["GEOADD", "z", "XX", "CH", "0", "0", "neg"], ["ZSCORE", "z", "neg"],
            ]),
        ])
    }

    func testCommandIntrospection() {
        let core = Comparison.projected("name, arity, first/last key, step", Projection.commandInfoCore)
        let docs = Comparison.projected("documented names with summary/arguments", Projection.docsOutline)
        let names = ["geoadd", "geopos", "geodist", "geohash", "geosearch", "geosearchstore", "georadius",
                     "georadiusbymember", "georadius_ro", "georadiusbymember_ro"]
        assertSameReplies([
            DifferentialCase("command info and docs", [
                DifferentialStep(["COMMAND", "INFO"] + names, core), DifferentialStep(["COMMAND", "DOCS"] + names, docs),
            ]),
        ])
    }

    func testSearchErrors() {
        let from = ["FROMLONLAT", "15", "37"], by = ["BYRADIUS", "10", "km"]
        assertSameReplies([
            DifferentialCase("option errors", [
                Self.sicily,
                DifferentialStep(["GEOSEARCH", "Sicily"] + by + ["ASC"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["ASC", "DESC"]),
                DifferentialStep(["GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo"] + from + by),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["FROMMEMBER", "Palermo"] + by),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["BYBOX", "1", "1", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYBOX", "1", "1", "km"] + by),
                DifferentialStep(["GEOSEARCH", "Sicily", "FROMMEMBER", "nope"] + by),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["ANY"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["COUNT", "0"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["COUNT", "-3"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["COUNT", "x"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["COUNT"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["STORE", "x"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["STOREDIST"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + by + ["BOGUS"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYRADIUS", "-1", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYRADIUS", "x", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYRADIUS", "1", "parsec"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYBOX", "1", "-1", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYBOX", "x", "1", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYBOX", "1", "y", "km"]),
                DifferentialStep(["GEOSEARCH", "Sicily"] + from + ["BYBOX", "1", "1"]),
                DifferentialStep(["GEOSEARCH", "Sicily", "FROMLONLAT", "200", "37"] + by),
                DifferentialStep(["geosearch", "Sicily"] + by + ["WITHDIST"]),
                DifferentialStep(["GeoSearch", "Sicily"] + from + ["WITHDIST", "ASC"]),
                DifferentialStep(["GEOSEARCHSTORE", "d", "Sicily"] + from + by + ["WITHDIST"]),
                DifferentialStep(["GEOSEARCHSTORE", "d", "Sicily"] + from + by + ["STORE", "x"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "37", "10", "km", "STORE", "x", "WITHCOORD"]),
                DifferentialStep(["GEORADIUS_RO", "Sicily", "15", "37", "10", "km", "STORE", "x"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "37", "10", "km", "FROMLONLAT", "1", "1"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "37", "-10", "km"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "37", "10", "km", "STORE"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "100", "10", "km"]),
                DifferentialStep(["GEORADIUS", "Sicily", "15", "37", "10", "km", "ANY"]),
                ["SET", "s", "v"], DifferentialStep(["GEOSEARCH", "s"] + from + by),
                DifferentialStep(["GEOSEARCHSTORE", "d", "s"] + from + by), ["GEORADIUS", "s", "15", "37", "10", "km"],
                ["GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS"], ["GEORADIUS", "Sicily", "15", "37", "10"],
                ["GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS"], ["GEORADIUSBYMEMBER", "a", "b", "c"],
            ]),
        ])
    }

    /// Members sharing a position tie on distance: a full sort keeps them in scan order (glibc's stable qsort),
    /// a COUNT below the number of matches orders them as Redis's partial quicksort does.
    func testTiesUnderCountFollowRedisSortOrder() {
        let spots = [("10.01", "40.02"), ("10.05", "40.01"), ("10.02", "40.09"), ("10.11", "40.04"), ("10.07", "40.15")]
        var add = ["GEOADD", "g"]
        for i in 0..<60 {
            let (lon, lat) = spots[(i * 7 + i / 5) % spots.count]
            add += [lon, lat, "m\(i)"]
        }
        var steps: [DifferentialStep] = [DifferentialStep(add)]
        for (lon, lat) in [("10.03", "40.05"), ("10.05", "40.01"), ("10.09", "40.12")] {
            for count in ["1", "3", "7", "12", "25", "59", "60", "100"] {
                for order in ["ASC", "DESC"] {
                    steps.append(DifferentialStep(["GEOSEARCH", "g", "FROMLONLAT", lon, lat, "BYRADIUS", "50", "km", order,
                                                   "COUNT", count]))
                }
            }
            steps.append(DifferentialStep(["GEORADIUS", "g", lon, lat, "50", "km", "COUNT", "9"]))
            steps.append(DifferentialStep(["GEORADIUS", "g", lon, lat, "50", "km", "DESC"]))
        }
        assertSameReplies([DifferentialCase("ties", steps)])
    }

    /// A deterministic cloud of points (dense around one spot, spread worldwide and near the poles) searched with
    /// many shapes: checks the cell scan order, box and radius edges, and the near-pole step adjustments.
    func testGeneratedPointsAndSearches() {
        var rng = SplitMix64(seed: 42)
        var add = ["GEOADD", "g"]
        for i in 0..<300 {
            let (lon, lat) = rng.point()
            add += [String(format: "%.6f", lon), String(format: "%.6f", lat), "m\(i)"]
        }
        var steps: [DifferentialStep] = [DifferentialStep(add)]
        let units = ["m", "km", "mi", "ft"]
        let meters: [Double] = [0, 10, 1000, 20000, 100_000, 1_000_000, 5_000_000]
        let perUnit = ["m": 1.0, "km": 1000, "mi": 1609.34, "ft": 0.3048]
        for q in 0..<120 {
            let (lon, lat) = rng.point()
            let unit = units[q % units.count]
            let size = String(meters[rng.below(meters.count)] / perUnit[unit]!)
            let from = q % 3 == 0 ? ["FROMMEMBER", "m\(rng.below(300))"]
                : ["FROMLONLAT", String(format: "%.6f", lon), String(format: "%.6f", lat)]
            let shape = q % 2 == 0 ? ["BYRADIUS", size, unit]
                : ["BYBOX", size, String(Double(size)! * (0.3 + Double(rng.below(30)) / 10)), unit]
            let order = [[], ["ASC"], ["DESC"]][rng.below(3)]
            steps.append(DifferentialStep(["GEOSEARCH", "g"] + from + shape + order + ["WITHDIST", "WITHHASH"]))
            if q % 4 == 0 {
                steps.append(DifferentialStep(["GEORADIUS", "g", String(format: "%.6f", lon), String(format: "%.6f", lat),
                                               size, unit, "WITHCOORD"]))
            }
        }
        steps.append(DifferentialStep(["GEOHASH", "g"] + (0..<300).map { "m\($0)" }))
        steps.append(DifferentialStep(["GEOPOS", "g"] + (0..<300).map { "m\($0)" }))
        assertSameReplies([DifferentialCase("generated searches", steps)])
    }
}

/// Geo test data from the randomized run's seeded generator.
extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func point() -> (Double, Double) {
        switch below(4) {
        case 0: return (10 + unit() * 2, 40 + unit() * 2)
        case 1: return (-180 + unit() * 360, (unit() * 2 - 1) * 85.05)
        case 2: return (-180 + unit() * 360, (below(2) == 0 ? 1 : -1) * (60 + unit() * 25))
        default: return ([-180.0, 180, 0][below(3)], (unit() * 2 - 1) * 85)
        }
    }
}
