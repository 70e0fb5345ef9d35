import NIOCore
import RESP

/// SMEMBERS, SINTER, SINTERCARD, SUNION, SDIFF and the STORE forms. Every source key is looked up first (a missing
/// key is an empty set, a key of another type fails the whole command). Results are built the way Redis builds
/// them — an empty intset grown member by member — so SUNION, SDIFF and the stored sets get the encoding and the
/// order Redis gives them; SINTER lists members in the order of the smallest source, as Redis does.
enum SetAlgebra {
    /// The three operations, named by their STORE form's keyspace event.
    enum Operation: String {
        case union = "sunionstore", difference = "sdiffstore", intersection = "sinterstore"
    }

    static func smembers(_ call: Call, _ out: inout ByteBuffer) {
        let proto = call.proto
        let found = call.readSet(call.args[1]) { s in
            out.writeSetHeader(s.count, proto)
            s.forEach { out.writeBulkReply($0) }
        }
        switch found {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeSetHeader(0, proto)
        case .present: break
        }
    }

    /// SINTER, SUNION, SDIFF over the keys from argument 1 on.
    static func combine(_ operation: Operation) -> CommandHandler {
        { call, out in
            guard let sets = sources(call, call.args[1...], &out) else { return }
            if operation == .intersection {
                let members = intersection(sets, limit: 0)
                out.writeSetHeader(members.count, call.proto)
                for member in members { out.writeBulkReply(member) }
            } else {
                let result = combined(operation, sets, call.limits)
                out.writeSetHeader(result.count, call.proto)
                result.forEach { out.writeBulkReply($0) }
            }
        }
    }

    /// SINTERSTORE, SUNIONSTORE, SDIFFSTORE destination key [key ...]: the result replaces whatever the destination
    /// held (and its TTL); an empty result deletes the destination.
    static func store(_ operation: Operation) -> CommandHandler {
        { call, out in
            guard let sets = sources(call, call.args[2...], &out) else { return }
            let limits = call.limits, destination = call.args[1]
            let stored = combined(operation, sets, limits)
            if stored.isEmpty {
                out.writeIntegerReply(0)
                if call.engine.deleteKey(call.db, destination, now: call.now) {
                    call.engine.dirty += 1
                    call.notify(.generic, "del", destination)
                }
                return
            }
            call.engine.setKey(call.db, destination, .set(stored), now: call.now)
            out.writeIntegerReply(stored.count)
            call.notify(.set, operation.rawValue, destination)
            call.engine.dirty += 1
        }
    }

    /// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting stops at `limit`
    /// (0 = no limit).
    static func sintercard(_ call: Call, _ out: inout ByteBuffer) {
        let numkeysError = "ERR numkeys should be greater than 0", limitError = "ERR LIMIT can't be negative"
        guard let numkeys = call.integer(1, &out, error: numkeysError) else { return }
        guard numkeys > 0 else { return out.writeErrorReply(numkeysError) }
        guard numkeys <= call.argc - 2 else {
            return out.writeErrorReply("ERR Number of keys can't be greater than number of args")
        }
        let keysEnd = 2 + Int(numkeys)
        var limit = 0
        var i = keysEnd
        while i < call.argc {
            guard call.arg(i, is: "LIMIT"), i + 1 < call.argc else { return out.writeErrorReply(ReplyError.syntax) }
            guard let n = call.integer(i + 1, &out, error: limitError) else { return }
            guard n >= 0 else { return out.writeErrorReply(limitError) }
            limit = Int(n)
            i += 2
        }
        guard let sets = sources(call, call.args[2..<keysEnd], &out) else { return }
        out.writeIntegerReply(intersection(sets, limit: limit).count)
    }

    /// The sets under `keys`, nil for missing ones; nil after writing WRONGTYPE when one holds another type.
    private static func sources(_ call: Call, _ keys: ArraySlice<Bytes>, _ out: inout ByteBuffer) -> [SetValue?]? {
        var sets: [SetValue?] = []
        sets.reserveCapacity(keys.count)
        for key in keys {
            switch call.readSet(key, { $0 }) {
            case .wrongType:
                out.writeErrorReply(ReplyError.wrongType)
                return nil
            case .missing: sets.append(nil)
            case .present(let s): sets.append(s)
            }
        }
        return sets
    }

    /// The result as a set grown from empty, as Redis builds it (and so in Redis's encoding).
    private static func combined(_ operation: Operation, _ sets: [SetValue?], _ limits: EncodingLimits) -> SetValue {
        var result = SetValue()
        switch operation {
        case .intersection:
            for member in intersection(sets, limit: 0) { result.insert(member, limits: limits) }
        case .union:
            for s in sets { s?.forEach { result.insert($0, limits: limits) } }
        case .difference:
            let others = sets.dropFirst().compactMap { $0 }
            sets[0]?.forEach { member in
                if !others.contains(where: { $0.contains(member) }) { result.insert(member, limits: limits) }
            }
        }
        return result
    }

    /// Members of every set, in the order of the smallest; at most `limit` of them unless `limit` is 0. Any
    /// missing set makes it empty.
    private static func intersection(_ sets: [SetValue?], limit: Int) -> [SetElement] {
        guard !sets.contains(where: { $0 == nil }) else { return [] }
        let ordered = sets.compactMap { $0 }.sorted { $0.count < $1.count }
        let smallest = ordered[0], others = ordered.dropFirst()
        var members: [SetElement] = []
        try? smallest.forEach { member in
            guard others.allSatisfy({ $0.contains(member) }) else { return }
            members.append(member)
            if limit > 0 && members.count >= limit { throw LimitReached() }
        }
        return members
    }

    /// Stops an iteration once SINTERCARD's LIMIT is reached.
    private struct LimitReached: Error {}

    /// The set SUNION would build from `s` alone: same members, in the encoding (and so the order) Redis gives a
    /// set grown from empty.
    static func rebuilt(_ s: SetValue, limits: EncodingLimits) -> SetValue { combined(.union, [s], limits) }
}
