import NIOCore
import RESP

/// What a sorted-set command finds under a key: nothing, a sorted set, or a value of another type.
enum SortedSetLookup {
    case missing
    case found(SortedSetValue)
    case wrongType

    init(_ entry: Entry?) {
        guard let entry else {
            self = .missing
            return
        }
        if case .zset(let z) = entry.value { self = .found(z) } else { self = .wrongType }
    }
}

extension Call {
    /// The sorted set under `key` for a reading command (lazy expiry, hit/miss statistics, access touch).
    func readSortedSet(_ key: Bytes) -> SortedSetLookup { SortedSetLookup(engine.lookupRead(db, key, now: now)) }

    /// The sorted set under `key` before a write (lazy expiry, no statistics).
    func writableSortedSet(_ key: Bytes) -> SortedSetLookup { SortedSetLookup(engine.lookupWrite(db, key, now: now)) }

    /// Mutates the sorted set under `key` in place (the caller found one there), then deletes the key if it was
    /// emptied, reporting "del" as Redis does after the command's own event (`event`, reported when `body` says it
    /// changed something: `body` returns the number of changes).
    @discardableResult
    func editSortedSet(_ key: Bytes, event: String, _ body: (inout SortedSetValue) -> Int) -> Int {
        var emptied = false
        let changes = db.edit(key) { v -> Int in
            guard case .zset(var z) = v else { preconditionFailure("editSortedSet on a non-zset value") }
            v = .placeholder
            defer { v = .zset(z) }
            let n = body(&z)
            emptied = z.isEmpty
            return n
        } ?? 0
        if changes > 0 { notify(.sortedSet, event, key) }
        if emptied {
            engine.deleteKey(db, key, now: now)
            notify(.generic, "del", key)
        }
        engine.dirty += changes
        return changes
    }

    /// Stores the result of a *STORE command at `destination`: a non-empty set replaces whatever was there
    /// (reporting `event`); an empty result deletes the destination (reporting "del" if it existed). Replies with
    /// the result's size.
    func storeSortedSetResult(_ z: SortedSetValue, at destination: Bytes, event: String, _ out: inout ByteBuffer) {
        if z.isEmpty {
            if engine.deleteKey(db, destination, now: now) {
                notify(.generic, "del", destination)
                engine.dirty += 1
            }
        } else {
            engine.setKey(db, destination, .zset(z), now: now)
            notify(.sortedSet, event, destination)
            engine.dirty += 1
        }
        out.writeIntegerReply(z.count)
    }
}

/// Reply shapes shared by the sorted-set commands.
extension ByteBuffer {
    /// The header of a member list of `count` elements: WITHSCORES doubles a RESP2 flat array; RESP3 nests each
    /// member with its score in a two-element array, so the header counts elements.
    mutating func writeSortedSetHeader(_ count: Int, withScores: Bool, _ proto: RESPVersion) {
        writeArrayHeader(withScores && proto == .v2 ? count * 2 : count)
    }

    /// One element of a member list (see `writeSortedSetHeader`).
    mutating func writeSortedSetElement(_ e: ScoredMember, withScores: Bool, _ proto: RESPVersion) {
        writeSortedSetElement(e, withScores: withScores, asPair: withScores && proto == .v3, proto)
    }

    /// One member, then its score if `withScores`, the two wrapped in a two-element array if `asPair`.
    mutating func writeSortedSetElement(_ e: ScoredMember, withScores: Bool, asPair: Bool, _ proto: RESPVersion) {
        if asPair { writeArrayHeader(2) }
        e.member.withUnsafeBytes { writeBulkReply($0) }
        if withScores { writeDoubleReply(e.score, proto) }
    }
}
