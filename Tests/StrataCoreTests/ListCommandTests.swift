import RESP
import StrataCollections
@testable import StrataCore
import XCTest

/// The non-blocking list commands against Redis 7.0's documented replies and errors.
final class ListCommandTests: XCTestCase {
    private let wrongType = RESPValue.error(ReplyError.wrongType)

    func testPushesReturnLengthAndKeepOrder() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("RPUSH", "l", "a", "b"), .int(2))
        XCTAssertEqual(h.run("LPUSH", "l", "x", "y"), .int(4))
        XCTAssertEqual(h.listElements("l"), .bulks("y", "x", "a", "b"))
        XCTAssertEqual(h.run("LPUSHX", "missing", "a"), .int(0))
        XCTAssertEqual(h.run("RPUSHX", "l", "z"), .int(5))
        XCTAssertEqual(h.run("EXISTS", "missing"), .int(0))
        XCTAssertEqual(h.run("OBJECT", "ENCODING", "l"), .bulk("quicklist"))
        h.run("SET", "s", "v")
        XCTAssertEqual(h.run("LPUSH", "s", "a"), wrongType)
        XCTAssertEqual(h.run("RPUSHX", "s", "a"), wrongType)
    }

    func testPopsWithAndWithoutCount() {
        let h = EngineHarness()
        h.run("RPUSH", "l", "a", "b", "c", "d")
        XCTAssertEqual(h.run("LPOP", "l"), .bulk("a"))
        XCTAssertEqual(h.run("RPOP", "l", "2"), .bulks("d", "c"))
        XCTAssertEqual(h.run("LPOP", "l", "0"), .array([]))
        XCTAssertEqual(h.run("LPOP", "l", "10"), .bulks("b"))
        XCTAssertEqual(h.run("EXISTS", "l"), .int(0), "an emptied list is deleted")
        XCTAssertEqual(h.run("LPOP", "l"), .nilBulk)
        XCTAssertEqual(h.run("LPOP", "l", "3"), .array(nil))
        XCTAssertEqual(h.run("LPOP", "l", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(h.run("LPOP", "l", "1", "2"), .error("ERR wrong number of arguments for 'lpop' command"))
    }

    func testRangeAndIndexResolveNegativeAndOutOfRangeIndexes() {
        let h = EngineHarness()
        h.run("RPUSH", "l", "a", "b", "c", "d", "e")
        XCTAssertEqual(h.run("LRANGE", "l", "1", "-2"), .bulks("b", "c", "d"))
        XCTAssertEqual(h.run("LRANGE", "l", "-100", "100"), .bulks("a", "b", "c", "d", "e"))
        XCTAssertEqual(h.run("LRANGE", "l", "3", "1"), .array([]))
        XCTAssertEqual(h.run("LRANGE", "l", "5", "10"), .array([]))
        XCTAssertEqual(h.run("LRANGE", "l", "x", "1"), .error(ReplyError.notInteger))
        XCTAssertEqual(h.run("LRANGE", "missing", "0", "-1"), .array([]))
        XCTAssertEqual(h.run("LINDEX", "l", "-1"), .bulk("e"))
        XCTAssertEqual(h.run("LINDEX", "l", "5"), .nilBulk)
        XCTAssertEqual(h.run("LINDEX", "missing", "x"), .nilBulk, "the key is looked up before the index is parsed")
        XCTAssertEqual(h.run("LLEN", "l"), .int(5))
        XCTAssertEqual(h.run("LLEN", "missing"), .int(0))
    }

    func testSetInsertRemoveTrim() {
        let h = EngineHarness()
        h.run("RPUSH", "l", "a", "b", "a", "c", "a")
        XCTAssertEqual(h.run("LSET", "l", "-1", "z"), .ok)
        XCTAssertEqual(h.run("LSET", "l", "9", "z"), .error("ERR index out of range"))
        XCTAssertEqual(h.run("LSET", "missing", "0", "z"), .error(ReplyError.noSuchKey))
        XCTAssertEqual(h.run("LINSERT", "l", "BEFORE", "b", "x"), .int(6))
        XCTAssertEqual(h.run("LINSERT", "l", "after", "c", "y"), .int(7))
        XCTAssertEqual(h.run("LINSERT", "l", "AFTER", "nope", "y"), .int(-1))
        XCTAssertEqual(h.run("LINSERT", "missing", "AFTER", "a", "y"), .int(0))
        XCTAssertEqual(h.run("LINSERT", "l", "MIDDLE", "a", "y"), .error(ReplyError.syntax))
        XCTAssertEqual(h.listElements("l"), .bulks("a", "x", "b", "a", "c", "y", "z"))
        XCTAssertEqual(h.run("LREM", "l", "-1", "a"), .int(1))
        XCTAssertEqual(h.listElements("l"), .bulks("a", "x", "b", "c", "y", "z"))
        XCTAssertEqual(h.run("LREM", "l", "0", "nope"), .int(0))
        XCTAssertEqual(h.run("LTRIM", "l", "1", "-2"), .ok)
        XCTAssertEqual(h.listElements("l"), .bulks("x", "b", "c", "y"))
        XCTAssertEqual(h.run("LTRIM", "l", "5", "1"), .ok)
        XCTAssertEqual(h.run("EXISTS", "l"), .int(0))
    }

    func testLremWithMostNegativeCountRemovesEveryMatch() {
        let h = EngineHarness()
        h.run("RPUSH", "l", "a", "b", "a", "a")
        XCTAssertEqual(h.run("LREM", "l", "-9223372036854775808", "a"), .int(3))
        XCTAssertEqual(h.listElements("l"), .bulks("b"))
    }

    func testLposRankCountMaxlen() {
        let h = EngineHarness()
        h.run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c")
        XCTAssertEqual(h.run("LPOS", "l", "c"), .int(2))
        XCTAssertEqual(h.run("LPOS", "l", "c", "RANK", "2"), .int(6))
        XCTAssertEqual(h.run("LPOS", "l", "c", "RANK", "-1"), .int(7))
        XCTAssertEqual(h.run("LPOS", "l", "c", "RANK", "-9223372036854775808"), .int(7))
        XCTAssertEqual(h.run("LPOS", "l", "c", "COUNT", "0"), .array([.int(2), .int(6), .int(7)]))
        XCTAssertEqual(h.run("LPOS", "l", "c", "COUNT", "2", "RANK", "-1"), .array([.int(7), .int(6)]))
        XCTAssertEqual(h.run("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"), .array([.int(2), .int(6)]))
        XCTAssertEqual(h.run("LPOS", "l", "x"), .nilBulk)
        XCTAssertEqual(h.run("LPOS", "l", "x", "COUNT", "1"), .array([]))
        XCTAssertEqual(h.run("LPOS", "l", "c", "RANK", "0"), .error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"))
        XCTAssertEqual(h.run("LPOS", "l", "c", "COUNT", "-1"), .error("ERR COUNT can't be negative"))
        XCTAssertEqual(h.run("LPOS", "l", "c", "MAXLEN", "x"), .error("ERR MAXLEN can't be negative"))
        XCTAssertEqual(h.run("LPOS", "l", "c", "RANK"), .error(ReplyError.syntax))
    }

    func testMoveBetweenListsAndRotation() {
        let h = EngineHarness()
        h.run("RPUSH", "src", "a", "b", "c")
        XCTAssertEqual(h.run("LMOVE", "src", "dst", "LEFT", "RIGHT"), .bulk("a"))
        XCTAssertEqual(h.run("RPOPLPUSH", "src", "dst"), .bulk("c"))
        XCTAssertEqual(h.listElements("dst"), .bulks("c", "a"))
        XCTAssertEqual(h.run("LMOVE", "dst", "dst", "LEFT", "RIGHT"), .bulk("c"))
        XCTAssertEqual(h.listElements("dst"), .bulks("a", "c"))
        XCTAssertEqual(h.run("LMOVE", "src", "dst", "LEFT", "LEFT"), .bulk("b"))
        XCTAssertEqual(h.run("EXISTS", "src"), .int(0))
        XCTAssertEqual(h.run("LMOVE", "src", "dst", "LEFT", "LEFT"), .nilBulk)
        XCTAssertEqual(h.run("LMOVE", "dst", "dst", "UP", "LEFT"), .error(ReplyError.syntax))
        h.run("SET", "s", "v")
        XCTAssertEqual(h.run("LMOVE", "dst", "s", "LEFT", "LEFT"), wrongType)
        XCTAssertEqual(h.listElements("dst"), .bulks("b", "a", "c"), "a failed move leaves the source alone")
    }

    func testLmpopPicksFirstListAndValidatesArguments() {
        let h = EngineHarness()
        h.run("RPUSH", "b", "1", "2", "3")
        XCTAssertEqual(h.run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"), .array([.bulk("b"), .bulks("3", "2")]))
        XCTAssertEqual(h.run("LMPOP", "2", "a", "b", "LEFT"), .array([.bulk("b"), .bulks("1")]))
        XCTAssertEqual(h.run("LMPOP", "1", "b", "LEFT"), .array(nil))
        XCTAssertEqual(h.run("LMPOP", "0", "b", "LEFT"), .error("ERR numkeys should be greater than 0"))
        XCTAssertEqual(h.run("LMPOP", "3", "b", "LEFT"), .error(ReplyError.syntax))
        XCTAssertEqual(h.run("LMPOP", "1", "b", "LEFT", "COUNT", "0"), .error("ERR count should be greater than 0"))
        XCTAssertEqual(h.run("LMPOP", "1", "b", "LEFT", "COUNT", "1", "COUNT", "1"), .error(ReplyError.syntax))
        h.run("SET", "s", "v")
        h.run("RPUSH", "l", "x")
        XCTAssertEqual(h.run("LMPOP", "2", "s", "l", "LEFT"), wrongType)
        XCTAssertEqual(h.run("LMPOP", "2", "l", "s", "LEFT"), .array([.bulk("l"), .bulks("x")]))
    }

    func testLongElementsAndBigListsSurviveRoundTrips() {
        let h = EngineHarness()
        let long = String(repeating: "x", count: 100)
        for i in 0..<1000 { h.run("RPUSH", "l", i % 2 == 0 ? long : "\(i)") }
        XCTAssertEqual(h.run("LINDEX", "l", "500"), .bulk(long))
        XCTAssertEqual(h.run("LINDEX", "l", "999"), .bulk("999"))
        XCTAssertEqual(h.run("LREM", "l", "0", long), .int(500))
        XCTAssertEqual(h.run("LLEN", "l"), .int(500))
        XCTAssertEqual(h.run("LINDEX", "l", "0"), .bulk("1"))
    }

    func testMemoryEstimateTracksElementsAndReturnsToZero() {
        var list = ListValue()
        let empty = list.memoryEstimate
        let long = Bytes(repeating: 7, count: 100)
        for _ in 0..<300 { list.push(long, at: .tail) }
        let full = list.memoryEstimate
        XCTAssertGreaterThan(full, 300 * 100)
        list.pop(150, at: .head) { _ in }
        XCTAssertLessThan(list.memoryEstimate, full)
        list.trim(to: nil)
        XCTAssertEqual(list.memoryEstimate, empty)
    }

    func testMemoryEstimateIsCloseToTheHeapTheListsTake() {
        for (count, length) in [(3, 5), (1000, 8), (1000, 60)] {
            let before = Engine.heapInUse()
            var lists: [ListValue] = []
            for l in 0..<200 {
                var list = ListValue()
                for i in 0..<count { list.push(Bytes(repeating: UInt8(truncatingIfNeeded: l &+ i), count: length), at: .tail) }
                lists.append(list)
            }
            let heap = Engine.heapInUse() - before
            let estimate = lists.reduce(0) { $0 + $1.memoryEstimate }
            XCTAssertEqual(Double(estimate), Double(heap), accuracy: Double(heap) * 0.25,
                           "\(count) elements of \(length) bytes: estimate \(estimate), heap \(heap)")
        }
    }

    /// A copy of the stored value (what a snapshot holds) keeps its contents while commands edit the key.
    func testCopyOfStoredListIsUnaffectedByLaterWrites() {
        let h = EngineHarness()
        h.run(["RPUSH", "l"] + (0..<1000).map { "\($0)" })
        guard case .list(let snapshot)? = h.peek("l")?.value else { return XCTFail("no list stored") }
        h.run("LSET", "l", "500", "x")
        h.run("LPOP", "l", "10")
        h.run("RPUSH", "l", "y")
        h.run("LINSERT", "l", "BEFORE", "300", "z")
        h.run("LREM", "l", "0", "17")
        h.run("LTRIM", "l", "5", "-5")
        XCTAssertEqual(snapshot.count, 1000)
        for i in [0, 7, 300, 500, 999] { XCTAssertEqual(snapshot[i], CompactBytes(Bytes("\(i)".utf8))) }
        XCTAssertEqual(h.run("LINDEX", "l", "485"), .bulk("x"))
    }
}
