import NIOCore
import RESP

/// One command invocation as handlers see it: the engine, the calling client, the arguments (name first) and
/// the clock reading taken when the command started (all expiry decisions within one command use it).
public struct Call {
    // unowned(unsafe): a Call never outlives the engine that created it, and safe unowned references cost a
    // side-table round trip per use because the engine is also weakly referenced.
    public unowned(unsafe) let engine: Engine
    public let client: ClientSession
    public let args: [Bytes]
    public let command: CommandSpec
    /// Unix time in milliseconds at command start.
    public let now: Int64

    @inline(__always) public var db: Database { engine.databases[client.db] }
    @inline(__always) public var proto: RESPVersion { client.proto }
    @inline(__always) public var argc: Int { args.count }

    /// Parses argument `i` as a Redis integer, or writes Redis's error and returns nil.
    public func integer(_ i: Int, _ out: inout ByteBuffer, error: String = ReplyError.notInteger) -> Int64? {
        if let n = IntegerText.parse(args[i]) { return n }
        out.writeErrorReply(error)
        return nil
    }

    /// True when argument `i` equals `option` ignoring case.
    @inline(__always) public func arg(_ i: Int, is option: StaticString) -> Bool {
        args[i].equalsIgnoringCase(option)
    }

    /// The "ERR wrong number of arguments" reply for this command.
    public func wrongArity(_ out: inout ByteBuffer) {
        out.writeErrorReply(ReplyError.wrongArity(command.name))
    }
}

/// Error texts clients match on, exactly as Redis 7.0 words them.
public enum ReplyError {
    public static let wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"
    public static let syntax = "ERR syntax error"
    public static let notInteger = "ERR value is not an integer or out of range"
    public static let notFloat = "ERR value is not a valid float"
    public static let noSuchKey = "ERR no such key"
    public static let dbIndexOutOfRange = "ERR DB index is out of range"
    public static let overflow = "ERR increment or decrement would overflow"
    public static let noAuth = "NOAUTH Authentication required."
    public static let oom = "OOM command not allowed when used memory > 'maxmemory'."
    public static let invalidPassword = "WRONGPASS invalid username-password pair or user is disabled."

    public static func wrongArity(_ name: String) -> String {
        "ERR wrong number of arguments for '\(name)' command"
    }

    public static func unknownSubcommand(_ sub: Bytes, _ parent: String) -> String {
        "ERR unknown subcommand '\(sub.text.prefix(128))'. Try \(parent.uppercased()) HELP."
    }

    public static func unknownCommand(_ args: [Bytes]) -> String {
        var s = "ERR unknown command '\(args[0].text.prefix(128))', with args beginning with: "
        for a in args.dropFirst().prefix(127) { s += "'\(a.text.prefix(128))' " }
        return s
    }
}
