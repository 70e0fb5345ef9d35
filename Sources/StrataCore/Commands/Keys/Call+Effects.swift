/// Which `lazyfree-lazy-*` option decides whether a command's deletion is logged as UNLINK rather than DEL, as
/// Redis 7.0 chooses it: a key deleted because its new expiry is already past follows `lazyfree-lazy-expire`
/// (EXPIRE, GETEX), an explicit user deletion `lazyfree-lazy-user-del` (GETDEL), a deletion the server decides
/// `lazyfree-lazy-server-del` (SPOP of the whole set, RESTORE REPLACE of an already expired payload).
enum LazyFreeOption: String {
    case expire = "lazyfree-lazy-expire"
    case userDel = "lazyfree-lazy-user-del"
    case serverDel = "lazyfree-lazy-server-del"
}

extension Call {
    /// Whether the command log gathers effects: commands build their effect's arguments only then.
    @inline(__always) var logsEffects: Bool { engine.commandLog.isActive }

    /// Records the deletion of `key` as this command's effect: DEL, or UNLINK when `option` is on.
    func propagateDeletion(_ key: Bytes, _ option: LazyFreeOption) {
        guard logsEffects else { return }
        let lazy = option == .expire ? engine.settings.lazyExpire : engine.config.bool(option.rawValue)
        propagate([Bytes(lazy ? "UNLINK" : "DEL"), key])
    }
}
