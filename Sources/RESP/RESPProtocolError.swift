/// A malformed client request. Redis answers it with `-ERR <message>` and closes the connection
/// once the reply is written; the parser that threw must not be used again.
public struct RESPProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reply text after `-ERR `, exactly as Redis words it.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }

    /// `*<count>` is not a canonical integer, or exceeds the configured limit.
    public static let invalidMultibulkLength = RESPProtocolError(message: "Protocol error: invalid multibulk length")
    /// `$<length>` is not a canonical integer, is negative, or exceeds `proto-max-bulk-len`.
    public static let invalidBulkLength = RESPProtocolError(message: "Protocol error: invalid bulk length")
    /// An unauthenticated client announced more than 10 arguments.
    public static let unauthenticatedMultibulkLength = RESPProtocolError(
        message: "Protocol error: unauthenticated multibulk length")
    /// An unauthenticated client announced an argument longer than 16384 bytes.
    public static let unauthenticatedBulkLength = RESPProtocolError(message: "Protocol error: unauthenticated bulk length")
    /// No CR arrived within the line limit after a `*` header started.
    public static let tooBigMultibulkCount = RESPProtocolError(message: "Protocol error: too big mbulk count string")
    /// No CR arrived within the line limit after a `$` header started.
    public static let tooBigBulkCount = RESPProtocolError(message: "Protocol error: too big bulk count string")
    /// No LF arrived within the inline limit.
    public static let tooBigInlineRequest = RESPProtocolError(message: "Protocol error: too big inline request")
    /// An inline request left a quote open, or a closing quote was not followed by a space.
    public static let unbalancedQuotes = RESPProtocolError(message: "Protocol error: unbalanced quotes in request")

    /// Inside a multibulk request, a line that should be a `$` header starts with `byte` instead.
    public static func expectedDollar(got byte: UInt8) -> RESPProtocolError {
        RESPProtocolError(message: "Protocol error: expected '$', got '\(Character(Unicode.Scalar(byte)))'")
    }
}
