import NIOCore
import RESP

/// The arguments of XREAD or XREADGROUP, parsed and checked in Redis's order, with every ID resolved: "$" to the
/// stream's last ID at the time of the call (0-0 for a missing stream), ">" to the largest ID (the mark of "entries
/// never delivered to the group").
struct StreamReadRequest {
    /// The consumer a XREADGROUP reads for.
    struct GroupReader {
        let group: Bytes
        let consumer: Bytes
        let noAck: Bool
    }

    var reader: GroupReader?
    /// BLOCK in milliseconds (0 = forever); nil without BLOCK.
    var timeout: Int64?
    /// COUNT (0 = no limit).
    var count = 0
    /// Index of the first key; the stream keys, and the ID after which each is read.
    var keysStart = 0
    var keys: [Bytes] = []
    var ids: [StreamID] = []

    /// Parses the call's arguments, or writes Redis's error and returns nil.
    static func parse(_ call: Call, group isGroupRead: Bool, _ out: inout ByteBuffer) -> StreamReadRequest? {
        var r = StreamReadRequest()
        var groupName: Bytes?, consumerName: Bytes?
        var noAck = false
        var streams = 0
        var i = 1
        while i < call.argc {
            let more = call.argc - i - 1
            if call.arg(i, is: "BLOCK") && more > 0 {
                i += 1
                guard let ms = call.integer(i, &out, error: "ERR timeout is not an integer or out of range") else {
                    return nil
                }
                guard ms >= 0 else { return fail("ERR timeout is negative", &out) }
                guard ms == 0 || ms <= Int64.max - call.now else { return fail("ERR timeout is out of range", &out) }
                r.timeout = ms
            } else if call.arg(i, is: "COUNT") && more > 0 {
                i += 1
                guard let n = call.integer(i, &out) else { return nil }
                r.count = Int(max(0, n))
            } else if call.arg(i, is: "STREAMS") && more > 0 {
                r.keysStart = i + 1
                let rest = call.argc - r.keysStart
                guard rest % 2 == 0 else {
                    // Redis 7.0 words this the same for XREADGROUP.
                    return fail("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.", &out)
                }
                streams = rest / 2
                break
            } else if call.arg(i, is: "GROUP") && more >= 2 {
                guard isGroupRead else {
                    return fail("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.", &out)
                }
                groupName = call.args[i + 1]
                consumerName = call.args[i + 2]
                i += 2
            } else if call.arg(i, is: "NOACK") {
                guard isGroupRead else {
                    return fail("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.", &out)
                }
                noAck = true
            } else {
                return fail(ReplyError.syntax, &out)
            }
            i += 1
        }
        guard r.keysStart > 0 else { return fail(ReplyError.syntax, &out) }
        if isGroupRead && groupName == nil { return fail("ERR Missing GROUP option for XREADGROUP", &out) }
        r.reader = groupName.map { GroupReader(group: $0, consumer: consumerName!, noAck: noAck) }
        r.keys = Array(call.args[r.keysStart..<(r.keysStart + streams)])
        for (k, key) in r.keys.enumerated() {
            guard let id = resolveID(call, key: key, at: r.keysStart + streams + k, r.reader, &out) else { return nil }
            r.ids.append(id)
        }
        return r
    }

    /// The ID argument at `index` for stream `key`, checking the key's type and (XREADGROUP) its group first.
    private static func resolveID(_ call: Call, key: Bytes, at index: Int, _ reader: GroupReader?,
                                  _ out: inout ByteBuffer) -> StreamID? {
        let s: StreamValue?
        switch call.lookupStream(key) {
        case .wrongType: return fail(ReplyError.wrongType, &out)
        case .missing: s = nil
        case .stream(let v): s = v
        }
        if let reader, s?.group(reader.group) == nil {
            return fail(StreamError.noKeyOrGroup(key, reader.group) + " in XREADGROUP with GROUP option", &out)
        }
        switch call.args[index] {
        case [36]:
            guard reader == nil else {
                return fail("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history "
                            + "of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ "
                            + "ID would just return an empty result set.", &out)
            }
            return s?.lastID ?? .zero
        case [62]:
            guard reader != nil else {
                return fail("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> "
                            + "<consumer> option.", &out)
            }
            return .max
        default:
            return call.streamID(index, &out)
        }
    }

    private static func fail<T>(_ error: String, _ out: inout ByteBuffer) -> T? {
        out.writeErrorReply(error)
        return nil
    }
}
