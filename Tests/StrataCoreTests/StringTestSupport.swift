@testable import StrataCore

extension EngineHarness {
    /// The raw entry under `key` in database 0, without lazy expiry or statistics.
    func peek(_ key: String) -> Entry? { engine.databases[0].peek(Bytes(key)) }
}
