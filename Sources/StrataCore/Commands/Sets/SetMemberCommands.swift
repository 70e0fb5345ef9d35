import NIOCore
import RESP

/// SADD, SREM, SMOVE, SISMEMBER, SMISMEMBER and SCARD.
enum SetMemberCommands {
    static func sadd(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], members = call.args[2...], limits = call.limits
        let added: Int, check = call.changesAreObserved
        switch call.probeSet(key, { s in !check || members.contains { !s.contains(SetElement($0)) } }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .present(false): added = 0
        case .present(true): added = call.editSet(key) { insertMembers(members, into: &$0, limits: limits) }.result
        case .missing:
            var s = SetValue()
            added = insertMembers(members, into: &s, limits: limits)
            call.storeNew(key, .set(s))
        }
        if added > 0 { call.notify(.set, "sadd", key) }
        call.engine.dirty += added
        out.writeIntegerReply(added)
    }

    /// Adds each of `members`; returns how many were new.
    private static func insertMembers(_ members: ArraySlice<Bytes>, into s: inout SetValue, limits: EncodingLimits) -> Int {
        var added = 0
        for member in members where s.insert(SetElement(member), limits: limits) { added += 1 }
        return added
    }

    static func srem(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1], members = call.args[2...].map(SetElement.init)
        let check = call.changesAreObserved
        switch call.probeSet(key, { s in !check || members.contains { s.contains($0) } }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing, .present(false): return out.writeIntegerReply(0)
        case .present(true): break
        }
        let (removed, emptied) = call.editSet(key) { s -> Int in
            var removed = 0
            for member in members where s.remove(member) {
                removed += 1
                if s.isEmpty { break }
            }
            return removed
        }
        if removed > 0 { call.notify(.set, "srem", key) }
        if emptied { call.notify(.generic, "del", key) }
        call.engine.dirty += removed
        out.writeIntegerReply(removed)
    }

    /// SMOVE source destination member. A missing source answers 0 before any type check; the same key as source
    /// and destination only reports membership. A destination that already has the member is left untouched.
    static func smove(_ call: Call, _ out: inout ByteBuffer) {
        let source = call.args[1], destination = call.args[2], member = SetElement(call.args[3])
        let sourceHas = call.probeSet(source) { $0.contains(member) }
        let destinationHas = call.probeSet(destination) { $0.contains(member) }
        switch (sourceHas, destinationHas) {
        case (.missing, _): return out.writeIntegerReply(0)
        case (.wrongType, _), (_, .wrongType): return out.writeErrorReply(ReplyError.wrongType)
        case (.present(let has), _) where source == destination: return out.writeIntegerReply(has ? 1 : 0)
        case (.present(false), _): return out.writeIntegerReply(0)
        default: break
        }
        let emptied = call.editSet(source) { $0.remove(member) }.removed
        call.notify(.set, "srem", source)
        if emptied { call.notify(.generic, "del", source) }
        switch destinationHas {
        case .present(true):
            call.engine.dirty += 1
            return out.writeIntegerReply(1)
        case .present(false):
            call.editSet(destination) { $0.insert(member, limits: call.limits) }
        case .missing, .wrongType:  // (a wrong type was refused above)
            var s = SetValue()
            s.insert(member, limits: call.limits)
            call.storeNew(destination, .set(s))
        }
        call.engine.dirty += 2
        call.notify(.set, "sadd", destination)
        out.writeIntegerReply(1)
    }

    static func sismember(_ call: Call, _ out: inout ByteBuffer) {
        let member = SetElement(call.args[2])
        switch call.readSet(call.args[1], { $0.contains(member) }) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeIntegerReply(0)
        case .present(let has): out.writeIntegerReply(has ? 1 : 0)
        }
    }

    /// One 0/1 per member; a missing key holds none.
    static func smismember(_ call: Call, _ out: inout ByteBuffer) {
        let members = call.args[2...].map(SetElement.init)
        let found: [Bool]
        switch call.readSet(call.args[1], { s in members.map { s.contains($0) } }) {
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .missing: found = Array(repeating: false, count: members.count)
        case .present(let flags): found = flags
        }
        out.writeArrayHeader(found.count)
        for has in found { out.writeIntegerReply(has ? 1 : 0) }
    }

    static func scard(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readSet(call.args[1], { $0.count }) {
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .missing: out.writeIntegerReply(0)
        case .present(let n): out.writeIntegerReply(n)
        }
    }
}
