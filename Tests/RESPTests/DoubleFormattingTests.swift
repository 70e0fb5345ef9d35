import RESP
import XCTest

/// Expected texts were read from redis-server 7.0.15 (`ZADD z <score> m` then `ZSCORE z m`).
final class DoubleFormattingTests: XCTestCase {
    private func text17g(_ value: Double) -> String { String(decoding: formatDouble17g(value), as: UTF8.self) }

    func testDoublesPrintLikePercentPoint17g() {
        XCTAssertEqual(text17g(1.1), "1.1000000000000001")
        XCTAssertEqual(text17g(3), "3")
        XCTAssertEqual(text17g(1e20), "1e+20")
        XCTAssertEqual(text17g(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(text17g(1e17), "1e+17")
        XCTAssertEqual(text17g(1e16), "10000000000000000")
        XCTAssertEqual(text17g(Double("123456789012345678")!), "1.2345678901234568e+17")
        XCTAssertEqual(text17g(1e-5), "1.0000000000000001e-05")
        XCTAssertEqual(text17g(0.0001), "0.0001")
        XCTAssertEqual(text17g(-1.5), "-1.5")
        XCTAssertEqual(text17g(.leastNonzeroMagnitude), "4.9406564584124654e-324")
        XCTAssertEqual(text17g(.greatestFiniteMagnitude), "1.7976931348623157e+308")
        XCTAssertEqual(text17g(0), "0")
        XCTAssertEqual(text17g(-0.0), "-0")
        XCTAssertEqual(text17g(-42), "-42")
    }

    func testNonFiniteDoubles() {
        XCTAssertEqual(text17g(.infinity), "inf")
        XCTAssertEqual(text17g(-.infinity), "-inf")
        XCTAssertEqual(text17g(.nan), "nan")
        XCTAssertEqual(text17g(-.nan), "nan")
    }

    func testEveryDoubleRoundTripsThroughItsText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            XCTAssertEqual(Double(text17g(value))?.bitPattern, value.bitPattern, text17g(value))
        }
    }
}
