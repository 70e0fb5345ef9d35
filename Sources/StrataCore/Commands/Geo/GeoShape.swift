import Foundation

/// The area a geo search covers: a circle (BYRADIUS, GEORADIUS) or an axis-aligned box (BYBOX) around a centre, with
/// sizes in the request's unit (`metersPerUnit` converts them).
struct GeoShape {
    enum Kind {
        case radius(Double)
        case box(width: Double, height: Double)
    }

    var longitude: Double
    var latitude: Double
    var kind: Kind
    var metersPerUnit: Double

    /// The distance in meters from the centre to a point, or nil when the point lies outside the shape. A box
    /// checks the latitude arc first, then the east-west distance measured along the point's own latitude.
    func distance(toLongitude lon: Double, latitude lat: Double) -> Double? {
        switch kind {
        case .radius(let radius):
            let d = GeoDistance.meters(fromLongitude: longitude, latitude: latitude, toLongitude: lon, latitude: lat)
            return d > radius * metersPerUnit ? nil : d
        case .box(let width, let height):
            guard GeoDistance.latitudeMeters(lat, latitude) <= height * metersPerUnit / 2,
                  GeoDistance.meters(fromLongitude: lon, latitude: lat, toLongitude: longitude, latitude: lat)
                      <= width * metersPerUnit / 2 else { return nil }
            return GeoDistance.meters(fromLongitude: longitude, latitude: latitude, toLongitude: lon, latitude: lat)
        }
    }

    /// The cells whose members may fall inside the shape, in the order Redis scans them: the centre's cell, then
    /// north, south, east, west, north-east, north-west, south-east, south-west; cells that cannot intersect the
    /// shape's bounding box are `GeoHash.zero`.
    ///
    /// Rule (geohash_helper.c): the cell size comes from the radius (a box uses its half-diagonal) — start at one
    /// bit per coordinate, add one per doubling until the radius reaches the Mercator extent, take two back, one or
    /// two more back beyond 66 and 80 degrees of latitude, and keep it in 1...26; one more step back when a
    /// neighbour does not reach the bounding box; neighbours beyond the box are dropped (from step 2 on).
    func searchCells() -> [GeoHash] {
        let bounds = boundingBox()
        let radiusMeters: Double
        switch kind {
        case .radius(let r): radiusMeters = r * metersPerUnit
        case .box(let w, let h): radiusMeters = ((w / 2) * (w / 2) + (h / 2) * (h / 2)).squareRoot() * metersPerUnit
        }
        var step = GeoShape.estimatedStep(radiusMeters: radiusMeters, latitude: latitude)
        var center = GeoHash(longitude: longitude, latitude: latitude, step: step) ?? .zero
        let north = center.moved(dx: 0, dy: 1).area(), south = center.moved(dx: 0, dy: -1).area()
        let east = center.moved(dx: 1, dy: 0).area(), west = center.moved(dx: -1, dy: 0).area()
        if step > 1 && (north.maxLatitude < bounds.maxLatitude || south.minLatitude > bounds.minLatitude
                        || east.maxLongitude < bounds.maxLongitude || west.minLongitude > bounds.minLongitude) {
            step -= 1
            center = GeoHash(longitude: longitude, latitude: latitude, step: step) ?? .zero
        }
        let area = center.area()
        let offsets = [(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)]
        var cells = [center] + offsets.map { center.moved(dx: $0.0, dy: $0.1) }
        if step >= 2 {
            func drop(_ indexes: [Int]) { for i in indexes { cells[i] = .zero } }
            if area.minLatitude < bounds.minLatitude { drop([2, 7, 8]) }
            if area.maxLatitude > bounds.maxLatitude { drop([1, 5, 6]) }
            if area.minLongitude < bounds.minLongitude { drop([4, 8, 6]) }
            if area.maxLongitude > bounds.maxLongitude { drop([3, 7, 5]) }
        }
        return cells
    }

    static let mercatorMax = 20_037_726.37

    static func estimatedStep(radiusMeters: Double, latitude: Double) -> Int {
        if radiusMeters == 0 { return GeoHash.maxStep }
        var range = radiusMeters, step = 1
        while range < mercatorMax {
            range *= 2
            step += 1
        }
        step -= 2
        if latitude > 66 || latitude < -66 {
            step -= 1
            if latitude > 80 || latitude < -80 { step -= 1 }
        }
        return min(max(step, 1), GeoHash.maxStep)
    }

    /// The longitude/latitude box around the shape. Meridians converge towards the poles, so the longitude margin
    /// is taken at the box's edge nearer the pole: the top edge north of the equator, the bottom edge south of it.
    func boundingBox() -> GeoArea {
        let (halfWidth, halfHeight): (Double, Double)
        switch kind {
        case .radius(let r): (halfWidth, halfHeight) = (r * metersPerUnit, r * metersPerUnit)
        case .box(let w, let h): (halfWidth, halfHeight) = (metersPerUnit * (w / 2), metersPerUnit * (h / 2))
        }
        let latDelta = halfHeight / GeoDistance.earthRadius / GeoDistance.radiansPerDegree
        let lonDeltaTop = halfWidth / GeoDistance.earthRadius / cos((latitude + latDelta) * GeoDistance.radiansPerDegree)
            / GeoDistance.radiansPerDegree
        let lonDeltaBottom = halfWidth / GeoDistance.earthRadius
            / cos((latitude - latDelta) * GeoDistance.radiansPerDegree) / GeoDistance.radiansPerDegree
        let lonDelta = latitude < 0 ? lonDeltaBottom : lonDeltaTop
        return GeoArea(minLongitude: longitude - lonDelta, maxLongitude: longitude + lonDelta,
                       minLatitude: latitude - latDelta, maxLatitude: latitude + latDelta)
    }
}
