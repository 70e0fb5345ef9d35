import StrataCollections

extension Engine: DatabaseObserver {
    /// A key someone waits on changed (see `Database.observedKeys`): blocked commands on it get another try after
    /// the current command, and clients WATCHing it will see their EXEC fail.
    public func keyChanged(_ db: Database, _ key: CompactBytes) {
        blocking.markReady(.init(db: db.index, key: key))
        if !clients.watches.watchers.isEmpty { breakWatches(db, key) }
    }
}
