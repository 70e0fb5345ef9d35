import NIOCore
import RESP

/// HGET, HMGET, HLEN, HSTRLEN, HEXISTS, HKEYS, HVALS and HGETALL.
enum HashReadCommands {
    static func hget(_ call: Call, _ out: inout ByteBuffer) {
        let field = call.args[2], proto = call.proto
        let found = call.readHash(call.args[1]) { h in
            h.withValue(field) { value in
                if let value { out.writeBulkReply(value) } else { out.writeNullReply(proto) }
            }
        }
        switch found {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeNullReply(proto)
        case .present: break
        }
    }

    /// A missing key answers a null per field.
    static func hmget(_ call: Call, _ out: inout ByteBuffer) {
        let fields = call.args[2...]
        let values: [Bytes?]
        switch call.readHash(call.args[1], { h in fields.map { h.value($0) } }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: values = Array(repeating: nil, count: fields.count)
        case .present(let found): values = found
        }
        out.writeArrayHeader(values.count)
        for value in values {
            if let value { out.writeBulkReply(value) } else { out.writeNullReply(call.proto) }
        }
    }

    static func hlen(_ call: Call, _ out: inout ByteBuffer) {
        integer(call, &out) { h in h.count }
    }

    static func hstrlen(_ call: Call, _ out: inout ByteBuffer) {
        let field = call.args[2]
        integer(call, &out) { h in h.valueLength(field) ?? 0 }
    }

    static func hexists(_ call: Call, _ out: inout ByteBuffer) {
        let field = call.args[2]
        integer(call, &out) { h in h.contains(field) ? 1 : 0 }
    }

    /// An integer reply computed from the hash; a missing key counts as an empty hash.
    private static func integer(_ call: Call, _ out: inout ByteBuffer, _ value: (HashValue) -> Int) {
        switch call.readHash(call.args[1], value) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeIntegerReply(0)
        case .present(let n): out.writeIntegerReply(n)
        }
    }

    /// What HKEYS, HVALS and HGETALL list.
    enum Listing { case fields, values, pairs }

    /// Lists the hash in its own order (insertion order for a listpack). HGETALL is a map in RESP3.
    static func list(_ listing: Listing) -> CommandHandler {
        { call, out in
            let proto = call.proto
            let found = call.readHash(call.args[1]) { h in
                if listing == .pairs { out.writeMapHeader(h.count, proto) } else { out.writeArrayHeader(h.count) }
                h.forEach { field, value in
                    if listing != .values { out.writeBulkReply(field) }
                    if listing != .fields { out.writeBulkReply(value) }
                }
            }
            switch found {
            case .wrongType: out.writeErrorReply(ReplyError.wrongType)
            case .missing: if listing == .pairs { out.writeMapHeader(0, proto) } else { out.writeArrayHeader(0) }
            case .present: break
            }
        }
    }
}
