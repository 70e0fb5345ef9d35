import XCTest

/// SIGTERM: the server exits promptly with status 0 after logging "ready to exit".
final class ShutdownTests: XCTestCase {
    func testSigtermExitsCleanly() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary)
            _ = try server.connect().send(["SET", "k", "v"])
            let start = ContinuousClock.now
            let status = server.stop(grace: 5)
            XCTAssertEqual(status, 0, "\(binary.name) exit status")
            XCTAssertLessThan(ContinuousClock.now - start, .seconds(5), "\(binary.name) took too long")
            XCTAssertTrue(server.log.contains("ready to exit"), "\(binary.name) log:\n\(server.log)")
        }
    }
}
