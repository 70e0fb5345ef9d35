import StrataConfig

/// Keyspace notifications (`notify-keyspace-events`): every command that changes a key reports what it did, and
/// the engine publishes it on `__keyspace@<db>__:<key>` and/or `__keyevent@<db>__:<event>` as configured.
extension Engine {
    /// Reports `event` (Redis's event name: "set", "lpush", "expired"...) of class `kind` on `key` in database `db`.
    public func notifyKeyspaceEvent(_ kind: KeyspaceEvents, _ event: String, key: Bytes, db: Int) {
        let enabled = settings.keyspaceEvents
        guard enabled.contains(kind), !enabled.isDisjoint(with: [.keyspace, .keyevent]) else { return }
        if enabled.contains(.keyspace) {
            publish(channel: Bytes("__keyspace@\(db)__:".utf8) + key, message: Bytes(event.utf8))
        }
        if enabled.contains(.keyevent) {
            publish(channel: Bytes("__keyevent@\(db)__:\(event)".utf8), message: key)
        }
    }
}

extension Call {
    /// Reports a keyspace event for `key` in the caller's database (see `Engine.notifyKeyspaceEvent`).
    @inline(__always) public func notify(_ kind: KeyspaceEvents, _ event: String, _ key: Bytes) {
        engine.notifyKeyspaceEvent(kind, event, key: key, db: client.db)
    }
}
