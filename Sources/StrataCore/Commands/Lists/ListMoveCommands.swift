import NIOCore
import RESP
import StrataCollections

/// LMOVE and RPOPLPUSH, and the move step BLMOVE and BRPOPLPUSH share with them.
enum ListMoveCommands {
    /// LMOVE source destination LEFT|RIGHT LEFT|RIGHT.
    static func lmove(_ call: Call, _ out: inout ByteBuffer) {
        guard let from = call.listEnd(3, &out), let to = call.listEnd(4, &out) else { return }
        move(call, from: from, to: to, &out)
    }

    /// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
    static func rpoplpush(_ call: Call, _ out: inout ByteBuffer) {
        move(call, from: .tail, to: .head, &out)
    }

    /// Moves one element from `from` of the list at args[1] to `to` of the list at args[2] and replies with it:
    /// nil when the source is missing, WRONGTYPE when either key holds another type.
    static func move(_ call: Call, from: ListEnd, to: ListEnd, _ out: inout ByteBuffer) {
        switch call.writableList(call.args[1]) {
        case .missing: return out.writeNullReply(call.proto)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found: break
        }
        _ = moveFromExisting(call, from: from, to: to, &out)
    }

    /// The move once the source is known to hold a list. Returns false (after writing WRONGTYPE) when the
    /// destination holds another type. Events follow Redis: the push on the destination, then the pop on the
    /// source (and "del" if it emptied).
    static func moveFromExisting(_ call: Call, from: ListEnd, to: ListEnd, _ out: inout ByteBuffer) -> Bool {
        let source = call.args[1], destination = call.args[2]
        let destinationExists: Bool
        switch call.writableList(destination) {
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
            return false
        case .missing: destinationExists = false
        case .found: destinationExists = true
        }
        if source == destination {
            // A rotation: the list keeps its length, so it never empties.
            let element = call.mutateList(source) { list -> CompactBytes in
                let e = list.pop(at: from)!
                list.push(e.bytes, at: to)
                return e
            }
            call.engine.dirty += 1
            call.notify(.list, to.pushEvent, destination)
            call.notify(.list, from.popEvent, source)
            out.writeBulkReply(element)
            return true
        }
        var emptied = false
        let element = call.mutateList(source) { list -> Bytes in
            defer { emptied = list.isEmpty }
            return list.pop(at: from)!.bytes
        }
        _ = call.pushList(destination, [element], at: to, exists: destinationExists)
        call.listEdited(source, event: from.popEvent, emptied: emptied)
        out.writeBulkReply(element)
        return true
    }
}
