@testable import StrataCore
import XCTest

final class AdmissionTests: XCTestCase {
    func testProtectedModeRefusesRemoteClientsWithoutPassword() {
        let h = EngineHarness()
        XCTAssertNil(h.engine.admit(isLocal: true))
        XCTAssertEqual(h.engine.admit(isLocal: false)?.hasPrefix("DENIED Redis is running in protected mode"), true)
        XCTAssertEqual(h.engine.stats.rejectedConnections, 1)
        XCTAssertEqual(h.engine.stats.connectionsReceived, 2)
    }

    func testPasswordOrProtectedModeOffAdmitsRemoteClients() {
        XCTAssertNil(EngineHarness([("requirepass", "pw")]).engine.admit(isLocal: false))
        let open = EngineHarness()
        XCTAssertEqual(open.run("CONFIG", "SET", "protected-mode", "no"), .ok)
        XCTAssertNil(open.engine.admit(isLocal: false))
    }

    func testMaxclientsRefusesOneMoreClient() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("CONFIG", "SET", "maxclients", "1"), .ok)
        XCTAssertEqual(h.engine.admit(isLocal: true), "ERR max number of clients reached")
    }
}
