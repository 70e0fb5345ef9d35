/// What INFO persistence reports about saving and loading, and the background save in progress, if any.
public struct PersistenceState {
    /// Successful SAVEs and started background saves (rdb_saves).
    public var saves = 0
    /// Whether the last background save succeeded (rdb_last_bgsave_status; a successful SAVE resets it to ok).
    public var lastBackgroundSaveOK = true
    /// Duration of the last background save in whole seconds, -1 before the first (rdb_last_bgsave_time_sec).
    public var lastBackgroundSaveSeconds = -1
    /// Start (Unix ms) of the last background save attempted, successful or not.
    public var lastBackgroundSaveAttempt: Int64 = 0
    /// Start (Unix ms) of the background save in progress, nil when none runs.
    public var backgroundSaveStartedAt: Int64?
    /// Calls off the running background save.
    var backgroundSaveCancellation: SaveCancellation?
    /// `Engine.dirty` when the running background save took its snapshot; what it subtracts when it succeeds.
    var dirtyAtBackgroundSave = 0
    /// BGSAVE SCHEDULE arrived while an AOF rewrite ran: the save starts once it is over.
    var backgroundSaveScheduled = false
    /// Keys loaded and keys skipped as expired by the last load (rdb_last_load_keys_loaded/_expired).
    public var lastLoadKeysLoaded = 0
    public var lastLoadKeysExpired = 0
    /// The startup load in progress, nil when none runs (clients then get -LOADING).
    var loading: SnapshotLoad?

    public init() {}
}
