import NIOCore
import RESP

/// HRANDFIELD key [count [WITHVALUES]]. A positive count picks distinct fields (the whole hash, in its order,
/// when count reaches its size); a negative count picks |count| fields independently. With WITHVALUES, RESP2
/// gets a flat field/value array and RESP3 an array of [field, value] pairs.
enum HashRandomField {
    static func hrandfield(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc >= 3 else { return single(call, &out) }
        guard let n = RandomSampling.signedCount(call, 2, &out) else { return }
        if call.argc > 4 || (call.argc == 4 && !call.arg(3, is: "WITHVALUES")) {
            return out.writeErrorReply(ReplyError.syntax)
        }
        let withValues = call.argc == 4
        if withValues && (n < -(Int64.max / 2) || n > Int64.max / 2) {
            return out.writeErrorReply("ERR value is out of range")
        }
        let proto = call.proto, engine = call.engine
        let count = Int(n.magnitude)
        let found = call.readHash(call.args[1]) { h in
            let size = h.count
            func header(_ k: Int) { out.writeArrayHeader(withValues && proto == .v2 ? k * 2 : k) }
            func write<F: Collection<UInt8>, V: Collection<UInt8>>(_ field: F, _ value: V) {
                if withValues && proto == .v3 { out.writeArrayHeader(2) }
                out.writeBulkReply(field)
                if withValues { out.writeBulkReply(value) }
            }
            if count == 0 {
                out.writeArrayHeader(0)
            } else if n < 0 || count == 1 {
                header(count)
                h.withPositionalAccess { pairAt in
                    for _ in 0..<count {
                        let p = pairAt(Int.random(in: 0..<size, using: &engine.random))
                        write(p.field, p.value)
                    }
                }
            } else if count >= size {
                header(size)
                h.forEach(write)
            } else {
                header(count)
                let offsets = RandomSampling.distinctOffsets(count, in: size, using: &engine.random)
                h.withPositionalAccess { pairAt in
                    for i in offsets {
                        let p = pairAt(i)
                        write(p.field, p.value)
                    }
                }
            }
        }
        switch found {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeArrayHeader(0)
        case .present: break
        }
    }

    /// Without a count: one random field, or null.
    private static func single(_ call: Call, _ out: inout ByteBuffer) {
        let engine = call.engine
        let found = call.readHash(call.args[1]) { h in
            h.withPositionalAccess { pairAt in Array(pairAt(Int.random(in: 0..<h.count, using: &engine.random)).field) }
        }
        switch found {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeNullReply(call.proto)
        case .present(let field): out.writeBulkReply(field)
        }
    }
}
