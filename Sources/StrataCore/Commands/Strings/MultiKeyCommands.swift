import NIOCore
import RESP

/// MGET, MSET, MSETNX: the string commands over many keys.
enum MultiKeyCommands {
    /// Replies one element per key; a missing key or one of another type gives nil.
    static func mget(_ call: Call, _ out: inout ByteBuffer) {
        out.writeArrayHeader(call.argc - 1)
        for key in call.args.dropFirst() {
            if case .found(let s) = call.readString(key) { out.writeBulkReply(s.bytes) } else { out.writeNullReply(call.proto) }
        }
    }

    static func mset(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc % 2 == 1 else { return call.wrongArity(&out) }
        storeAll(call)
        out.writeSimpleString("OK")
    }

    /// Stores nothing (and replies 0) if any of the keys exists.
    static func msetnx(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc % 2 == 1 else { return call.wrongArity(&out) }
        for i in stride(from: 1, to: call.argc, by: 2) where call.engine.lookupWrite(call.db, call.args[i], now: call.now) != nil {
            return out.writeIntegerReply(0)
        }
        storeAll(call)
        out.writeIntegerReply(1)
    }

    /// Stores each key/value pair as SET would (dropping old TTLs), counting one change per pair.
    private static func storeAll(_ call: Call) {
        for i in stride(from: 1, to: call.argc, by: 2) {
            call.engine.setKey(call.db, call.args[i], .string(StringValue(call.args[i + 1])), now: call.now)
            call.notify(.string, "set", call.args[i])
        }
        call.engine.dirty += (call.argc - 1) / 2
    }
}
