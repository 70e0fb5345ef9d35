import StrataText
import XCTest

final class SplitArgumentsTests: XCTestCase {
    private func split(_ line: String) -> [String]? {
        splitArguments(Array(line.utf8))?.map { String(decoding: $0, as: UTF8.self) }
    }

    func testWhitespaceSeparatesArguments() {
        XCTAssertEqual(split("  set\tkey   value \r\n"), ["set", "key", "value"])
        XCTAssertEqual(split(""), [])
        XCTAssertEqual(split(" \t "), [])
    }

    func testVerticalTabIsSkippedBeforeAnArgumentButNotInsideOne() {
        XCTAssertEqual(split("\u{0B}PING"), ["PING"])
        XCTAssertEqual(split("ECHO\u{0B}x"), ["ECHO\u{0B}x"])
    }

    func testDoubleQuotesTakeEscapes() {
        XCTAssertEqual(split(#""a\n\r\t\b\a\\\"z""#), ["a\n\r\t\u{08}\u{07}\\\"z"])
        XCTAssertEqual(split(#""\x41\x6a\x4G""#), ["Ajx4G"])
        XCTAssertEqual(split(#""a\zb""#), ["azb"])
    }

    func testHexEscapeProducesAnyByte() {
        XCTAssertEqual(splitArguments(Array(#""\xff\x00""#.utf8)), [[0xFF, 0x00]])
    }

    func testSingleQuotesAreLiteralExceptEscapedQuote() {
        XCTAssertEqual(split(#"'a\'b' 'a\nb'"#), ["a'b", #"a\nb"#])
    }

    func testQuoteInsideAWordContinuesIt() {
        XCTAssertEqual(split(#"ab"c d" e"#), ["abc d", "e"])
    }

    func testEmptyQuotedArgument() {
        XCTAssertEqual(split(#"SET k """#), ["SET", "k", ""])
        XCTAssertEqual(split("SET k ''"), ["SET", "k", ""])
    }

    func testUnbalancedQuotesGiveNil() {
        XCTAssertNil(split(#""abc"#))
        XCTAssertNil(split(#""abc"d"#))
        XCTAssertNil(split("'abc"))
        XCTAssertNil(split("'abc'd"))
        XCTAssertNil(split(#""abc\"#))
    }
}
