import RESP
@testable import StrataCore

extension RESPValue {
    static func int(_ n: Int64) -> RESPValue { .integer(n) }
}

extension EngineHarness {
    /// The elements of the list under `key` (LRANGE 0 -1).
    func listElements(_ key: String) -> RESPValue? { run("LRANGE", key, "0", "-1") }
}
