import StrataConfig

/// Keyspace notifications (`notify-keyspace-events`): every command that changes a key reports what it did, and
/// the engine publishes it on `__keyspace@<db>__:<key>` and/or `__keyevent@<db>__:<event>` as configured.
extension Engine {
    /// Reports `event` (Redis's event name: "set", "lpush", "expired"...) of class `kind` on `key` in database `db`.
    /// The key is only evaluated when the event is enabled.
    public func notifyKeyspaceEvent(_ kind: KeyspaceEvents, _ event: String, key keyArgument: @autoclosure () -> Bytes,
                                    db: Int) {
        let enabled = settings.keyspaceEvents
        guard enabled.contains(kind), !enabled.isDisjoint(with: [.keyspace, .keyevent]) else { return }
        let key = keyArgument()
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
    /// `afterReply` is for commands that, like their Redis counterparts, report an event after writing their
    /// reply (EXPIRE, GETDEL, GETEX, SET ... GET): when the caller is itself a (RESP3) subscriber of the event,
    /// the message then follows the reply instead of preceding it.
    @inline(__always) public func notify(_ kind: KeyspaceEvents, _ event: String, _ key: Bytes, afterReply: Bool = false) {
        guard engine.settings.keyspaceEvents.contains(kind) else { return }
        client.reportingAfterReply = afterReply
        engine.notifyKeyspaceEvent(kind, event, key: key, db: client.db)
        client.reportingAfterReply = false
    }
}
