import XCTest

/// SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO, compared with Redis.
final class BitsDifferentialTests: XCTestCase {
    func testSingleBitsAndCounts() {
        assertSameReplies([
            DifferentialCase("setbit and getbit", [
                ["SETBIT", "b", "7", "1"], ["SETBIT", "b", "7", "0"], ["SETBIT", "b", "100", "1"], ["GET", "b"],
                ["GETBIT", "b", "100"], ["GETBIT", "b", "10000"], ["GETBIT", "missing", "0"],
                ["SETBIT", "b", "0", "2"], ["SETBIT", "b", "-1", "1"], ["SETBIT", "b", "4294967296", "1"],
                ["GETBIT", "b", "-1"], ["GETBIT", "b", "x"], ["SETBIT", "b", "1"], ["STRLEN", "b"],
            ]),
            DifferentialCase("bitcount", [
                ["SET", "s", "foobar"], ["BITCOUNT", "s"], ["BITCOUNT", "s", "0", "0"], ["BITCOUNT", "s", "1", "1"],
                ["BITCOUNT", "s", "1", "-2"], ["BITCOUNT", "s", "5", "30", "BIT"], ["BITCOUNT", "s", "0", "-1", "BYTE"],
                ["BITCOUNT", "s", "-5", "-1", "BIT"], ["BITCOUNT", "s", "3", "1"], ["BITCOUNT", "missing"],
                ["BITCOUNT", "s", "0"], ["BITCOUNT", "s", "0", "1", "WORD"], ["BITCOUNT", "s", "x", "1"],
            ]),
            DifferentialCase("bitpos", [
                ["SET", "s", "\u{00FF}\u{00F0}\u{0000}"], ["BITPOS", "s", "0"], ["BITPOS", "s", "1"],
                ["SETBIT", "t", "0", "1"], ["SETBIT", "t", "17", "1"], ["BITPOS", "t", "1", "1"],
                ["BITPOS", "t", "1", "2", "-1"], ["BITPOS", "t", "0", "0", "-1"], ["BITPOS", "t", "1", "1", "20", "BIT"],
                ["BITPOS", "t", "0", "1", "7", "BIT"], ["SET", "f", "\u{007F}"], ["BITPOS", "f", "0", "0", "0"],
                ["BITPOS", "missing", "0"], ["BITPOS", "missing", "1"],
                ["BITPOS", "t", "2"], ["BITPOS", "t", "1", "x"], ["BITPOS", "t", "1", "0", "1", "WORD"], ["BITPOS", "t"],
            ]),
        ])
    }

    func testBitop() {
        assertSameReplies([
            DifferentialCase("bitop", [
                ["SET", "a", "abc"], ["SET", "b", "ab"], ["BITOP", "AND", "d", "a", "b"], ["GET", "d"],
                ["BITOP", "OR", "d", "a", "b"], ["GET", "d"], ["BITOP", "XOR", "d", "a", "b"], ["GET", "d"],
                ["BITOP", "NOT", "d", "a"], ["GET", "d"], ["BITOP", "NOT", "d", "a", "b"],
                ["BITOP", "AND", "d", "missing", "missing2"], ["EXISTS", "d"], ["BITOP", "and", "e", "a"],
                ["GET", "e"], ["BITOP", "NAND", "d", "a"], ["BITOP", "AND", "d"], ["BITOP"],
            ]),
        ])
    }

    func testBitfield() {
        assertSameReplies([
            DifferentialCase("bitfield get, set, incrby", [
                ["BITFIELD", "f", "SET", "i8", "0", "100", "GET", "i8", "0", "GET", "u4", "0"],
                ["BITFIELD", "f", "INCRBY", "u2", "100", "1", "GET", "u2", "100"], ["GET", "f"],
                ["BITFIELD", "f", "SET", "u8", "#1", "255", "GET", "u8", "8", "GET", "u8", "#1"],
                ["BITFIELD", "f", "SET", "i64", "0", "-1", "GET", "i64", "0", "GET", "u63", "0"],
                ["BITFIELD", "f"], ["BITFIELD", "missing", "GET", "u8", "0"],
            ]),
            DifferentialCase("bitfield overflow modes", [
                ["BITFIELD", "o", "SET", "u8", "0", "250", "INCRBY", "u8", "0", "10"],
                ["BITFIELD", "o", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "100", "INCRBY", "u8", "0", "-300"],
                ["BITFIELD", "o", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300", "GET", "u8", "0"],
                ["BITFIELD", "o", "OVERFLOW", "WRAP", "SET", "i8", "0", "200", "GET", "i8", "0"],
                ["BITFIELD", "o", "OVERFLOW", "SAT", "SET", "i8", "0", "-200", "GET", "i8", "0"],
                ["BITFIELD", "o", "OVERFLOW", "FAIL", "SET", "u4", "0", "16", "GET", "u4", "0"],
                ["BITFIELD", "o", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "1"],
                ["BITFIELD", "o", "OVERFLOW", "BOGUS", "GET", "u8", "0"],
            ]),
            DifferentialCase("bitfield errors and bitfield_ro", [
                ["BITFIELD", "f", "GET", "u64", "0"], ["BITFIELD", "f", "GET", "i65", "0"], ["BITFIELD", "f", "GET", "u0", "0"],
                ["BITFIELD", "f", "GET", "x8", "0"], ["BITFIELD", "f", "GET", "u8", "-1"], ["BITFIELD", "f", "GET", "u8"],
                ["BITFIELD", "f", "SET", "u8", "0", "x"], ["BITFIELD", "f", "BOGUS"], ["BITFIELD", "f", "GET", "u8", "4294967296"],
                ["SET", "r", "\u{0001}\u{0002}"], ["BITFIELD_RO", "r", "GET", "u8", "0", "GET", "u16", "0"],
                ["BITFIELD_RO", "r", "SET", "u8", "0", "1"], ["BITFIELD_RO", "r", "INCRBY", "u8", "0", "1"],
                ["BITFIELD_RO", "r"], ["BITFIELD_RO", "missing", "GET", "i8", "0"], ["BITFIELD_RO"],
            ]),
        ])
    }
}
