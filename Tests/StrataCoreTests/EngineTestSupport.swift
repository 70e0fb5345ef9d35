import NIOCore
import RESP
import StrataConfig
@testable import StrataCore
import XCTest

/// An engine with a client attached, driven command by command the way a connection would drive it.
final class EngineHarness {
    let config: ConfigStore
    let engine: Engine
    let client: ClientSession

    /// Replies that reached clients outside `run` (a blocked command finishing, pushes), per client id, in order.
    private(set) var delivered: [Int64: [RESPValue]] = [:]

    init(_ settings: [(String, String)] = []) {
        config = ConfigStore()
        // Loaded like command-line options, so immutable directives (enable-debug-command...) can be set too.
        // No save rules unless a test asks for them: FLUSHALL with save rules writes a dump into the working directory.
        let all = settings.contains { $0.0 == "save" } ? settings : [("save", "")] + settings
        try! config.load(commandLine: CommandLineArguments(all.flatMap { ["--" + $0.0, $0.1] }))
        engine = Engine(config: config)
        client = EngineHarness.newClient(engine)
        capture(client)
    }

    /// Another client of the same engine whose out-of-band replies are captured (see `take`).
    func makeClient() -> ClientSession {
        let c = EngineHarness.newClient(engine)
        capture(c)
        return c
    }

    private func capture(_ c: ClientSession) {
        let id = c.id
        let sink: (ByteBuffer) -> Void = { [unowned self] buffer in
            var buffer = buffer
            var parser = RESPValueParser()
            while let value = try! parser.parse(&buffer) { self.delivered[id, default: []].append(value) }
        }
        c.unblocked = sink
        c.deliver = sink
    }

    /// Removes and returns what was delivered to `client` outside `run` (default: the harness's own client).
    func take(_ client: ClientSession? = nil) -> [RESPValue] {
        let id = (client ?? self.client).id
        defer { delivered[id] = nil }
        return delivered[id] ?? []
    }

    /// True when the client is waiting in a blocking command.
    func isBlocked(_ client: ClientSession? = nil) -> Bool { (client ?? self.client).blocked != nil }

    static func newClient(_ engine: Engine) -> ClientSession {
        let c = ClientSession(id: engine.clients.allocateID(), peerAddress: "127.0.0.1:40000",
                              localAddress: "127.0.0.1:6379", isLocal: true,
                              authenticated: engine.settings.requirePass == nil, now: Engine.clockMillis())
        engine.clients.add(c)
        return c
    }

    /// Runs one command and returns its parsed reply (nil when the command replied nothing).
    @discardableResult
    func run(_ args: String..., as client: ClientSession? = nil) -> RESPValue? {
        run(args.map { Bytes($0) }, as: client)
    }

    @discardableResult
    func run(_ args: [String], as client: ClientSession? = nil) -> RESPValue? {
        run(args.map { Bytes($0) }, as: client)
    }

    @discardableResult
    func run(_ args: [Bytes], as client: ClientSession? = nil) -> RESPValue? {
        var out = ByteBuffer()
        _ = engine.execute(args, client: client ?? self.client, out: &out)
        var parser = RESPValueParser()
        let reply = try! parser.parse(&out)
        XCTAssertEqual(out.readableBytes, 0, "more than one reply for \(args.map(\.text))")
        return reply
    }
}

extension RESPValue {
    static func bulk(_ s: String) -> RESPValue { .bulkString(Array(s.utf8)) }
    static let nilBulk = RESPValue.bulkString(nil)
    static let ok = RESPValue.simpleString("OK")
    /// An array of bulk strings.
    static func bulks(_ items: String...) -> RESPValue { .array(items.map { .bulk($0) }) }
}
