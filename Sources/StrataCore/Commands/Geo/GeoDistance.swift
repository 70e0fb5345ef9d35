import Foundation

/// Great-circle distances as Redis computes them: the haversine formula on a sphere of Earth's quadratic mean radius
/// (WGS-84), with the shortcut Redis takes when both points share a longitude (then the distance is the latitude
/// arc alone).
enum GeoDistance {
    static let earthRadius = 6_372_797.560856
    static let radiansPerDegree = Double.pi / 180

    /// Meters between two points given in degrees.
    static func meters(fromLongitude lon1: Double, latitude lat1: Double,
                       toLongitude lon2: Double, latitude lat2: Double) -> Double {
        let v = sin((lon2 * radiansPerDegree - lon1 * radiansPerDegree) / 2)
        if v == 0 { return latitudeMeters(lat1, lat2) }
        let lat1r = lat1 * radiansPerDegree, lat2r = lat2 * radiansPerDegree
        let u = sin((lat2r - lat1r) / 2)
        let a = u * u + cos(lat1r) * cos(lat2r) * v * v
        return 2.0 * earthRadius * asin(a.squareRoot())
    }

    /// Meters along a meridian between two latitudes.
    static func latitudeMeters(_ lat1: Double, _ lat2: Double) -> Double {
        earthRadius * abs(lat2 * radiansPerDegree - lat1 * radiansPerDegree)
    }
}

/// A distance unit argument: M, KM, FT or MI (any case), as meters per unit.
enum GeoUnit {
    static let error = "ERR unsupported unit provided. please use M, KM, FT, MI"

    static func meters(_ unit: Bytes) -> Double? {
        if unit.equalsIgnoringCase("m") { return 1 }
        if unit.equalsIgnoringCase("km") { return 1000 }
        if unit.equalsIgnoringCase("ft") { return 0.3048 }
        if unit.equalsIgnoringCase("mi") { return 1609.34 }
        return nil
    }
}
