import StrataCollections

/// A member found by a geo search, with its stored hash, decoded position and distance from the centre (meters).
struct GeoMatch {
    var member: CompactBytes
    var score: Double
    var longitude: Double
    var latitude: Double
    var distance: Double
}

/// Thrown to stop a range walk early.
private struct LimitReached: Error {}

extension SortedSetValue {
    /// The members inside `shape`, in the order Redis finds them: cell by cell (see `GeoShape.searchCells`), each
    /// cell's members ascending by score; a cell equal to the previously scanned one is skipped. With a `limit`
    /// (COUNT ... ANY) the scan stops once that many members were found.
    func geoMatches(in shape: GeoShape, limit: Int? = nil) -> [GeoMatch] {
        var matches: [GeoMatch] = []
        var lastScanned: GeoHash?
        for (i, cell) in shape.searchCells().enumerated() where !cell.isZero {
            // Redis remembers the last scanned cell by index and treats index 0 as "none", so the centre cell never
            // suppresses its northern neighbour.
            if let last = lastScanned, last == cell { continue }
            if let limit, matches.count >= limit { break }
            collect(cell, shape, limit, into: &matches)
            lastScanned = i == 0 ? nil : cell
        }
        return matches
    }

    /// Appends the members of one cell (scores in [first, next cell's first)) that lie inside the shape.
    private func collect(_ cell: GeoHash, _ shape: GeoShape, _ limit: Int?, into matches: inout [GeoMatch]) {
        let (min, max) = cell.scoreRange
        let low = Double(min), high = Double(max)
        let start = partitionIndex { $0.score >= low }
        let end = partitionIndex { $0.score >= high }
        guard start < end else { return }
        // forEach walks the range in one pass; the sentinel error ends it once a COUNT ... ANY limit is reached.
        try? forEach(in: start..<end) { element in
            if let limit, matches.count >= limit { throw LimitReached() }
            let (lon, lat) = GeoHash.coordinates(ofScore: element.score)
            guard let d = shape.distance(toLongitude: lon, latitude: lat) else { return }
            matches.append(GeoMatch(member: element.member, score: element.score, longitude: lon, latitude: lat,
                                    distance: d))
        }
    }
}
