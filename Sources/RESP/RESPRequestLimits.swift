/// Bounds the request parser enforces before trusting a client's length headers.
///
/// Mutable at runtime (`CONFIG SET proto-max-bulk-len`, a client authenticating); the parser
/// reads them afresh on every header.
public struct RESPRequestLimits: Equatable, Sendable {
    /// Largest accepted `$<length>` (Redis `proto-max-bulk-len`, default 512 MB).
    public var maxBulkLength: Int
    /// Largest accepted `*<count>`. Redis 7.0 accepts anything up to `INT_MAX`.
    public var maxMultibulkLength: Int
    /// Most bytes an inline request, or a `*`/`$` header line, may span before its terminator
    /// (Redis `PROTO_INLINE_MAX_SIZE`, one constant for both).
    public var maxInlineLength: Int
    /// True while the server requires a password the client has not yet given: Redis then refuses
    /// more than 10 arguments or arguments longer than 16384 bytes, so that an anonymous peer cannot
    /// make the server buffer much.
    public var authenticationPending: Bool

    public init(
        maxBulkLength: Int = 512 * 1024 * 1024,
        maxMultibulkLength: Int = Int(Int32.max),
        maxInlineLength: Int = 64 * 1024,
        authenticationPending: Bool = false
    ) {
        self.maxBulkLength = maxBulkLength
        self.maxMultibulkLength = maxMultibulkLength
        self.maxInlineLength = maxInlineLength
        self.authenticationPending = authenticationPending
    }

    /// Most arguments an unauthenticated client may send in one multibulk request.
    static let unauthenticatedMultibulkLength = 10
    /// Longest argument an unauthenticated client may send.
    static let unauthenticatedBulkLength = 16384
}
