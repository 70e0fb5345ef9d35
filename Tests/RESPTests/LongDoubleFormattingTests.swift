#if arch(x86_64) || arch(i386)
import RESP
import XCTest

/// Expected texts were read from redis-server 7.0.15 `INCRBYFLOAT` on x86_64, where a C
/// `long double` is Swift's `Float80`.
final class LongDoubleFormattingTests: XCTestCase {
    private func human(_ value: Float80) -> String { String(decoding: formatLongDoubleHuman(value), as: UTF8.self) }

    func testIncrByFloatResultsPrintWithoutTrailingZeros() {
        XCTAssertEqual(human(Float80("10.5")! + Float80("0.1")!), "10.6")
        XCTAssertEqual(human(0 + Float80("5.0e3")!), "5000")
        XCTAssertEqual(human(0 + Float80("1.1")!), "1.1")
        XCTAssertEqual(human(Float80("0.1")! + Float80("0.2")!), "0.3")
        XCTAssertEqual(human(0 + Float80("3.0000000000000000001")!), "3")
        XCTAssertEqual(human(-1.5), "-1.5")
        XCTAssertEqual(human(0 + Float80("1e-20")!), "0")
    }

    func testNegativeZeroPrintsAsZero() {
        XCTAssertEqual(human(-0.0), "0")
    }

    func testHugeLongDoublePrintsInFixedNotation() {
        XCTAssertTrue(human(Float80("1e300")!).hasPrefix("100000000000000000000899732407955919387052394427329074793826"))
        XCTAssertFalse(human(Float80("1e300")!).contains("."))
        XCTAssertEqual(human(.greatestFiniteMagnitude).count, 4933)
    }

    func testInfiniteLongDoubles() {
        XCTAssertEqual(human(.infinity), "inf")
        XCTAssertEqual(human(-.infinity), "-inf")
    }
}
#endif
