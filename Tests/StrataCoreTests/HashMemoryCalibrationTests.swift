@testable import StrataCore
import XCTest

/// The O(1) heap estimates of big hashes and sets, held against what glibc actually hands out (`mallinfo2`):
/// short (inline) and long (heap) fields, values and members, and an intset.
final class HashMemoryCalibrationTests: XCTestCase {
    private func assertEstimateMatchesHeap<T>(_ what: String, _ build: () -> T, _ estimate: (T) -> Int) {
        let before = Engine.heapInUse()
        let value = build()
        let heap = Engine.heapInUse() - before
        withExtendedLifetime(value) {
            let ratio = Double(heap) / Double(estimate(value))
            XCTAssert(ratio > 0.85 && ratio < 1.15, "\(what): heap \(heap) bytes, estimate \(estimate(value))")
        }
    }

    func testBigHashAndSetEstimatesMatchTheHeap() {
        let limits = EncodingLimits()
        for (fieldLength, valueLength) in [(8, 8), (40, 100)] {
            assertEstimateMatchesHeap("hash of \(fieldLength)/\(valueLength)-byte fields/values", {
                var h = HashValue()
                for i in 0..<50_000 {
                    h.set(Bytes(String(format: "%0\(fieldLength)d", i).utf8), Bytes(repeating: 65, count: valueLength),
                          limits: limits)
                }
                return h
            }, \.memoryEstimate)
            assertEstimateMatchesHeap("set of \(fieldLength + 1)-byte members", {
                var s = SetValue()
                for i in 0..<50_000 {
                    s.insert(SetElement(Bytes(String(format: "m%0\(fieldLength)d", i).utf8)), limits: limits)
                }
                return s
            }, \.memoryEstimate)
        }
        var big = EncodingLimits()
        big.setMaxIntsetEntries = 100_000
        assertEstimateMatchesHeap("intset", {
            var s = SetValue()
            for n in 0..<50_000 { s.insert(.int(Int64(n)), limits: big) }
            return s
        }, \.memoryEstimate)
    }
}
