import StrataText
import XCTest

final class GlobPatternTests: XCTestCase {
    private func match(_ pattern: String, _ text: String, nocase: Bool = false) -> Bool {
        GlobPattern.matches(Array(pattern.utf8), Array(text.utf8), ignoringCase: nocase)
    }

    func testWildcardsAndClassesFollowRedisRules() {
        XCTAssertTrue(match("h?llo", "hello"))
        XCTAssertTrue(match("h*llo", "heeeello"))
        XCTAssertTrue(match("h[ae]llo", "hallo"))
        XCTAssertFalse(match("h[^e]llo", "hello"))
        XCTAssertTrue(match("h[a-b]llo", "hbllo"))
        XCTAssertTrue(match("h[b-a]llo", "hbllo"), "range ends may come in either order")
        XCTAssertTrue(match("*", ""))
        XCTAssertFalse(match("?", ""))
        XCTAssertTrue(match("a\\*b", "a*b"))
        XCTAssertFalse(match("a\\*b", "axb"))
    }

    func testCaseFoldingIsOptIn() {
        XCTAssertFalse(match("MAXMEMORY*", "maxmemory-policy"))
        XCTAssertTrue(match("MAXMEMORY*", "maxmemory-policy", nocase: true))
    }

    func testPathologicalPatternsTerminate() {
        let pattern = String(repeating: "a*", count: 30) + "b"
        XCTAssertFalse(match(pattern, String(repeating: "a", count: 40)))
    }
}
