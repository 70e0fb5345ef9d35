/// What a string command finds under a key: nothing, a string, or a value of another type (a WRONGTYPE error).
enum StringLookup {
    case missing
    case found(StringValue)
    case wrongType

    init(_ entry: Entry?) {
        guard let entry else {
            self = .missing
            return
        }
        if case .string(let s) = entry.value { self = .found(s) } else { self = .wrongType }
    }
}

extension Call {
    /// The string under `key` for a reading command: lazy expiry, hit/miss statistics, access touch.
    func readString(_ key: Bytes) -> StringLookup { StringLookup(engine.lookupRead(db, key, now: now)) }

    /// The string under `key` before a write: lazy expiry, no statistics.
    func writableString(_ key: Bytes) -> StringLookup { StringLookup(engine.lookupWrite(db, key, now: now)) }

    /// `proto-max-bulk-len`: the longest string SETRANGE, APPEND and the bit commands may build.
    var maxStringLength: Int { engine.config.int("proto-max-bulk-len") }
}

extension Database {
    /// Rewrites the bytes of the string under `key` in place, keeping its expiry. The result counts as edited, so
    /// OBJECT ENCODING reports "raw" as Redis does after APPEND, SETRANGE or SETBIT. The caller has checked that
    /// the key holds a string.
    @discardableResult
    func editString<R>(_ key: Bytes, unchanged: (R) -> Bool = { _ in false }, _ body: (inout Bytes) -> R) -> R? {
        modify(key, unchanged: unchanged) { entry in
            var bytes = entry.takeStringBytes()
            let result = body(&bytes)
            entry.value = .string(.bytes(bytes, edited: true))
            return result
        }
    }
}

extension Entry {
    /// Moves the string's bytes out of the entry, leaving a placeholder, so the caller holds the only reference
    /// to the array and can grow it without copying.
    fileprivate mutating func takeStringBytes() -> Bytes {
        guard case .string(let s) = value else { preconditionFailure("editString on a non-string value") }
        value = .string(.int(0))
        return s.bytes
    }
}
