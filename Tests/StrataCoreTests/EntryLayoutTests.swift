@testable import StrataCore
import XCTest

/// The keyspace stores an `Entry` per key inline in trie nodes; its size is per-key memory, so every value type
/// must stay one reference wide.
final class EntryLayoutTests: XCTestCase {
    func testEntryStaysTwentyFourBytes() {
        XCTAssertEqual(MemoryLayout<Entry>.size, 24)
    }
}
