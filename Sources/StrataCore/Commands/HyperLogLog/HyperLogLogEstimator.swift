import Foundation

/// The cardinality estimator Redis 7.0 uses: Otmar Ertl's "improved" estimator ("New cardinality estimation
/// algorithms for HyperLogLog sketches", arXiv:1702.01284), computed from the histogram of register values with
/// his tau and sigma corrections for saturated and empty registers. Redis rounds the result half away from zero.
/// Replies print the 64-bit result as a signed integer, as Redis's addReplyLongLong does.
enum HyperLogLogEstimator {
    /// alpha for m -> infinity: 1 / (2 ln 2).
    static let alphaInfinity = 0.721347520444481703680

    static func cardinality(_ histogram: [Int]) -> UInt64 {
        let m = Double(HyperLogLog.registerCount)
        let q = HyperLogLog.q
        var z = m * tau((m - Double(histogram[q + 1])) / m)
        for j in stride(from: q, through: 1, by: -1) {
            z += Double(histogram[j])
            z *= 0.5
        }
        z += m * sigma(Double(histogram[0]) / m)
        return roundedLikeC(alphaInfinity * m * m / z)
    }

    /// C's llroundl as x86-64 glibc computes it, then cast to uint64_t: out-of-range results (an infinite estimate
    /// from registers no hash can produce) become 2^63, which PFCOUNT then prints as a negative number.
    static func roundedLikeC(_ e: Double) -> UInt64 {
        let r = e.rounded()
        guard r.isFinite, r >= -9_223_372_036_854_775_808.0, r < 9_223_372_036_854_775_808.0 else { return 1 << 63 }
        return UInt64(bitPattern: Int64(r))
    }

    /// sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1), iterated until it stops changing; infinite when every register is 0.
    static func sigma(_ x: Double) -> Double {
        if x == 1 { return .infinity }
        var x = x, y = 1.0, z = x, previous = 0.0
        repeat {
            x *= x
            previous = z
            z += x * y
            y += y
        } while previous != z
        return z
    }

    /// tau(x) = (1/3) (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k), iterated until it stops changing.
    static func tau(_ x: Double) -> Double {
        if x == 0 || x == 1 { return 0 }
        var x = x, y = 1.0, z = 1 - x, previous = 0.0
        repeat {
            x = x.squareRoot()
            previous = z
            y *= 0.5
            z -= pow(1 - x, 2) * y
        } while previous != z
        return z / 3
    }
}

extension HyperLogLogEstimator {
    /// The estimate for registers held one per byte (the union PFCOUNT builds over several keys).
    static func cardinality(registers: [UInt8]) -> UInt64 {
        var histogram = [Int](repeating: 0, count: 64)
        for r in registers { histogram[Int(r)] += 1 }
        return cardinality(histogram)
    }
}
