import RESP
@testable import StrataCore
import XCTest

/// SET/GET and friends, MGET/MSET, APPEND/STRLEN, ranges, INCR family. Expected replies were checked against
/// redis-server 7.0.15.
final class StringCommandTests: XCTestCase {
    func testSetRejectsConflictingOptionsAndBadExpiries() {
        let h = EngineHarness()
        for args in [["NX", "XX"], ["EX", "10", "PX", "10"], ["KEEPTTL", "EX", "10"], ["EX"], ["PERSIST"], ["FOO"]] {
            XCTAssertEqual(h.run(["SET", "k", "v"].map { Bytes($0) } + args.map { Bytes($0) }), .error("ERR syntax error"), "\(args)")
        }
        XCTAssertEqual(h.run("SET", "k", "v", "EX", "0"), .error("ERR invalid expire time in 'set' command"))
        XCTAssertEqual(h.run("SET", "k", "v", "EX", "-1"), .error("ERR invalid expire time in 'set' command"))
        XCTAssertEqual(h.run("SET", "k", "v", "EX", "9223372036854775"), .error("ERR invalid expire time in 'set' command"))
        XCTAssertEqual(h.run("SET", "k", "v", "PX", "9223372036854775807"), .error("ERR invalid expire time in 'set' command"))
        XCTAssertEqual(h.run("SET", "k", "v", "EX", "abc"), .error("ERR value is not an integer or out of range"))
        XCTAssertNil(h.peek("k"))
        XCTAssertEqual(h.run("SET", "k", "v", "PXAT", "9223372036854775807"), .ok)
        XCTAssertEqual(h.run("SET", "k", "v", "ex", "10", "ex", "20", "nx", "nx"), .nilBulk)
        XCTAssertEqual(h.run("SET", "k", "v", "GET", "GET"), .bulk("v"))
    }

    func testSetConditionsAndGetOption() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SET", "k", "v", "XX"), .nilBulk)
        XCTAssertEqual(h.run("SET", "k", "v", "NX"), .ok)
        XCTAssertEqual(h.run("SET", "k", "w", "NX"), .nilBulk)
        XCTAssertEqual(h.run("SET", "k", "w", "GET", "NX"), .bulk("v"))
        XCTAssertEqual(h.run("GET", "k"), .bulk("v"))
        XCTAssertEqual(h.run("SET", "k", "w", "GET", "XX"), .bulk("v"))
        XCTAssertEqual(h.run("GET", "k"), .bulk("w"))
        XCTAssertEqual(h.run("SET", "k2", "x", "NX", "GET"), .nilBulk)
        XCTAssertEqual(h.run("GET", "k2"), .bulk("x"))
        XCTAssertEqual(h.run("GET", "missing"), .nilBulk)
        XCTAssertEqual(h.run("GET"), .error("ERR wrong number of arguments for 'get' command"))
    }

    func testSetExpiryOptionsAndKeepTTL() {
        let h = EngineHarness()
        let before = Engine.clockMillis()
        XCTAssertEqual(h.run("SET", "k", "v", "EX", "100"), .ok)
        let at = h.peek("k")?.expireAt ?? 0
        XCTAssertTrue(at >= before + 100_000 && at <= Engine.clockMillis() + 100_000)
        XCTAssertEqual(h.run("SET", "k", "w", "KEEPTTL"), .ok)
        XCTAssertEqual(h.peek("k")?.expireAt, at)
        XCTAssertEqual(h.run("SET", "k", "w"), .ok)
        XCTAssertEqual(h.peek("k")?.expireAt, Entry.noExpiry)
        XCTAssertEqual(h.run("SET", "k", "v", "PXAT", "99999999999999"), .ok)
        XCTAssertEqual(h.peek("k")?.expireAt, 99_999_999_999_999)
        XCTAssertEqual(h.run("SET", "k", "v", "EXAT", "1"), .ok)
        XCTAssertEqual(h.run("GET", "k"), .nilBulk)
    }

    func testSetKeepsRedisEncodings() {
        let h = EngineHarness()
        h.run("SET", "i", "123")
        XCTAssertEqual(h.peek("i")?.value.encodingName, "int")
        h.run("SET", "s", "12345678901234567890123")
        XCTAssertEqual(h.peek("s")?.value.encodingName, "embstr")
        h.run("SET", "z", "012")
        XCTAssertEqual(h.peek("z")?.value.encodingName, "embstr")
        h.run("SET", "long", String(repeating: "x", count: 45))
        XCTAssertEqual(h.peek("long")?.value.encodingName, "raw")
    }

    func testSetexAndPsetexValidateTheirTTL() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SETEX", "k", "0", "v"), .error("ERR invalid expire time in 'setex' command"))
        XCTAssertEqual(h.run("SETEX", "k", "-5", "v"), .error("ERR invalid expire time in 'setex' command"))
        XCTAssertEqual(h.run("SETEX", "k", "x", "v"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("PSETEX", "k", "0", "v"), .error("ERR invalid expire time in 'psetex' command"))
        XCTAssertEqual(h.run("SETEX", "k", "100", "v"), .ok)
        XCTAssertGreaterThan(h.peek("k")?.expireAt ?? 0, Engine.clockMillis() + 99_000)
        XCTAssertEqual(h.run("PSETEX", "k", "100000", "w"), .ok)
        XCTAssertEqual(h.run("GET", "k"), .bulk("w"))
    }

    func testSetnxGetsetAndGetdel() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SETNX", "k", "v"), .integer(1))
        XCTAssertEqual(h.run("SETNX", "k", "w"), .integer(0))
        h.run("SET", "k", "v", "EX", "100")
        XCTAssertEqual(h.run("GETSET", "k", "w"), .bulk("v"))
        XCTAssertEqual(h.peek("k")?.expireAt, Entry.noExpiry)
        XCTAssertEqual(h.run("GETSET", "new", "x"), .nilBulk)
        XCTAssertEqual(h.run("GET", "new"), .bulk("x"))
        XCTAssertEqual(h.run("GETDEL", "k"), .bulk("w"))
        XCTAssertEqual(h.run("GET", "k"), .nilBulk)
        XCTAssertEqual(h.run("GETDEL", "k"), .nilBulk)
    }

    func testGetexChangesPersistsOrExpiresTheKey() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("GETEX", "nokey", "EX", "0"), .nilBulk)
        h.run("SET", "k", "v")
        XCTAssertEqual(h.run("GETEX", "k", "EX", "0"), .error("ERR invalid expire time in 'getex' command"))
        XCTAssertEqual(h.run("GETEX", "k", "PERSIST", "EX", "10"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GETEX", "k", "EX", "10", "PERSIST"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GETEX", "k", "KEEPTTL"), .error("ERR syntax error"))
        XCTAssertEqual(h.run("GETEX", "k", "EX", "100"), .bulk("v"))
        XCTAssertGreaterThan(h.peek("k")?.expireAt ?? 0, Engine.clockMillis() + 99_000)
        XCTAssertEqual(h.run("GETEX", "k", "PERSIST"), .bulk("v"))
        XCTAssertEqual(h.peek("k")?.expireAt, Entry.noExpiry)
        XCTAssertEqual(h.run("GETEX", "k"), .bulk("v"))
        XCTAssertEqual(h.run("GETEX", "k", "PXAT", "1"), .bulk("v"))
        XCTAssertNil(h.peek("k"))
    }

    func testMgetMsetAndMsetnx() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("MSET", "a", "1", "b"), .error("ERR wrong number of arguments for 'mset' command"))
        XCTAssertEqual(h.run("MSET", "a", "1", "b", "2"), .ok)
        XCTAssertEqual(h.run("MGET", "a", "nokey", "b"), .array([.bulk("1"), .nilBulk, .bulk("2")]))
        XCTAssertEqual(h.run("MSETNX", "a", "1", "c", "3"), .integer(0))
        XCTAssertNil(h.peek("c"))
        XCTAssertEqual(h.run("MSETNX", "c", "3", "d", "4"), .integer(1))
        XCTAssertEqual(h.run("MSETNX", "c", "3", "d"), .error("ERR wrong number of arguments for 'msetnx' command"))
        XCTAssertEqual(h.run("MGET", "c", "d"), .array([.bulk("3"), .bulk("4")]))
    }

    func testAppendAndStrlen() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("APPEND", "k", "12"), .integer(2))
        XCTAssertEqual(h.peek("k")?.value.encodingName, "int")
        XCTAssertEqual(h.run("APPEND", "k", ""), .integer(2))
        XCTAssertEqual(h.peek("k")?.value.encodingName, "raw")
        XCTAssertEqual(h.run("APPEND", "k", "ab"), .integer(4))
        XCTAssertEqual(h.run("GET", "k"), .bulk("12ab"))
        XCTAssertEqual(h.run("STRLEN", "k"), .integer(4))
        XCTAssertEqual(h.run("STRLEN", "nokey"), .integer(0))
        h.run("SET", "n", "-12345")
        XCTAssertEqual(h.run("STRLEN", "n"), .integer(6))
    }

    func testIncrementsAndTheirErrors() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("INCR", "n"), .integer(1))
        XCTAssertEqual(h.run("INCRBY", "n", "10"), .integer(11))
        XCTAssertEqual(h.run("DECR", "n"), .integer(10))
        XCTAssertEqual(h.run("DECRBY", "n", "-5"), .integer(15))
        XCTAssertEqual(h.peek("n")?.value.encodingName, "int")
        XCTAssertEqual(h.run("INCRBY", "n", "abc"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("DECRBY", "x", "-9223372036854775808"), .error("ERR decrement would overflow"))
        h.run("SET", "n", "9223372036854775807")
        XCTAssertEqual(h.run("INCR", "n"), .error("ERR increment or decrement would overflow"))
        h.run("SET", "n", "-9223372036854775808")
        XCTAssertEqual(h.run("DECR", "n"), .error("ERR increment or decrement would overflow"))
        for bad in ["abc", " 12", "012", ""] {
            h.run("SET", "s", bad)
            XCTAssertEqual(h.run("INCR", "s"), .error("ERR value is not an integer or out of range"), bad)
        }
        h.run("SET", "t", "5", "EX", "100")
        XCTAssertEqual(h.run("INCR", "t"), .integer(6))
        XCTAssertNotEqual(h.peek("t")?.expireAt, Entry.noExpiry)
    }

    func testIncrbyfloatUsesLongDoubleAndRedisFormatting() {
        let h = EngineHarness()
        h.run("SET", "f", "10.5")
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "0.1"), .bulk("10.6"))
        XCTAssertEqual(h.peek("f")?.value.encodingName, "embstr")
        h.run("SET", "f", "3")
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "0"), .bulk("3"))
        XCTAssertEqual(h.peek("f")?.value.encodingName, "embstr")
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "1.0e3"), .bulk("1003"))
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "-1003"), .bulk("0"))
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "5.0e-20"), .bulk("0"))
        h.run("SET", "f", "0x10")
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "1"), .bulk("17"))
        XCTAssertEqual(h.run("INCRBYFLOAT", "pi", "3.14159265358979323846264"), .bulk("3.14159265358979324"))
        XCTAssertEqual(h.run("INCRBYFLOAT", "pi", "1e17"), .bulk("100000000000000003.140625"))
        XCTAssertEqual(h.run("INCRBYFLOAT", "f", "inf"), .error("ERR increment would produce NaN or Infinity"))
        for bad in ["abc", " 1", "1 ", "", "nan", "1e-5000"] {
            XCTAssertEqual(h.run("INCRBYFLOAT", "f", bad), .error("ERR value is not a valid float"), bad)
        }
        h.run("SET", "e", "")
        XCTAssertEqual(h.run("INCRBYFLOAT", "e", "1"), .error("ERR value is not a valid float"))
    }

    func testGetrangeIndexRules() {
        let h = EngineHarness()
        h.run("SET", "s", "Hello World")
        XCTAssertEqual(h.run("GETRANGE", "s", "0", "-1"), .bulk("Hello World"))
        XCTAssertEqual(h.run("GETRANGE", "s", "-3", "-1"), .bulk("rld"))
        XCTAssertEqual(h.run("GETRANGE", "s", "-1", "-3"), .bulk(""))
        XCTAssertEqual(h.run("GETRANGE", "s", "5", "2"), .bulk(""))
        XCTAssertEqual(h.run("GETRANGE", "s", "100", "200"), .bulk(""))
        XCTAssertEqual(h.run("GETRANGE", "s", "-100", "2"), .bulk("Hel"))
        XCTAssertEqual(h.run("GETRANGE", "s", "0", "9223372036854775807"), .bulk("Hello World"))
        XCTAssertEqual(h.run("SUBSTR", "s", "0", "4"), .bulk("Hello"))
        XCTAssertEqual(h.run("GETRANGE", "s", "a", "2"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("GETRANGE", "nokey", "0", "-1"), .bulk(""))
        h.run("SET", "i", "12345")
        XCTAssertEqual(h.run("GETRANGE", "i", "1", "2"), .bulk("23"))
    }

    func testSetrangePadsOverwritesAndEnforcesTheSizeLimit() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("SETRANGE", "k", "-1", "x"), .error("ERR offset is out of range"))
        XCTAssertEqual(h.run("SETRANGE", "k", "a", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(h.run("SETRANGE", "k", "5", ""), .integer(0))
        XCTAssertNil(h.peek("k"))
        XCTAssertEqual(h.run("SETRANGE", "k", "536870912", "x"),
                       .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"))
        XCTAssertEqual(h.run("SETRANGE", "k", "3", "ab"), .integer(5))
        XCTAssertEqual(h.run(["GET", "k"].map { Bytes($0) }), .bulkString([0, 0, 0, 97, 98]))
        XCTAssertEqual(h.peek("k")?.value.encodingName, "raw")
        h.run("SET", "s", "Hello World", "EX", "100")
        XCTAssertEqual(h.run("SETRANGE", "s", "6", "Redis"), .integer(11))
        XCTAssertEqual(h.run("GET", "s"), .bulk("Hello Redis"))
        XCTAssertNotEqual(h.peek("s")?.expireAt, Entry.noExpiry)
        h.run("SET", "i", "123")
        XCTAssertEqual(h.run("SETRANGE", "i", "0", ""), .integer(3))
        XCTAssertEqual(h.peek("i")?.value.encodingName, "int")
        XCTAssertEqual(h.run("SETRANGE", "i", "1", "9"), .integer(3))
        XCTAssertEqual(h.run("GET", "i"), .bulk("193"))
    }

    func testCommandSpecsMatchRedis() {
        let h = EngineHarness()
        let set = h.engine.commands.lookup(Bytes("set"))
        XCTAssertEqual(set?.arity, -3)
        XCTAssertEqual(set?.flags, [.write, .denyOOM])
        let mset = h.engine.commands.lookup(Bytes("MSET"))
        XCTAssertEqual(mset.map { [$0.keys.first, $0.keys.last, $0.keys.step] }, [1, -1, 2])
        XCTAssertEqual(h.engine.commands.lookup(Bytes("bitop"))?.keys.first, 2)
        XCTAssertEqual(h.engine.commands.lookup(Bytes("getbit"))?.group, "bitmap")
        XCTAssertEqual(h.engine.commands.lookup(Bytes("bitfield_ro"))?.flags, [.readonly, .fast])
    }
}
