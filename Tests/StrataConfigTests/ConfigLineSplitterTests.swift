import XCTest
@testable import StrataConfig

final class ConfigLineSplitterTests: XCTestCase {
    func testWordsAreSeparatedByRunsOfWhitespace() {
        XCTAssertEqual(ConfigLineSplitter.split("save  900 \t 1"), ["save", "900", "1"])
        XCTAssertEqual(ConfigLineSplitter.split("   "), [])
    }

    func testDoubleQuotesUnderstandEscapes() {
        XCTAssertEqual(ConfigLineSplitter.split(#"requirepass "a b\n\r\t\b\a\\\"\x41\x4""#),
                       ["requirepass", "a b\n\r\t\u{8}\u{7}\\\"A" + "x4"])
    }

    func testSingleQuotesAreLiteralExceptEscapedQuote() {
        XCTAssertEqual(ConfigLineSplitter.split(#"x 'a\n\'b' ''"#), ["x", #"a\n'b"#, ""])
    }

    func testQuoteInsideWordContinuesTheWord() {
        XCTAssertEqual(ConfigLineSplitter.split(#"a"b c" e"#), ["ab c", "e"])
    }

    func testUnbalancedOrGluedClosingQuoteIsRejected() {
        XCTAssertNil(ConfigLineSplitter.split(#"port "abc"#))
        XCTAssertNil(ConfigLineSplitter.split(#"port "abc"x"#))
        XCTAssertNil(ConfigLineSplitter.split("port 'abc'x"))
    }

    func testQuotingRoundTripsThroughTheSplitter() {
        let value = "a b\"\\\n\u{1}z\u{7f}é"
        let quoted = ConfigQuoting.quoted(value)
        XCTAssertEqual(quoted, #""a b\"\\\n\x01z\x7f\xc3\xa9""#)
        XCTAssertEqual(ConfigLineSplitter.split("x " + quoted), ["x", value])
    }
}
