/// A reply that is not valid RESP, with the offset (from the start of the value being parsed)
/// of the byte that gave it away.
public struct RESPValueParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The first byte of a value is not a RESP2/RESP3 type marker.
        case unknownType(UInt8)
        /// An integer or length is not a canonical decimal (see `DecimalInteger`).
        case invalidInteger
        /// A negative length other than the `-1` that `$` and `*` allow for null.
        case invalidLength
        /// A line's CR, or a bulk body, is not followed by CRLF; or `_` carries data.
        case missingCRLF
        /// A `,` double that does not parse.
        case invalidDouble
        /// A `#` boolean other than `t` or `f`.
        case invalidBoolean
        /// A `=` verbatim string without its `xxx:` format prefix.
        case invalidVerbatim
        /// Aggregates nested deeper than the parser's `maxDepth`.
        case tooDeep(maxDepth: Int)
    }

    public var reason: Reason
    public var offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "invalid RESP at byte \(offset): \(reason)" }
}
