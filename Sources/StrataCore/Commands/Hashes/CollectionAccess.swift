import StrataCollections

/// What a collection command finds under a key: nothing, a value of its type (seen through `inspect`), or a
/// value of another type (a WRONGTYPE error).
enum KeyProbe<T> {
    case missing
    case wrongType
    case present(T)
}

extension KeyProbe {
    /// True when the key held a value of the expected type.
    var exists: Bool {
        if case .present = self { return true }
        return false
    }
}

/// How hash and set commands reach their keys. Reads go through `lookupRead` (hit/miss statistics), writes
/// through `lookupWrite`; both apply lazy expiry. A write first probes the key, then edits it in place: the
/// probe's reference to the value is gone by then, so the edit finds it uniquely held and does not copy it.
extension Call {
    /// Looks `key` up for a read and hands its hash to `inspect`.
    func readHash<T>(_ key: Bytes, _ inspect: (HashValue) -> T) -> KeyProbe<T> {
        guard let e = engine.lookupRead(db, key, now: now) else { return .missing }
        guard case .hash(let h) = e.value else { return .wrongType }
        return .present(inspect(h))
    }

    /// Looks `key` up before a write and hands its hash to `inspect` (to decide what the write will do).
    func probeHash<T>(_ key: Bytes, _ inspect: (HashValue) -> T) -> KeyProbe<T> {
        guard let e = engine.lookupWrite(db, key, now: now) else { return .missing }
        guard case .hash(let h) = e.value else { return .wrongType }
        return .present(inspect(h))
    }

    /// Looks `key` up for a read and hands its set to `inspect`.
    func readSet<T>(_ key: Bytes, _ inspect: (SetValue) -> T) -> KeyProbe<T> {
        guard let e = engine.lookupRead(db, key, now: now) else { return .missing }
        guard case .set(let s) = e.value else { return .wrongType }
        return .present(inspect(s))
    }

    /// Looks `key` up before a write and hands its set to `inspect`.
    func probeSet<T>(_ key: Bytes, _ inspect: (SetValue) -> T) -> KeyProbe<T> {
        guard let e = engine.lookupWrite(db, key, now: now) else { return .missing }
        guard case .set(let s) = e.value else { return .wrongType }
        return .present(inspect(s))
    }

    /// Mutates the hash under `key` in place (the caller probed it); a hash left empty is deleted, as Redis never
    /// keeps empty collections. Returns `body`'s result and whether the key was deleted.
    @discardableResult
    func editHash<R>(_ key: Bytes, _ body: (inout HashValue) -> R) -> (result: R, removed: Bool) {
        var emptied = false
        let result = db.edit(key) { v -> R in
            guard case .hash(var h) = v else { preconditionFailure("editHash on a non-hash value") }
            v = .placeholder
            defer {
                emptied = h.isEmpty
                v = .hash(h)
            }
            return body(&h)
        }!
        if emptied { db.remove(key) }
        return (result, emptied)
    }

    /// Mutates the set under `key` in place (the caller probed it); a set left empty is deleted.
    @discardableResult
    func editSet<R>(_ key: Bytes, _ body: (inout SetValue) -> R) -> (result: R, removed: Bool) {
        var emptied = false
        let result = db.edit(key) { v -> R in
            guard case .set(var s) = v else { preconditionFailure("editSet on a non-set value") }
            v = .placeholder
            defer {
                emptied = s.isEmpty
                v = .set(s)
            }
            return body(&s)
        }!
        if emptied { db.remove(key) }
        return (result, emptied)
    }

    /// Stores a new collection under `key` (the key was missing), with no expiry.
    func storeNew(_ key: Bytes, _ value: StoredValue) {
        engine.setKey(db, key, value, now: now)
    }

    /// True when some key of the database is observed (WATCH, blocked clients). Every edit signals its key, so a
    /// write that may change nothing (SADD of members already there, SREM or HDEL of absent ones) first checks
    /// that it will change something when anyone could see the signal; Redis signals real changes only.
    var changesAreObserved: Bool { !db.observedKeys.isEmpty }

    /// The encoding thresholds in force now (CONFIG SET changes them at run time).
    var limits: EncodingLimits { engine.settings.encodingLimits }
}
