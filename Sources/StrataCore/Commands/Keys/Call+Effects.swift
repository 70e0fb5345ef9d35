/// Which `lazyfree-lazy-*` option decides whether a command's deletion is logged as UNLINK rather than DEL, as
/// Redis 7.0 chooses it: a key deleted because its new expiry is already past follows `lazyfree-lazy-expire`
/// (EXPIRE, GETEX), an explicit user deletion `lazyfree-lazy-user-del` (GETDEL). The other deletions commands
/// log (SPOP of the whole set, RESTORE REPLACE of an already expired payload) are always DEL in Redis 7.0.
enum LazyFreeOption: String {
    case expire = "lazyfree-lazy-expire"
    case userDel = "lazyfree-lazy-user-del"
}

extension Call {
    /// Whether the command log gathers effects: commands build their effect's arguments only then.
    @inline(__always) var logsEffects: Bool { engine.commandLog.isActive }

    /// Whether an expiry time at `when` (ms) is already past, so the command deletes the key instead of setting
    /// it (Redis's checkAlreadyExpired). Never while the log is replayed: there the deletion, if it happened, is a
    /// logged effect of its own.
    func isAlreadyExpired(_ when: Int64) -> Bool { when <= now && !engine.replaysLog }

    /// Records the deletion of `key` as this command's effect: UNLINK when `option` is on, DEL otherwise (and
    /// always DEL without an option).
    func propagateDeletion(_ key: Bytes, _ option: LazyFreeOption? = nil) {
        guard logsEffects else { return }
        var lazy = false
        if let option { lazy = option == .expire ? engine.settings.lazyExpire : engine.config.bool(option.rawValue) }
        propagate([Bytes(lazy ? "UNLINK" : "DEL"), key])
    }
}
