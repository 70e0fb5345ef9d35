import XCTest
@testable import StrataConfig

final class ConfigGetTests: XCTestCase {
    private func names(_ pattern: String) -> Set<String> {
        Set(ConfigStore().get(pattern: pattern).map(\.name))
    }

    func testExactNameIsReportedAsGivenAnyCase() {
        let result = ConfigStore().get(pattern: "MAXMEMORY")
        XCTAssertEqual(result.map(\.name), ["MAXMEMORY"])
        XCTAssertEqual(result.map(\.value), ["0"])
        XCTAssertTrue(ConfigStore().get(pattern: "no-such-thing").isEmpty)
    }

    /// Same sets as redis-server 7.0.15 answers.
    func testGlobsMatchNamesAndAliasesCaseInsensitively() {
        XCTAssertEqual(names("MAXMEM*"), ["maxmemory", "maxmemory-samples", "maxmemory-eviction-tenacity",
                                          "maxmemory-clients", "maxmemory-policy"])
        XCTAssertEqual(names("slave*"), ["slave-lazy-flush", "slaveof", "slave-priority", "slave-announce-port",
                                         "slave-read-only", "slave-ignore-maxmemory", "slave-serve-stale-data",
                                         "slave-announce-ip"])
        XCTAssertEqual(names("*max*entries*"), ["zset-max-listpack-entries", "hash-max-listpack-entries",
                                                "set-max-intset-entries", "zset-max-ziplist-entries",
                                                "hash-max-ziplist-entries", "stream-node-max-entries"])
        XCTAssertEqual(names("p?rt"), ["port"])
        XCTAssertEqual(names("[o-p]ort"), ["port"])
        XCTAssertEqual(names("[^a-o]ort"), ["port"])
        XCTAssertEqual(names("tls-p\\or?"), ["tls-port"])
    }

    func testHiddenParametersNeedTheirExactName() {
        XCTAssertEqual(names("use-exit*"), [])
        XCTAssertEqual(ConfigStore().get(pattern: "use-exit-on-panic").map(\.value), ["no"])
    }

    func testAliasesReportTheSharedValue() throws {
        let store = ConfigStore()
        try store.set([("hash-max-listpack-entries", "20")])
        XCTAssertEqual(store.get(pattern: "hash-max-ziplist-entries").map(\.value), ["20"])
    }
}
