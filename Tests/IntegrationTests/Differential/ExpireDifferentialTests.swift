import XCTest

/// EXPIRE family with NX/XX/GT/LT, TTL/PTTL, EXPIRETIME/PEXPIRETIME and PERSIST, compared
/// with Redis. Remaining times are compared within a tolerance; absolute deadlines use a
/// fixed future timestamp so they compare exactly.
final class ExpireDifferentialTests: XCTestCase {
    /// 2100-01-01T00:00:00Z, far enough ahead that no key expires during a test.
    static let future = "4102444800"

    func testRelativeExpiry() {
        assertSameReplies([
            DifferentialCase("expire and ttl", [
                ["SET", "k", "v"], ["TTL", "k"], ["PTTL", "k"], ["TTL", "missing"], ["PTTL", "missing"],
                ["EXPIRE", "k", "100"], .approximately(1, "TTL", "k"), .approximately(1000, "PTTL", "k"),
                ["PEXPIRE", "k", "200000"], .approximately(1, "TTL", "k"), ["EXPIRE", "missing", "10"],
                ["EXPIRE", "k", "x"], ["EXPIRE", "k"], ["EXPIRE", "k", "10", "BOGUS"],
                ["EXPIRE", "k", "9223372036854775807"], ["PEXPIRE", "k", "9223372036854775807"],
                ["EXPIRE", "k", "-1"], ["EXISTS", "k"], ["SET", "z", "v"], ["PEXPIRE", "z", "0"], ["GET", "z"],
            ]),
            DifferentialCase("expire options", [
                ["SET", "k", "v"], ["EXPIRE", "k", "100", "XX"], ["EXPIRE", "k", "100", "GT"],
                ["EXPIRE", "k", "100", "LT"], .approximately(1, "TTL", "k"), ["EXPIRE", "k", "200", "NX"],
                ["EXPIRE", "k", "50", "GT"], ["EXPIRE", "k", "200", "GT"], ["EXPIRE", "k", "300", "LT"],
                ["EXPIRE", "k", "150", "LT"], ["EXPIRE", "k", "120", "XX"], .approximately(1, "TTL", "k"),
                ["EXPIRE", "k", "10", "NX", "XX"], ["EXPIRE", "k", "10", "GT", "LT"], ["EXPIRE", "k", "10", "NX", "GT"],
                ["PEXPIRE", "k", "1000000", "XX", "GT"], .approximately(1, "TTL", "k"),
                ["EXPIRE", "k", "10", "nx"], ["EXPIRE", "missing", "10", "NX"],
            ]),
            DifferentialCase("persist", [
                ["SET", "k", "v", "EX", "100"], ["PERSIST", "k"], ["TTL", "k"], ["PERSIST", "k"],
                ["PERSIST", "missing"], ["PERSIST"], ["PERSIST", "a", "b"],
            ]),
        ])
    }

    func testAbsoluteExpiry() {
        assertSameReplies([
            DifferentialCase("expireat and expiretime", [
                ["SET", "k", "v"], ["EXPIRETIME", "k"], ["PEXPIRETIME", "k"], ["EXPIRETIME", "missing"],
                ["EXPIREAT", "k", Self.future], ["EXPIRETIME", "k"], ["PEXPIRETIME", "k"],
                ["PEXPIREAT", "k", Self.future + "123"], ["PEXPIRETIME", "k"], ["EXPIRETIME", "k"],
                ["EXPIREAT", "k", Self.future, "NX"], ["EXPIREAT", "k", "4102444801", "GT"], ["EXPIRETIME", "k"],
                ["PEXPIREAT", "k", "1", "LT"], ["EXISTS", "k"], ["SET", "p", "v"], ["EXPIREAT", "p", "1"],
                ["GET", "p"], ["EXPIREAT", "p", "x"], ["PEXPIREAT", "p"], ["EXPIRETIME"],
            ]),
        ])
    }
}
