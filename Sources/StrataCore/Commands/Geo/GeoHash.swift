/// A geohash cell as Redis's geohash.c computes it: each coordinate is scaled to a `step`-bit fixed-point offset
/// within its range, and the two offsets are interleaved — latitude on the even bits, longitude on the odd bits.
/// Geo sets store members with the 52-bit (step 26) hash as their sorted-set score, over the Web Mercator latitude
/// range ±85.05112878; GEOHASH re-encodes with the standard ±90 so its strings match other geohash tools.
struct GeoHash: Equatable {
    var bits: UInt64
    var step: Int

    static let maxStep = 26
    static let zero = GeoHash(bits: 0, step: 0)

    /// Redis's "no cell" marker: zero bits at step zero.
    var isZero: Bool { bits == 0 && step == 0 }

    static let longitudeRange: ClosedRange<Double> = -180...180
    /// EPSG:3857's latitude limits: what geo sets can index.
    static let latitudeRange: ClosedRange<Double> = -85.05112878...85.05112878
    /// The latitude range of standard geohash strings.
    static let standardLatitudeRange: ClosedRange<Double> = -90...90

    /// True when GEOADD and the search commands accept the coordinates.
    static func isIndexable(longitude: Double, latitude: Double) -> Bool {
        longitudeRange.contains(longitude) && latitudeRange.contains(latitude)
    }

    /// The cell of `step` bits per coordinate containing the point; nil outside the indexable ranges.
    init?(longitude: Double, latitude: Double, step: Int, latitudeRange: ClosedRange<Double> = GeoHash.latitudeRange) {
        guard step > 0, step <= 32, GeoHash.isIndexable(longitude: longitude, latitude: latitude),
              latitudeRange.contains(latitude) else { return nil }
        let scale = Double(UInt64(1) << UInt64(step))
        let latOffset = (latitude - latitudeRange.lowerBound) / (latitudeRange.upperBound - latitudeRange.lowerBound)
        let lonOffset = (longitude - GeoHash.longitudeRange.lowerBound)
            / (GeoHash.longitudeRange.upperBound - GeoHash.longitudeRange.lowerBound)
        // C converts the scaled offsets to uint32_t by truncation.
        self.init(bits: GeoHash.interleave(UInt32(truncatingIfNeeded: UInt64(latOffset * scale)),
                                           UInt32(truncatingIfNeeded: UInt64(lonOffset * scale))),
                  step: step)
    }

    init(bits: UInt64, step: Int) {
        self.bits = bits
        self.step = step
    }

    /// The stored 52-bit hash of a geo set score.
    init(score: Double) {
        self.init(bits: UInt64(cTruncating: score), step: GeoHash.maxStep)
    }

    /// The hash left-aligned to 52 bits: the sorted-set score of a point, or the first score of a cell.
    var alignedBits: UInt64 { bits << UInt64(52 - step * 2) }

    /// The scores a cell covers: [first, first of the next cell).
    var scoreRange: (min: UInt64, max: UInt64) {
        (alignedBits, GeoHash(bits: bits &+ 1, step: step).alignedBits)
    }

    /// The cell's bounds in the geo set ranges.
    func area() -> GeoArea {
        let (lat, lon) = GeoHash.deinterleave(bits)
        let scale = Double(UInt64(1) << UInt64(step))
        let latitudeRange = GeoHash.latitudeRange
        let latSpan = latitudeRange.upperBound - latitudeRange.lowerBound
        let lonSpan = GeoHash.longitudeRange.upperBound - GeoHash.longitudeRange.lowerBound
        let lonMin = GeoHash.longitudeRange.lowerBound, latMin = latitudeRange.lowerBound
        // 32-bit arithmetic as in C: the "+ 1" of a corrupt all-ones offset wraps to 0.
        return GeoArea(minLongitude: lonMin + (Double(lon) * 1.0 / scale) * lonSpan,
                       maxLongitude: lonMin + (Double(lon &+ 1) * 1.0 / scale) * lonSpan,
                       minLatitude: latMin + (Double(lat) * 1.0 / scale) * latSpan,
                       maxLatitude: latMin + (Double(lat &+ 1) * 1.0 / scale) * latSpan)
    }

    /// The point a geo set score stands for: the centre of its cell, clamped to the indexable ranges.
    static func coordinates(ofScore score: Double) -> (longitude: Double, latitude: Double) {
        GeoHash(score: score).area().center
    }

    // MARK: Neighbours

    /// The cell `dx` cells east (negative: west) and `dy` cells north (negative: south), wrapping around.
    func moved(dx: Int, dy: Int) -> GeoHash {
        var hash = self
        let shift = UInt64(64 - step * 2)
        let evenMask: UInt64 = 0x5555_5555_5555_5555, oddMask: UInt64 = 0xAAAA_AAAA_AAAA_AAAA
        func move(_ lane: UInt64, _ laneMask: UInt64, _ otherMask: UInt64, _ d: Int) -> UInt64 {
            // Filling the other lane's bits with ones lets the carry/borrow ripple through this lane only.
            let fill = otherMask >> shift
            var v = lane
            if d > 0 {
                v = v &+ (fill &+ 1)
            } else {
                v |= fill
                v = v &- (fill &+ 1)
            }
            return v & (laneMask >> shift)
        }
        if dx != 0 { hash.bits = move(hash.bits & oddMask, oddMask, evenMask, dx) | (hash.bits & evenMask) }
        if dy != 0 { hash.bits = (hash.bits & oddMask) | move(hash.bits & evenMask, evenMask, oddMask, dy) }
        return hash
    }

    // MARK: Bit interleaving

    /// Spreads `lat` over the even bits and `lon` over the odd bits.
    static func interleave(_ lat: UInt32, _ lon: UInt32) -> UInt64 {
        spread(UInt64(lat)) | spread(UInt64(lon)) << 1
    }

    /// The inverse of `interleave`.
    static func deinterleave(_ bits: UInt64) -> (lat: UInt32, lon: UInt32) {
        (UInt32(truncatingIfNeeded: squeeze(bits)), UInt32(truncatingIfNeeded: squeeze(bits >> 1)))
    }

    private static func spread(_ v: UInt64) -> UInt64 {
        var x = v
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | x << 2) & 0x3333_3333_3333_3333
        x = (x | x << 1) & 0x5555_5555_5555_5555
        return x
    }

    private static func squeeze(_ v: UInt64) -> UInt64 {
        var x = v & 0x5555_5555_5555_5555
        x = (x | x >> 1) & 0x3333_3333_3333_3333
        x = (x | x >> 2) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | x >> 4) & 0x00FF_00FF_00FF_00FF
        x = (x | x >> 8) & 0x0000_FFFF_0000_FFFF
        x = (x | x >> 16) & 0x0000_0000_FFFF_FFFF
        return x
    }

    // MARK: Geohash strings

    private static let alphabet = Array("0123456789bcdefghjkmnpqrstuvwxyz".utf8)

    /// GEOHASH's 11-character string for a geo set score: the point re-encoded over the standard ±90 latitude range,
    /// five bits a character; the 11th character stands for bits the 52-bit hash does not have, and is always '0'.
    static func standardString(ofScore score: Double) -> Bytes {
        let (longitude, latitude) = coordinates(ofScore: score)
        let bits = GeoHash(longitude: longitude, latitude: latitude, step: maxStep,
                           latitudeRange: standardLatitudeRange)?.bits ?? 0
        var out = Bytes(repeating: alphabet[0], count: 11)
        for i in 0..<10 { out[i] = alphabet[Int((bits >> UInt64(52 - (i + 1) * 5)) & 0x1F)] }
        return out
    }
}

/// The bounds of a geohash cell.
struct GeoArea {
    var minLongitude, maxLongitude, minLatitude, maxLatitude: Double

    /// The centre, clamped to the indexable ranges (as Redis reports positions).
    var center: (longitude: Double, latitude: Double) {
        let lon = (minLongitude + maxLongitude) / 2
        let lat = (minLatitude + maxLatitude) / 2
        return (min(max(lon, GeoHash.longitudeRange.lowerBound), GeoHash.longitudeRange.upperBound),
                min(max(lat, GeoHash.latitudeRange.lowerBound), GeoHash.latitudeRange.upperBound))
    }
}

extension UInt64 {
    /// C's double-to-uint64_t conversion as x86-64 compilers emit it, for any score a sorted set may hold
    /// (negative, huge or infinite ones included) instead of trapping: values below 2^63 convert as signed
    /// integers, larger ones with 2^63 subtracted and the top bit flipped; out-of-range results are 2^63.
    init(cTruncating d: Double) {
        let twoTo63 = 9_223_372_036_854_775_808.0
        func signed(_ v: Double) -> UInt64 {
            guard v.isFinite, v > -twoTo63, v < twoTo63 else { return 1 << 63 }
            return UInt64(bitPattern: Int64(v))
        }
        self = d < twoTo63 || d.isNaN ? signed(d) : signed(d - twoTo63) ^ (1 << 63)
    }
}
