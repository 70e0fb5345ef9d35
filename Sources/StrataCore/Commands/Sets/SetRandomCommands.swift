import NIOCore
import RESP

/// SPOP and SRANDMEMBER. SPOP with a count replies a set (RESP3 `~`); SRANDMEMBER with a count replies an array:
/// distinct members for a positive count (the whole set, in its order, once the count reaches its size),
/// independent picks for a negative one.
enum SetRandomCommands {
    static func spop(_ call: Call, _ out: inout ByteBuffer) {
        if call.argc == 3 { return spopCount(call, &out) }
        guard call.argc == 2 else { return out.writeErrorReply(ReplyError.syntax) }
        let key = call.args[1], engine = call.engine
        let picked = call.probeSet(key) { s in
            s.withPositionalAccess { memberAt in memberAt(Int.random(in: 0..<s.count, using: &engine.random)) }
        }
        switch picked {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeNullReply(call.proto)
        case .present(let member):
            let emptied = call.editSet(key) { $0.remove(member) }.removed
            call.notify(.set, "spop", key)
            if emptied { call.notify(.generic, "del", key) }
            engine.dirty += 1
            if call.logsEffects { call.propagate([Bytes("SREM"), key, member.bytes]) }
            out.writeBulkReply(member)
        }
    }

    private static let mustBePositive = "ERR value is out of range, must be positive"

    /// SPOP key count: pops `count` distinct members; popping them all deletes the key and lists them in the
    /// order of the set SUNION would build from it. Logged as Redis 7.0 does: the whole set popped as DEL,
    /// otherwise as one SREM per popped member (a unit, so wrapped in MULTI/EXEC when there are several).
    private static func spopCount(_ call: Call, _ out: inout ByteBuffer) {
        guard let n = call.integer(2, &out, error: mustBePositive) else { return }
        guard n >= 0 else { return out.writeErrorReply(mustBePositive) }
        let key = call.args[1], engine = call.engine, limits = call.limits
        let count = Int(n)
        let picked = call.probeSet(key) { s -> (all: Bool, members: [SetElement]) in
            guard count < s.count else {
                var members: [SetElement] = []
                SetAlgebra.rebuilt(s, limits: limits).forEach { members.append($0) }
                return (true, members)
            }
            let offsets = RandomSampling.distinctOffsets(count, in: s.count, using: &engine.random)
            return (false, s.withPositionalAccess { memberAt in offsets.map(memberAt) })
        }
        let popped: (all: Bool, members: [SetElement])
        switch picked {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: return out.writeSetHeader(0, call.proto)
        case .present(let p): popped = p
        }
        guard count > 0 else { return out.writeSetHeader(0, call.proto) }
        call.notify(.set, "spop", key)
        engine.dirty += popped.members.count
        if popped.all {
            call.db.remove(key)
            call.notify(.generic, "del", key)
            call.propagateDeletion(key)
        } else {
            call.editSet(key) { s in for member in popped.members { s.remove(member) } }
            propagateRemovals(call, popped.members)
        }
        out.writeSetHeader(popped.members.count, call.proto)
        for member in popped.members { out.writeBulkReply(member) }
    }

    private static func propagateRemovals(_ call: Call, _ members: [SetElement]) {
        guard call.logsEffects else { return }
        let srem = Bytes("SREM"), key = call.args[1]
        for member in members { call.propagate([srem, key, member.bytes]) }
    }

    static func srandmember(_ call: Call, _ out: inout ByteBuffer) {
        if call.argc == 3 { return srandmemberCount(call, &out) }
        guard call.argc == 2 else { return out.writeErrorReply(ReplyError.syntax) }
        let engine = call.engine
        let picked = call.readSet(call.args[1]) { s in
            s.withPositionalAccess { memberAt in memberAt(Int.random(in: 0..<s.count, using: &engine.random)) }
        }
        switch picked {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeNullReply(call.proto)
        case .present(let member): out.writeBulkReply(member)
        }
    }

    private static func srandmemberCount(_ call: Call, _ out: inout ByteBuffer) {
        guard let n = RandomSampling.signedCount(call, 2, &out) else { return }
        let engine = call.engine, count = Int(n.magnitude)
        let found = call.readSet(call.args[1]) { s in
            let size = s.count
            if count == 0 {
                out.writeArrayHeader(0)
            } else if n < 0 || count == 1 {
                out.writeArrayHeader(count)
                s.withPositionalAccess { memberAt in
                    for _ in 0..<count { out.writeBulkReply(memberAt(Int.random(in: 0..<size, using: &engine.random))) }
                }
            } else if count >= size {
                out.writeArrayHeader(size)
                s.forEach { out.writeBulkReply($0) }
            } else {
                out.writeArrayHeader(count)
                let offsets = RandomSampling.distinctOffsets(count, in: size, using: &engine.random)
                s.withPositionalAccess { memberAt in for i in offsets { out.writeBulkReply(memberAt(i)) } }
            }
        }
        switch found {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeArrayHeader(0)
        case .present: break
        }
    }
}
