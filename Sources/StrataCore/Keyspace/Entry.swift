/// What the keyspace stores per key: the value, its absolute expiry and its access metadata.
public struct Entry {
    // Field order is layout: expiry, value, then the 4-byte access word packs into 24 bytes.
    /// Absolute expiry in Unix milliseconds; `Entry.noExpiry` when the key is persistent.
    public var expireAt: Int64
    public var value: StoredValue
    /// Access metadata for eviction: under an LRU policy the LRU clock (seconds) of the last access; under an LFU
    /// policy the last decrement time in minutes (high 16 bits) and a logarithmic access counter (low 8 bits).
    public var access: UInt32

    public static let noExpiry: Int64 = -1

    public init(value: StoredValue, expireAt: Int64 = Entry.noExpiry, access: UInt32) {
        self.value = value
        self.expireAt = expireAt
        self.access = access
    }

    public var hasExpiry: Bool { expireAt != Entry.noExpiry }
}
