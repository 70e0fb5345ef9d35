import Foundation
import XCTest

/// The stock `redis-cli` works against Strata exactly as against Redis.
final class RedisCliTests: XCTestCase {
    func testRedisCliRoundTrip() throws {
        var outputs: [String: [String]] = [:]
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary)
            outputs[binary.name] = try [["ping"], ["set", "a", "b"], ["--no-raw", "get", "a"], ["--no-raw", "incr", "a"]]
                .map { try Self.redisCli(["-p", String(server.port)] + $0) }
        }
        XCTAssertEqual(outputs["redis-server"], ["PONG\n", "OK\n", "\"b\"\n",
                                                 "(error) ERR value is not an integer or out of range\n"])
        XCTAssertEqual(outputs["strata-server"], outputs["redis-server"])
    }

    /// Runs redis-cli and returns what it printed on standard output.
    static func redisCli(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/redis-cli") else {
            throw HarnessError.missingBinary(path: "/usr/bin/redis-cli", hint: "install it with `apt-get install redis-tools`")
        }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
