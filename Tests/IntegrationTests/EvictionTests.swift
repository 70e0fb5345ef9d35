import RESP
import XCTest

/// maxmemory enforcement: allkeys-lru keeps memory under the limit while sparing keys in
/// use; noeviction refuses writes with Redis's OOM error once full. Both servers must pass.
final class EvictionTests: XCTestCase {
    static let limit = 10 * 1024 * 1024
    /// Allowed overshoot of used_memory: eviction runs before each write, so memory can exceed
    /// the limit by what one pipelined batch holds in the query buffer (batch × value ≈ 0.5 MB)
    /// plus the last command's own allocation; 1 MB covers that with room to spare.
    static let slack = 1024 * 1024
    static let value = String(repeating: "v", count: 1000)
    static let hotKeys = (0..<20).map { "hot:\($0)" }
    /// Pause between write batches. Redis's LRU clock ticks once a second, so keys touched
    /// within the same second look equally recent; spreading the writes over ~3 s lets the
    /// cold keys age while the hot ones are read after every batch.
    static let batchPause: useconds_t = 50_000

    func testAllKeysLRUStaysUnderTheLimitAndKeepsHotKeys() throws {
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary, arguments: ["--maxmemory", "10mb", "--maxmemory-policy", "allkeys-lru",
                                                               "--maxmemory-samples", "10"])
            let client = try server.connect(timeout: 30)
            _ = try client.pipeline(Self.hotKeys.map { ["SET", $0, Self.value] })
            for batch in 0..<60 {
                _ = try client.pipeline((0..<500).map { ["SET", "cold:\(batch):\($0)", Self.value] })
                _ = try client.pipeline(Self.hotKeys.map { ["GET", $0] })
                usleep(Self.batchPause)
            }
            let memory = try client.send(["INFO", "memory"]).text ?? ""
            let stats = try client.send(["INFO", "stats"]).text ?? ""
            let used = try XCTUnwrap(Self.field("used_memory", in: memory), "\(binary.name): \(memory)")
            XCTAssertLessThanOrEqual(used, Self.limit + Self.slack, "\(binary.name) used_memory")
            XCTAssertGreaterThan(try XCTUnwrap(Self.field("evicted_keys", in: stats)), 0, "\(binary.name) evicted_keys")
            // LRU is approximate (sampled, one-second clock) in both servers: within the current second
            // a hot key looks as idle as a just-written cold one, so a few hot keys can go. Strata must keep
            // at least three quarters (against about a third of the cold keys); Redis, the reference, has
            // been seen keeping 13 of 20 on this machine, so it is held to half.
            guard case .integer(let hot) = try client.send(["EXISTS"] + Self.hotKeys) else { return XCTFail("EXISTS") }
            XCTAssertGreaterThanOrEqual(hot, binary == .strata ? 15 : 10, "\(binary.name) kept only \(hot) of 20 hot keys")
        }
    }

    func testNoEvictionRefusesWritesOnceFull() throws {
        var errors: [String: RESPValue] = [:]
        for binary in [ServerBinary.redis, .strata] {
            let server = try ServerProcess(binary, arguments: ["--maxmemory", "10mb", "--maxmemory-policy", "noeviction"])
            let client = try server.connect(timeout: 30)
            var refusal: RESPValue?
            for batch in 0..<60 where refusal == nil {
                let replies = try client.pipeline((0..<500).map { ["SET", "k:\(batch):\($0)", Self.value] })
                refusal = replies.first { if case .error = $0 { return true } else { return false } }
            }
            errors[binary.name] = try XCTUnwrap(refusal, "\(binary.name) accepted 30 MB under a 10 MB noeviction limit")
            XCTAssertEqual(try client.send(["GET", "k:0:0"]), .bulkString(Array(Self.value.utf8)), "reads still work")
        }
        XCTAssertEqual(errors["strata-server"], errors["redis-server"])
    }

    /// The integer value of `name:` in INFO text.
    static func field(_ name: String, in info: String) -> Int? {
        info.split(separator: "\r\n").first { $0.hasPrefix(name + ":") }
            .flatMap { Int($0.dropFirst(name.count + 1)) }
    }
}
