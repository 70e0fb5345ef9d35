import RESP
@testable import StrataCore
import XCTest

final class KeyspaceNotificationTests: XCTestCase {
    /// A harness with `events` enabled and a second client subscribed to every keyspace and keyevent channel.
    private func listening(_ events: String, settings: [(String, String)] = []) -> (EngineHarness, ClientSession) {
        let h = EngineHarness([("notify-keyspace-events", events)] + settings)
        let listener = h.makeClient()
        _ = h.replies("PSUBSCRIBE", "__key*__:*", as: listener)
        return (h, listener)
    }

    /// The (channel, payload) pairs delivered to `client`.
    private func events(_ h: EngineHarness, _ client: ClientSession) -> [String] {
        h.take(client).map { message in
            guard case .array(let parts?) = message, parts.count == 4,
                  case .bulkString(let channel?) = parts[2], case .bulkString(let payload?) = parts[3] else {
                return "?"
            }
            return String(decoding: channel, as: UTF8.self) + " " + String(decoding: payload, as: UTF8.self)
        }
    }

    func testSetPublishesOnKeyspaceAndKeyeventChannels() {
        let (h, listener) = listening("KE$g")
        _ = h.run("SET", "k", "v", "EX", "100")
        XCTAssertEqual(events(h, listener), [
            "__keyspace@0__:k set", "__keyevent@0__:set k",
            "__keyspace@0__:k expire", "__keyevent@0__:expire k",
        ])
    }

    func testOnlyEnabledClassesArePublished() {
        let (h, listener) = listening("Eg")
        _ = h.run("SET", "k", "v")
        _ = h.run("DEL", "k")
        XCTAssertEqual(events(h, listener), ["__keyevent@0__:del k"])
        _ = h.run("CONFIG", "SET", "notify-keyspace-events", "")
        _ = h.run("SET", "k", "v")
        _ = h.run("DEL", "k")
        XCTAssertEqual(events(h, listener), [])
    }

    func testGenericCommandEvents() {
        let (h, listener) = listening("Eg")
        _ = h.run("SET", "a", "1")
        _ = h.run("EXPIRE", "a", "100")
        _ = h.run("PERSIST", "a")
        _ = h.run("RENAME", "a", "b")
        _ = h.run("COPY", "b", "c", "DB", "2")
        _ = h.run("MOVE", "b", "1")
        _ = h.run("EXPIRE", "c", "0")
        _ = h.run("SET", "d", "1")
        _ = h.run("UNLINK", "d", "missing")
        XCTAssertEqual(events(h, listener), [
            "__keyevent@0__:expire a", "__keyevent@0__:persist a",
            "__keyevent@0__:rename_from a", "__keyevent@0__:rename_to b",
            "__keyevent@2__:copy_to c",
            "__keyevent@0__:move_from b", "__keyevent@1__:move_to b",
            "__keyevent@0__:del d",
        ])
    }

    func testStringCommandEvents() {
        let (h, listener) = listening("E$")
        _ = h.run("INCR", "n")
        _ = h.run("INCRBYFLOAT", "n", "1.5")
        _ = h.run("APPEND", "n", "0")
        _ = h.run("SETRANGE", "n", "0", "9")
        _ = h.run("MSET", "a", "1", "b", "2")
        _ = h.run("SETBIT", "bits", "1", "1")
        _ = h.run("SETBIT", "bits", "1", "1")  // no change, no event
        _ = h.run("BITOP", "NOT", "dest", "bits")
        XCTAssertEqual(events(h, listener), [
            "__keyevent@0__:incrby n", "__keyevent@0__:incrbyfloat n", "__keyevent@0__:append n",
            "__keyevent@0__:setrange n", "__keyevent@0__:set a", "__keyevent@0__:set b",
            "__keyevent@0__:setbit bits", "__keyevent@0__:set dest",
        ])
    }

    func testLazyExpiryNewKeysAndMisses() {
        let (h, listener) = listening("Exnm", settings: [("enable-debug-command", "yes")])
        _ = h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        _ = h.run("SET", "k", "v", "PXAT", String(Engine.clockMillis() - 1))
        _ = h.run("GET", "k")
        XCTAssertEqual(events(h, listener), [
            "__keyevent@0__:new k", "__keyevent@0__:expired k", "__keyevent@0__:keymiss k",
        ])
        _ = h.run("SET", "k", "v")
        _ = h.run("SET", "k", "w")
        _ = h.run("OBJECT", "ENCODING", "nothing")
        XCTAssertEqual(events(h, listener), ["__keyevent@0__:new k"])
    }

    func testActiveExpiryPublishesExpired() {
        let (h, listener) = listening("Ex")
        _ = h.run("SET", "k", "v", "PXAT", String(Engine.clockMillis() - 1))
        h.engine.activeExpireCycle(now: Engine.clockMillis(), budgetMicros: 100_000)
        XCTAssertEqual(events(h, listener), ["__keyevent@0__:expired k"])
    }

    func testEvictionPublishesEvicted() {
        let (h, listener) = listening("Ee", settings: [("maxmemory-policy", "allkeys-random")])
        _ = h.run("SET", "k", "v")
        _ = h.run("CONFIG", "SET", "maxmemory", "1")
        XCTAssertEqual(events(h, listener), ["__keyevent@0__:evicted k"])
    }

    func testRESP3SubscriberSeesItsOwnEventsWhereRedisWritesThem() {
        let h = EngineHarness([("notify-keyspace-events", "Eg$")])
        _ = h.run("HELLO", "3")
        _ = h.replies("SUBSCRIBE", "__keyevent@0__:set", "__keyevent@0__:expire")
        let set = RESPValue.push([.bulk("message"), .bulk("__keyevent@0__:set"), .bulk("k")])
        let expire = RESPValue.push([.bulk("message"), .bulk("__keyevent@0__:expire"), .bulk("k")])
        XCTAssertEqual(h.replies("SET", "k", "v"), [set, .ok])
        XCTAssertEqual(h.replies("EXPIRE", "k", "100"), [.integer(1), expire])
        XCTAssertEqual(h.replies("GETSET", "k", "w"), [.bulk("v"), set])
        // Messages are not replies: CLIENT REPLY OFF silences only the reply.
        XCTAssertEqual(h.replies("CLIENT", "REPLY", "OFF"), [])
        XCTAssertEqual(h.replies("SET", "k", "v"), [set])
    }
}
