extension Database {
    /// Mutates the value under `key` in place, keeping its expiry; returns nil when the key is absent. The value
    /// is moved out of the entry while `body` runs (a placeholder stands in), so a collection held only by this
    /// key is uniquely referenced and grows without being copied. The caller has checked the key's type and
    /// expiry; `body` must leave a value of a live type in place (deleting an emptied key is the caller's job).
    @discardableResult
    /// `unchanged` as for `modify`: results it accepts do not count as a change of the key.
    public func edit<R>(_ key: Bytes, unchanged: (R) -> Bool = { _ in false },
                        _ body: (inout StoredValue) throws -> R) rethrows -> R? {
        try modify(key, unchanged: unchanged) { entry in
            var value = entry.value
            entry.value = StoredValue.placeholder
            defer { entry.value = value }
            return try body(&value)
        }
    }
}
