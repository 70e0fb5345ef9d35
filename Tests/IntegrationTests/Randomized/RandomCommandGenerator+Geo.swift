/// Geo commands over members placed in a few degrees around (13.4, 38.1) so radius and box
/// searches find some of them. Searches without ASC/DESC (and COUNT, which implies ASC) or
/// with ANY are compared unordered: their order follows the server's cell walk.
extension RandomCommandGenerator {
    mutating func geoCommand() -> RandomStep {
        oneOf([
            (10, { g in g.geoadd() }),
            (4, { g in RandomStep(["GEOPOS", g.key()] + g.elements(1...3)) }),
            (4, { g in RandomStep(["GEODIST", g.key(), g.element(), g.element()] + (g.rng.chance(70) ? [g.unit()] : [])) }),
            (3, { g in RandomStep(["GEOHASH", g.key()] + g.elements(1...3)) }),
            (6, { g in g.geosearch(store: false) }),
            (3, { g in g.geosearch(store: true) }),
            (3, { g in g.georadius() }),
        ])
    }

    private mutating func geoadd() -> RandomStep {
        var words = ["GEOADD", generalKey()]
        if rng.chance(15) { words.append(rng.pick(["NX", "XX"])) }
        if rng.chance(15) { words.append("CH") }
        for _ in 0..<rng.int(1...3) { words += coordinates() + [element()] }
        if rng.chance(3) { words.removeLast() }
        return RandomStep(words)
    }

    /// Longitude and latitude with six decimals, sometimes out of the valid range or malformed.
    private mutating func coordinates() -> [String] {
        switch rng.int(1...25) {
        case 1: return [rng.pick(["181", "-180.5", "abc"]), "38.1"]
        case 2: return ["13.4", rng.pick(["85.06", "-86", "nan"])]
        default:
            let longitude = 13.4 + (rng.unit() - 0.5) * 4
            let latitude = 38.1 + (rng.unit() - 0.5) * 4
            return [sixDecimals(longitude), sixDecimals(latitude)]
        }
    }

    private func sixDecimals(_ value: Double) -> String {
        let micro = Int((value * 1_000_000).rounded())
        let sign = micro < 0 ? "-" : ""
        let magnitude = abs(micro)
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    private mutating func unit() -> String { rng.pick(["m", "km", "mi", "ft", "KM", "yd"]) }

    private mutating func radius() -> String {
        rng.chance(8) ? rng.pick(["-1", "abc", "0"]) : rng.pick(["50", "150", "300", "1000"])
    }

    /// `[ASC|DESC] [COUNT n [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]` and whether the reply
    /// order is defined by them.
    private mutating func searchOptions() -> (words: [String], ordered: Bool) {
        var words: [String] = []
        let sorted = rng.chance(50)
        if sorted { words.append(rng.pick(["ASC", "DESC"])) }
        var any = false
        if rng.chance(40) {
            words += ["COUNT", integer(1...5)]
            any = rng.chance(25)
            if any { words.append("ANY") }
        }
        if rng.chance(35) { words.append("WITHCOORD") }
        if rng.chance(35) { words.append("WITHDIST") }
        if rng.chance(20) { words.append("WITHHASH") }
        return (words, !any && (sorted || words.contains("COUNT")))
    }

    /// `FROMMEMBER m | FROMLONLAT lon lat` then `BYRADIUS r unit | BYBOX w h unit`.
    private mutating func searchShape() -> [String] {
        let origin = rng.chance(50) ? ["FROMMEMBER", element()] : ["FROMLONLAT"] + coordinates()
        let shape = rng.chance(60) ? ["BYRADIUS", radius(), unit()] : ["BYBOX", radius(), radius(), unit()]
        return origin + shape
    }

    private mutating func geosearch(store: Bool) -> RandomStep {
        if store {
            let words = ["GEOSEARCHSTORE", generalKey(), key()] + searchShape()
            let options = searchOptions().words.filter(Self.keepsStoreDeterministic)
            return RandomStep(words + options + (rng.chance(30) ? ["STOREDIST"] : []))
        }
        let words = ["GEOSEARCH", key()] + searchShape()
        let options = searchOptions()
        return RandomStep(words + options.words, options.ordered ? .exact : .unordered)
    }

    /// Options kept when a search stores its result: no WITH* (invalid there) and no ANY,
    /// whose choice of members follows the server's cell walk and would make the stored
    /// sets differ.
    private static func keepsStoreDeterministic(_ word: String) -> Bool {
        !word.hasPrefix("WITH") && word != "ANY"
    }

    /// The deprecated GEORADIUS/GEORADIUSBYMEMBER (and their _RO forms), sometimes with STORE.
    private mutating func georadius() -> RandomStep {
        let byMember = rng.chance(50)
        let readOnly = rng.chance(40)
        let name = (byMember ? "GEORADIUSBYMEMBER" : "GEORADIUS") + (readOnly ? "_RO" : "")
        let center = byMember ? [element()] : coordinates()
        let options = searchOptions()
        var words = [name, key()] + center + [radius(), unit()] + options.words
        if !readOnly && rng.chance(25) {
            words = words.filter(Self.keepsStoreDeterministic) + [rng.pick(["STORE", "STOREDIST"]), generalKey()]
            return RandomStep(words)
        }
        return RandomStep(words, options.ordered ? .exact : .unordered)
    }
}
