import NIOCore
import RESP

extension Call {
    /// The HyperLogLog under `key` as PFADD/PFCOUNT/PFMERGE see it (after a read or write lookup). Missing keys
    /// give `.missing`; other types and strings that are not HyperLogLogs write Redis's WRONGTYPE errors and give
    /// nil. `edited` is false for a string that SET stored and nothing has rewritten since.
    func hyperLogLog(_ key: Bytes, forWrite: Bool, _ out: inout ByteBuffer) -> HyperLogLogLookup? {
        switch forWrite ? writableString(key) : readString(key) {
        case .missing:
            return .missing
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
            return nil
        case .found(let s):
            guard case .bytes(let bytes, let edited) = s, HyperLogLog.isValid(bytes) else {
                out.writeErrorReply(HyperLogLog.notHLLError)
                return nil
            }
            return .found(HyperLogLog(bytes), edited: edited)
        }
    }

    /// Runs `body` on the HyperLogLog stored under `key` (which the caller has looked up and checked), moving the
    /// bytes out so they are edited without a copy. The string is stored back as "raw": Redis unshares the value
    /// (dbUnshareStringValue) before touching a HyperLogLog.
    func rewriteHyperLogLog<R>(_ key: Bytes, _ body: (inout HyperLogLog) -> R) -> R {
        db.edit(key) { value in
            guard case .string(.bytes(var bytes, _)) = value else { preconditionFailure("not a HyperLogLog") }
            value = .placeholder
            // Swapped in rather than copied, so `hll` holds the only reference and edits in place.
            var hll = HyperLogLog([])
            swap(&hll.bytes, &bytes)
            defer { value = .string(.bytes(hll.bytes, edited: true)) }
            return body(&hll)
        }!
    }
}

/// What a HyperLogLog command found under a key that passed the type checks.
enum HyperLogLogLookup {
    case missing
    case found(HyperLogLog, edited: Bool)
}
