import NIOCore
import RESP
import StrataCollections

/// MULTI/EXEC queueing rules and WATCH bookkeeping.
extension Engine {
    /// Commands that run at once inside MULTI instead of being queued.
    static func runsInsideMulti(_ spec: CommandSpec) -> Bool {
        switch spec.name {
        case "exec", "discard", "multi", "watch", "quit", "reset": true
        default: false
        }
    }

    /// Commands a client in MULTI may run while memory is over `maxmemory` (everything else is refused with OOM).
    static func allowedInMultiWhenOutOfMemory(_ spec: CommandSpec) -> Bool {
        switch spec.name {
        case "exec", "discard", "quit", "reset": true
        default: false
        }
    }

    /// Ends the client's transaction (if any): drops the queue, the watches and a broken-watch mark.
    func discardTransaction(_ client: ClientSession) {
        client.transaction = nil
        client.watchBroken = false
        unwatchAll(client)
    }

    /// RESET and disconnection: no transaction, no watches, no subscriptions left.
    func releaseTransactionAndSubscriptions(_ client: ClientSession) {
        discardTransaction(client)
        unsubscribeAll(client)
    }

    /// Starts watching `key` in the client's database (once per key).
    func watch(_ key: Bytes, by client: ClientSession, now: Int64) {
        let key = CompactBytes(key), db = databases[client.db]
        guard !client.watchedKeys.contains(where: { $0.db == client.db && $0.key == key }) else { return }
        let expired = db.peek(key)?.isExpired(at: now) ?? false
        client.watchedKeys.append(WatchedKey(db: client.db, key: key, expiredAtWatch: expired))
        clients.watches.watchers[.init(db: client.db, key: key), default: []].append(client)
        db.observe(key)
    }

    /// Stops watching every key the client watches.
    func unwatchAll(_ client: ClientSession) {
        for watched in client.watchedKeys {
            let slot = WatchRegistry.Slot(db: watched.db, key: watched.key)
            clients.watches.watchers[slot]?.removeAll { $0 === client }
            if clients.watches.watchers[slot]?.isEmpty == true { clients.watches.watchers[slot] = nil }
            databases[watched.db].stopObserving(watched.key)
        }
        client.watchedKeys.removeAll()
    }

    /// EXEC's last check: a key that was live at WATCH and whose TTL has passed since counts as changed, even
    /// before anything deleted it.
    func watchedKeyExpired(_ client: ClientSession, now: Int64) -> Bool {
        client.watchedKeys.contains { watched in
            !watched.expiredAtWatch && (databases[watched.db].peek(watched.key)?.isExpired(at: now) ?? false)
        }
    }

    /// A watched key was stored, modified or removed: its watchers' next EXEC fails. A key already expired at
    /// WATCH time is the exception when the change is its removal (nothing logically changed).
    func breakWatches(_ db: Database, _ key: CompactBytes) {
        guard let watchers = clients.watches.watchers[.init(db: db.index, key: key)] else { return }
        for client in watchers {
            if let i = client.watchedKeys.firstIndex(where: { $0.db == db.index && $0.key == key }),
               client.watchedKeys[i].expiredAtWatch, db.peek(key) == nil {
                client.watchedKeys[i].expiredAtWatch = false
                continue
            }
            client.watchBroken = true
            // Nothing more to learn from the other keys: stop watching them now (Redis does the same).
            unwatchAll(client)
        }
    }
}
