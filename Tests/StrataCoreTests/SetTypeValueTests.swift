import RESP
@testable import StrataCore
import XCTest

/// The set value: intset order and integer rules, one-way conversion to a hashtable, memory estimates.
final class SetTypeValueTests: XCTestCase {
    private func members(_ s: SetValue) -> [String] {
        var out: [String] = []
        s.forEach { out.append(String(decoding: $0.bytes, as: UTF8.self)) }
        return out
    }

    func testIntsetKeepsMembersSortedAscending() {
        var s = SetValue()
        let limits = EncodingLimits()
        for m in ["5", "-3", "100", "0", "5", "-9223372036854775808", "9223372036854775807"] {
            s.insert(SetElement(Bytes(m)), limits: limits)
        }
        XCTAssertEqual(s.encodingName, "intset")
        XCTAssertEqual(members(s), ["-9223372036854775808", "-3", "0", "5", "100", "9223372036854775807"])
        XCTAssertTrue(s.remove(SetElement(Bytes("0"))))
        XCTAssertFalse(s.remove(SetElement(Bytes("0"))))
        XCTAssertFalse(s.remove(SetElement(Bytes("abc"))))
        XCTAssertTrue(s.contains(Bytes("-3")))
        XCTAssertFalse(s.contains(Bytes("-03")))
    }

    func testOnlyCanonicalIntegersStayInAnIntset() {
        for text in ["01", "+1", "-0", " 1", "1 ", "9223372036854775808", "1.0", "", "a"] {
            var s = SetValue()
            s.insert(SetElement(Bytes("1")), limits: EncodingLimits())
            s.insert(SetElement(Bytes(text)), limits: EncodingLimits())
            XCTAssertEqual(s.encodingName, "hashtable", "'\(text)'")
            XCTAssertTrue(s.contains(Bytes(text)))
            XCTAssertTrue(s.contains(Bytes("1")))
            XCTAssertEqual(s.count, 2)
        }
    }

    func testIntsetConvertsPastTheEntryLimitOnlyWhenAMemberIsAdded() {
        var limits = EncodingLimits()
        limits.setMaxIntsetEntries = 3
        var s = SetValue()
        for m in ["1", "2", "3"] { s.insert(SetElement(Bytes(m)), limits: limits) }
        XCTAssertEqual(s.encodingName, "intset")
        limits.setMaxIntsetEntries = 2
        XCTAssertFalse(s.insert(SetElement(Bytes("3")), limits: limits))
        XCTAssertEqual(s.encodingName, "intset")
        XCTAssertTrue(s.insert(SetElement(Bytes("4")), limits: limits))
        XCTAssertEqual(s.encodingName, "hashtable")
        for m in ["1", "2", "3"] { s.remove(SetElement(Bytes(m))) }
        XCTAssertEqual(s.encodingName, "hashtable")
        XCTAssertEqual(members(s), ["4"])
    }

    func testHashtableMembersThatSpellIntegersGoBackIntoAnIntset() {
        var limits = EncodingLimits()
        limits.setMaxIntsetEntries = 1
        var table = SetValue()
        table.insert(SetElement(Bytes("7")), limits: limits)
        table.insert(SetElement(Bytes("8")), limits: limits)
        table.remove(SetElement(Bytes("8")))
        XCTAssertEqual(table.encodingName, "hashtable")
        var rebuilt = SetValue()
        table.forEach { rebuilt.insert($0, limits: limits) }
        XCTAssertEqual(rebuilt.encodingName, "intset")
        XCTAssertTrue(table.contains(.int(7)))
        XCTAssertTrue(rebuilt.contains(SetElement.bytes(.init(Bytes("7")))))
    }

    func testMemoryEstimateFollowsEveryChange() {
        var s = SetValue()
        let limits = EncodingLimits()
        XCTAssertEqual(s.memoryEstimate, 0)
        for i in 0..<100 { s.insert(SetElement(Bytes("\(i)")), limits: limits) }
        let ints = s.memoryEstimate
        XCTAssertGreaterThanOrEqual(ints, 800)
        s.insert(SetElement(Bytes(String(repeating: "m", count: 100))), limits: limits)
        XCTAssertGreaterThan(s.memoryEstimate, 101 * SetTable.slotBytes)
        for i in 0..<100 { s.remove(SetElement(Bytes("\(i)"))) }
        s.remove(SetElement(Bytes(String(repeating: "m", count: 100))))
        XCTAssertEqual(s.memoryEstimate, 0)
        XCTAssertTrue(s.isEmpty)
    }
}
