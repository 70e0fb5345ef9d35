import NIOCore
import RESP
import StrataCollections

/// What a list command finds under a key: nothing, a list, or a value of another type (a WRONGTYPE error).
enum ListLookup {
    case missing
    case found(ListValue)
    case wrongType

    init(_ entry: Entry?) {
        guard let entry else {
            self = .missing
            return
        }
        if case .list(let l) = entry.value { self = .found(l) } else { self = .wrongType }
    }
}

/// What a writing list command finds under a key. It carries the length, not the list: a write must not hold a
/// second reference to the list it is about to edit, or the edit would copy it.
enum ListState {
    case missing
    case found(count: Int)
    case wrongType

    init(_ entry: Entry?) {
        switch ListLookup(entry) {
        case .missing: self = .missing
        case .wrongType: self = .wrongType
        case .found(let list): self = .found(count: list.count)
        }
    }
}

extension Call {
    /// The list under `key` for a reading command: lazy expiry, hit/miss statistics, access touch.
    func readList(_ key: Bytes) -> ListLookup { ListLookup(engine.lookupRead(db, key, now: now)) }

    /// The list under `key` before a write: lazy expiry, no statistics.
    func writableList(_ key: Bytes) -> ListState { ListState(engine.lookupWrite(db, key, now: now)) }

    /// Reads the list under `key` (the caller has found one with `writableList`) inside `body`, so the reference
    /// ends before the list is edited.
    func scanList<R>(_ key: Bytes, _ body: (ListValue) -> R) -> R {
        guard case .list(let list) = db.peek(key)?.value else { preconditionFailure("scanList on a non-list value") }
        return body(list)
    }

    /// Mutates the list under `key` in place (the caller has checked that it holds one), then reports `event` and,
    /// when the list ended empty, deletes the key and reports "del" — the order Redis notifies them in.
    @discardableResult
    func editList<R>(_ key: Bytes, event: String, _ body: (inout ListValue) -> R) -> R {
        var emptied = false
        let result = mutateList(key) { list -> R in
            defer { emptied = list.isEmpty }
            return body(&list)
        }
        listEdited(key, event: event, emptied: emptied)
        return result
    }

    /// Mutates the list under `key` in place, reporting nothing: the value is moved out of the keyspace while
    /// `body` runs, so an unshared list is changed without a copy.
    func mutateList<R>(_ key: Bytes, _ body: (inout ListValue) -> R) -> R {
        db.edit(key) { v -> R in
            guard case .list(var list) = v else { preconditionFailure("list edit on a non-list value") }
            v = .placeholder
            defer { v = .list(list) }
            return body(&list)
        }!
    }

    /// Reports `event` on the list under `key`, then deletes it with a "del" event when it was left `emptied`.
    func listEdited(_ key: Bytes, event: String, emptied: Bool) {
        notify(.list, event, key)
        guard emptied else { return }
        engine.deleteKey(db, key, now: now)
        notify(.generic, "del", key)
    }

    /// Pushes `elements` at `end` of the list under `key`, creating it when absent; returns the new length.
    /// Reports the push event and counts the changes; the caller has checked the key's type.
    func pushList(_ key: Bytes, _ elements: ArraySlice<Bytes>, at end: ListEnd, exists: Bool) -> Int {
        engine.dirty += elements.count
        guard exists else {
            var list = ListValue()
            for e in elements { list.push(e, at: end) }
            engine.setKey(db, key, .list(list), now: now)
            notify(.list, end.pushEvent, key)
            return list.count
        }
        return editList(key, event: end.pushEvent) { list in
            for e in elements { list.push(e, at: end) }
            return list.count
        }
    }

    /// Parses a LEFT | RIGHT argument, or writes the syntax error.
    func listEnd(_ i: Int, _ out: inout ByteBuffer) -> ListEnd? {
        guard let end = ListEnd(args[i]) else {
            out.writeErrorReply(ReplyError.syntax)
            return nil
        }
        return end
    }
}

extension ByteBuffer {
    /// Writes `element` as a bulk string without copying it out of the list.
    @inline(__always)
    mutating func writeBulkReply(_ element: CompactBytes) {
        element.withUnsafeBytes { writeBulkReply($0) }
    }

    /// Writes the elements at `range` of `list` as an array, in order or back to front.
    mutating func writeListRange(_ list: ListValue, _ range: Range<Int>, reversed: Bool = false) {
        writeArrayHeader(range.count)
        list.forEach(in: range, reversed: reversed) { writeBulkReply($0) }
    }
}
