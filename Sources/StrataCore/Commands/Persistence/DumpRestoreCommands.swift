import NIOCore
import RDB
import RESP

/// DUMP and RESTORE: a value serialized as a DUMP payload (see `DumpPayload`) and rebuilt from one, byte-compatible
/// with Redis 7.0 both ways.
extension Engine {
    static var dumpRestoreCommands: [CommandSpec] {
        [
            CommandSpec("dump", arity: 2, flags: [.readonly], keys: (1, 1, 1), group: "generic", since: "2.6.0",
                        summary: "Serializes a key's value in Redis's RDB format.", syntax: "key", handler: dump),
            CommandSpec("restore", arity: -4, flags: [.write, .denyOOM], keys: (1, 1, 1), group: "generic",
                        since: "2.6.0", summary: "Creates a key from a value serialized by DUMP.",
                        syntax: "key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]",
                        handler: restore),
        ]
    }

    static func dump(_ call: Call, _ out: inout ByteBuffer) {
        guard let e = call.engine.lookupRead(call.db, call.args[1], now: call.now) else {
            return out.writeNullReply(call.proto)
        }
        let (value, layout) = e.value.rdbForm()
        out.writeBulkReply(DumpPayload.encode(value, layout: layout,
                                              listNodeSize: call.engine.settings.encodingLimits.listMaxListpackSize))
    }

    /// Checks in Redis's order: options (IDLETIME and FREQ exclude each other: the second one is a syntax error),
    /// then BUSYKEY, then the TTL, then the payload's trailer, then its contents. A TTL of 0 means no expiry; a
    /// TTL already in the past deletes the key (a replaced one included) and still answers OK.
    static func restore(_ call: Call, _ out: inout ByteBuffer) {
        var replace = false, absoluteTTL = false
        var idle: Int64?, frequency: Int64?
        var i = 4
        while i < call.argc {
            let hasValue = i + 1 < call.argc
            if call.arg(i, is: "REPLACE") {
                replace = true
            } else if call.arg(i, is: "ABSTTL") {
                absoluteTTL = true
            } else if call.arg(i, is: "IDLETIME"), hasValue, frequency == nil {
                guard let n = call.integer(i + 1, &out) else { return }
                guard n >= 0 else { return out.writeErrorReply("ERR Invalid IDLETIME value, must be >= 0") }
                idle = n
                i += 1
            } else if call.arg(i, is: "FREQ"), hasValue, idle == nil {
                guard let n = call.integer(i + 1, &out) else { return }
                guard (0...255).contains(n) else {
                    return out.writeErrorReply("ERR Invalid FREQ value, must be >= 0 and <= 255")
                }
                frequency = n
                i += 1
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            i += 1
        }
        let engine = call.engine, db = call.db, key = call.args[1]
        if !replace, engine.lookupWrite(db, key, now: call.now) != nil {
            return out.writeErrorReply("BUSYKEY Target key name already exists.")
        }
        guard var ttl = call.integer(2, &out) else { return }
        guard ttl >= 0 else { return out.writeErrorReply("ERR Invalid TTL value, must be >= 0") }
        let value: StoredValue
        do {
            let payload = try DumpPayload.decode(call.args[3])
            guard let v = try? StoredValue(rdb: payload.value, encoding: payload.type,
                                              limits: engine.settings.encodingLimits) else {
                return out.writeErrorReply("ERR Bad data format")
            }
            value = v
        } catch {
            return out.writeErrorReply("ERR " + (error.message == checksumError ? checksumError : "Bad data format"))
        }
        let deleted = replace && engine.deleteKey(db, key, now: call.now)
        if ttl != 0 && !absoluteTTL { ttl = ttl.addingReportingOverflow(call.now).partialValue }
        if ttl != 0 && call.isAlreadyExpired(ttl) {
            // An already expired payload is not created: only the REPLACE deletion, if any, is logged.
            if deleted {
                call.notify(.generic, "del", key)
                engine.dirty += 1
                call.propagateDeletion(key)
            }
            return out.writeSimpleString("OK")
        }
        engine.setKey(db, key, value, expireAt: ttl == 0 ? Entry.noExpiry : ttl, now: call.now)
        let access = engine.restoredAccess(idleSeconds: idle, frequency: frequency, now: call.now)
        db.touch(key, access: access)
        call.notify(.generic, "restore", key)
        engine.dirty += 1
        if ttl != 0, !absoluteTTL, call.logsEffects {
            // A relative TTL is logged as the absolute expiry it gave (other options kept, ABSTTL appended).
            var effect = call.args
            effect[2] = IntegerText.bytes(ttl)
            effect.append(Bytes("ABSTTL"))
            call.propagate(effect)
        }
        out.writeSimpleString("OK")
    }

    private static let checksumError = "DUMP payload version or checksum are wrong"
}
