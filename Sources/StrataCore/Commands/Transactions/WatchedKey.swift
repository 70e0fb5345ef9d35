import StrataCollections

/// One key a client WATCHes. `expiredAtWatch` records a key that was present but already logically expired when
/// WATCH ran: its later deletion (lazy or active expiry, a flush) is no change, and only a write that leaves the
/// key present breaks the watch (Redis 7.0's watchedKey.expired).
struct WatchedKey {
    let db: Int
    let key: CompactBytes
    var expiredAtWatch: Bool
}

/// The watchers of every watched key, per database and key, in WATCH order.
struct WatchRegistry {
    struct Slot: Hashable {
        let db: Int
        let key: CompactBytes
    }

    var watchers: [Slot: [ClientSession]] = [:]
}
