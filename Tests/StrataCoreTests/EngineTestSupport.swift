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

    init(_ settings: [(String, String)] = []) {
        config = ConfigStore()
        // Loaded like command-line options, so immutable directives (enable-debug-command...) can be set too.
        if !settings.isEmpty { try! config.load(commandLine: CommandLineArguments(settings.flatMap { ["--" + $0.0, $0.1] })) }
        engine = Engine(config: config)
        client = EngineHarness.newClient(engine)
    }

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
}
