import RESP
@testable import StrataCore
import XCTest

/// SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO and LCS. Expected replies were checked
/// against redis-server 7.0.15.
final class StringBitCommandTests: XCTestCase {
    private func setBytes(_ h: EngineHarness, _ key: String, _ bytes: Bytes) {
        XCTAssertEqual(h.run([Bytes("SET"), Bytes(key), bytes]), .ok)
    }

    private func ints(_ values: Int64?...) -> RESPValue {
        .array(values.map { $0.map(RESPValue.integer) ?? .nilBulk })
    }

    func testSetbitAndGetbit() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SETBIT", "b", "-1", "1"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("SETBIT", "b", "4294967296", "1"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("SETBIT", "b", "x", "1"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("SETBIT", "b", "0", "2"), .error("ERR bit is not an integer or out of range"))
        XCTAssertEqual(h.run("SETBIT", "b", "7", "1"), .integer(0))
        XCTAssertEqual(h.run("SETBIT", "b", "7", "1"), .integer(1))
        XCTAssertEqual(h.run("GET", "b"), .bulkString([1]))
        XCTAssertEqual(h.peek("b")?.value.encodingName, "raw")
        XCTAssertEqual(h.run("SETBIT", "b", "9", "1"), .integer(0))
        XCTAssertEqual(h.run("GET", "b"), .bulkString([1, 0x40]))
        XCTAssertEqual(h.run("GETBIT", "b", "9"), .integer(1))
        XCTAssertEqual(h.run("GETBIT", "b", "8"), .integer(0))
        XCTAssertEqual(h.run("GETBIT", "b", "100"), .integer(0))
        XCTAssertEqual(h.run("GETBIT", "nokey", "0"), .integer(0))
        XCTAssertEqual(h.run("GETBIT", "b", "-1"), .error("ERR bit offset is not an integer or out of range"))
        h.run("SET", "i", "1", "EX", "100")
        XCTAssertEqual(h.run("SETBIT", "i", "0", "0"), .integer(0))
        XCTAssertEqual(h.peek("i")?.value.encodingName, "raw")
        XCTAssertNotEqual(h.peek("i")?.expireAt, Entry.noExpiry)
    }

    func testBitcountWithByteAndBitRanges() {
        let h = EngineHarness()
        h.run("SET", "s", "foobar")
        XCTAssertEqual(h.run("BITCOUNT", "s"), .integer(26))
        XCTAssertEqual(h.run("BITCOUNT", "s", "0", "0"), .integer(4))
        XCTAssertEqual(h.run("BITCOUNT", "s", "1", "1", "BYTE"), .integer(6))
        XCTAssertEqual(h.run("BITCOUNT", "s", "5", "30", "BIT"), .integer(17))
        XCTAssertEqual(h.run("BITCOUNT", "s", "-2", "-1"), .integer(7))
        XCTAssertEqual(h.run("BITCOUNT", "s", "-100", "-1", "bit"), .integer(26))
        XCTAssertEqual(h.run("BITCOUNT", "s", "2", "1"), .integer(0))
        XCTAssertEqual(h.run("BITCOUNT", "s", "-100", "-200"), .integer(0))
        XCTAssertEqual(h.run("BITCOUNT", "s", "0"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITCOUNT", "s", "0", "1", "foo"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITCOUNT", "s", "a", "b"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("BITCOUNT", "nokey", "a", "b"), .integer(0))
        setBytes(h, "long", Bytes(repeating: 0xFF, count: 21))
        XCTAssertEqual(h.run("BITCOUNT", "long", "3", "165", "BIT"), .integer(163))
    }

    func testBitposFindsBitsWithinRanges() {
        let h = EngineHarness()
        setBytes(h, "ff", [0xFF, 0xFF])
        setBytes(h, "m", [0, 0xFF, 0])
        h.run("SET", "e", "")
        XCTAssertEqual(h.run("BITPOS", "e", "0"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "ff", "0"), .integer(16))
        XCTAssertEqual(h.run("BITPOS", "ff", "0", "0"), .integer(16))
        XCTAssertEqual(h.run("BITPOS", "ff", "0", "0", "-1"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "ff", "0", "3", "12", "BIT"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "ff", "1", "3", "12", "BIT"), .integer(3))
        XCTAssertEqual(h.run("BITPOS", "m", "1"), .integer(8))
        XCTAssertEqual(h.run("BITPOS", "m", "1", "2"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "m", "0", "1", "1"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "m", "1", "9", "14", "bit"), .integer(9))
        XCTAssertEqual(h.run("BITPOS", "m", "0", "-100", "-200"), .integer(0))
        XCTAssertEqual(h.run("BITPOS", "m", "1", "0", "-1", "foo"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITPOS", "ff", "0", "3", "BIT"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("BITPOS", "m", "2"), .error("ERR The bit argument must be 1 or 0."))
        XCTAssertEqual(h.run("BITPOS", "nokey", "1", "a"), .integer(-1))
        XCTAssertEqual(h.run("BITPOS", "nokey", "0"), .integer(0))
        setBytes(h, "wide", Bytes(repeating: 0, count: 40) + [0x01])
        XCTAssertEqual(h.run("BITPOS", "wide", "1"), .integer(327))
    }

    func testBitopCombinesStoresAndDeletes() {
        let h = EngineHarness()
        setBytes(h, "m", [0, 0xFF, 0])
        setBytes(h, "ff", [0xFF, 0xFF])
        XCTAssertEqual(h.run("BITOP", "foo", "d", "m"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITOP", "NOT", "d", "m", "ff"), .error("ERR BITOP NOT must be called with a single source key."))
        XCTAssertEqual(h.run("BITOP", "NOT", "d", "m"), .integer(3))
        XCTAssertEqual(h.run("GET", "d"), .bulkString([0xFF, 0, 0xFF]))
        XCTAssertEqual(h.peek("d")?.value.encodingName, "raw")
        XCTAssertEqual(h.run("BITOP", "AND", "d", "m", "ff"), .integer(3))
        XCTAssertEqual(h.run("GET", "d"), .bulkString([0, 0xFF, 0]))
        XCTAssertEqual(h.run("BITOP", "OR", "d", "m", "ff"), .integer(3))
        XCTAssertEqual(h.run("GET", "d"), .bulkString([0xFF, 0xFF, 0]))
        XCTAssertEqual(h.run("BITOP", "XOR", "d", "ff", "ff"), .integer(2))
        XCTAssertEqual(h.run("GET", "d"), .bulkString([0, 0]))
        XCTAssertEqual(h.run("BITOP", "AND", "d", "nokey"), .integer(0))
        XCTAssertNil(h.peek("d"))
        h.run("SET", "t", "1", "EX", "100")
        XCTAssertEqual(h.run("BITOP", "OR", "t", "ff"), .integer(2))
        XCTAssertEqual(h.peek("t")?.expireAt, Entry.noExpiry)
    }

    func testBitfieldGetSetIncrbyOnSignedAndUnsignedFields() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("BITFIELD", "b"), .array([]))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "0"), ints(0))
        XCTAssertNil(h.peek("b"))
        XCTAssertEqual(h.run("BITFIELD", "b", "SET", "i8", "0", "-1", "GET", "u8", "0", "GET", "i4", "4",
                             "INCRBY", "u2", "100", "1"), ints(0, 255, -1, 1))
        XCTAssertEqual(h.run("STRLEN", "b"), .integer(13))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "#2"), ints(0))
        XCTAssertEqual(h.run("BITFIELD", "b", "SET", "i64", "0", "-1", "GET", "u63", "0", "GET", "u63", "1", "GET", "i64", "0"),
                       ints(-72057594037927936, 9223372036854775807, 9223372036854775807, -1))
    }

    func testBitfieldOverflowPolicies() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("BITFIELD", "c", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5"), ints(nil))
        XCTAssertEqual(h.run("STRLEN", "c"), .integer(1))
        XCTAssertEqual(h.run("BITFIELD", "c", "OVERFLOW", "SAT", "INCRBY", "u2", "0", "5", "INCRBY", "u2", "0", "-9",
                             "OVERFLOW", "WRAP", "INCRBY", "u2", "0", "-1", "INCRBY", "i8", "8", "200",
                             "OVERFLOW", "SAT", "INCRBY", "i8", "16", "-200", "SET", "u8", "24", "-1", "SET", "i8", "32", "200",
                             "GET", "u8", "24", "GET", "i8", "32"),
                       ints(3, 0, 3, -56, -128, 0, 0, 255, 127))
        XCTAssertEqual(h.run("BITFIELD", "c", "OVERFLOW", "WRAP", "SET", "u8", "40", "-1", "SET", "i8", "48", "200",
                             "SET", "u8", "56", "300", "GET", "u8", "40", "GET", "i8", "48", "GET", "u8", "56"),
                       ints(0, 0, 0, 255, -56, 44))
        XCTAssertEqual(h.run("BITFIELD", "c", "OVERFLOW", "SAT", "SET", "i8", "64", "-9223372036854775808",
                             "SET", "i8", "72", "-9223372036854775681", "SET", "i8", "80", "-9223372036854775680",
                             "OVERFLOW", "WRAP", "SET", "i8", "88", "-9223372036854775808",
                             "GET", "i8", "64", "GET", "i8", "72", "GET", "i8", "80", "GET", "i8", "88"),
                       ints(0, 0, 0, 0, 127, 127, -128, 0))
        XCTAssertEqual(h.run("BITFIELD", "c", "OVERFLOW", "FAIL", "SET", "i8", "0", "200", "SET", "u8", "0", "-1",
                             "SET", "i8", "0", "-128", "INCRBY", "i8", "0", "-1", "GET", "i8", "0"),
                       ints(nil, nil, -64, nil, -128))
        h.run("DEL", "c")
        XCTAssertEqual(h.run("BITFIELD", "d", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "9223372036854775807",
                             "INCRBY", "i64", "0", "9223372036854775807", "OVERFLOW", "WRAP",
                             "INCRBY", "i64", "64", "9223372036854775807", "INCRBY", "i64", "64", "9223372036854775807",
                             "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "1"),
                       ints(9223372036854775807, 9223372036854775807, 9223372036854775807, -2, nil))
        XCTAssertEqual(h.run("BITFIELD", "e", "OVERFLOW", "WRAP", "INCRBY", "u63", "0", "-1",
                             "INCRBY", "u63", "0", "9223372036854775807"),
                       ints(9223372036854775807, 9223372036854775806))
    }

    func testBitfieldErrorsAndReadOnlyVariant() {
        let h = EngineHarness()
        let badType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."
        for type in ["u64", "i65", "x8", "u0"] {
            XCTAssertEqual(h.run("BITFIELD", "b", "GET", type, "0"), .error(badType), type)
        }
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "-1"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "#-1"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "#536870912"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "4294967296"), .error("ERR bit offset is not an integer or out of range"))
        XCTAssertEqual(h.run("BITFIELD", "b", "SET", "i8", "0", "a"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("BITFIELD", "b", "OVERFLOW", "foo", "GET", "i8", "0"), .error("ERR Invalid OVERFLOW type specified"))
        XCTAssertEqual(h.run("BITFIELD", "b", "OVERFLOW"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITFIELD", "b", "GET", "i8", "0", "SET"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("BITFIELD_RO", "b", "GET", "i8", "0", "SET", "i8", "0", "1"),
                       .error("ERR BITFIELD_RO only supports the GET subcommand"))
        XCTAssertEqual(h.run("BITFIELD_RO", "b", "SET", "x8", "0", "1"), .error(badType))
        XCTAssertNil(h.peek("b"))
        setBytes(h, "c", [0x7F])
        XCTAssertEqual(h.run("BITFIELD_RO", "c", "GET", "i8", "0"), ints(127))
        XCTAssertEqual(h.run("BITFIELD_RO", "nokey", "GET", "u8", "0"), ints(0))
    }

    func testLcsReturnsSubsequenceLengthOrMatches() {
        let h = EngineHarness()
        h.run("MSET", "key1", "ohmytext", "key2", "mynewtext")
        func range(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64, _ len: Int64? = nil) -> RESPValue {
            .array([ .array([.integer(a), .integer(b)]), .array([.integer(c), .integer(d)]) ] + (len.map { [.integer($0)] } ?? []))
        }
        XCTAssertEqual(h.run("LCS", "key1", "key2"), .bulk("mytext"))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "LEN"), .integer(6))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "IDX"),
                       .array([.bulk("matches"), .array([range(4, 7, 5, 8), range(2, 3, 0, 1)]), .bulk("len"), .integer(6)]))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"),
                       .array([.bulk("matches"), .array([range(4, 7, 5, 8, 4)]), .bulk("len"), .integer(6)]))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "LEN", "IDX"),
                       .error("ERR If you want both the length and indexes, please just use IDX."))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "MINMATCHLEN"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("LCS", "key1", "key2", "MINMATCHLEN", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("LCS", "key1", "nokey"), .bulk(""))
        XCTAssertEqual(h.run("LCS", "key1", "nokey", "IDX"), .array([.bulk("matches"), .array([]), .bulk("len"), .integer(0)]))
        h.run("MSET", "a", "abcabc", "b", "cbacba")
        XCTAssertEqual(h.run("LCS", "a", "b"), .bulk("cbc"))
        XCTAssertEqual(h.run("LCS", "a", "b", "IDX"),
                       .array([.bulk("matches"), .array([range(5, 5, 3, 3), range(4, 4, 1, 1), range(2, 2, 0, 0)]),
                               .bulk("len"), .integer(3)]))
    }

    func testLcsRefusesTablesLargerThanProtoMaxBulkLen() {
        let h = EngineHarness()
        h.run("SET", "la", String(repeating: "a", count: 12_000))
        h.run("SET", "lb", String(repeating: "b", count: 12_000))
        XCTAssertEqual(h.run("LCS", "la", "lb"),
                       .error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"))
    }
}
