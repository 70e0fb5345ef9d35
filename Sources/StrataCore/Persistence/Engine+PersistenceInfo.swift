/// The RDB half of INFO persistence, field names and order as Redis 7.0 prints them. Strata never forks, so the
/// copy-on-write and fork fields are always zero. While the startup load runs, `loading` is 1 and the keys
/// counted so far show as rdb_last_load_keys_loaded/_expired, as in Redis.
extension Engine {
    func persistenceInfo(now: Int64) -> [(String, String)] {
        let p = persistence
        let load = p.loading
        let running = p.backgroundSaveStartedAt.map { String((now - $0) / 1000) } ?? "-1"
        return [
            ("loading", isLoading ? "1" : "0"), ("async_loading", "0"), ("current_cow_peak", "0"),
            ("current_cow_size", "0"),
            ("current_cow_size_age", "0"), ("current_fork_perc", "0.00"), ("current_save_keys_processed", "0"),
            ("current_save_keys_total", "0"), ("rdb_changes_since_last_save", String(dirty)),
            ("rdb_bgsave_in_progress", p.backgroundSaveStartedAt == nil ? "0" : "1"),
            ("rdb_last_save_time", String(lastSaveTime)), ("rdb_last_bgsave_status", p.lastBackgroundSaveOK ? "ok" : "err"),
            ("rdb_last_bgsave_time_sec", String(p.lastBackgroundSaveSeconds)), ("rdb_current_bgsave_time_sec", running),
            ("rdb_saves", String(p.saves)), ("rdb_last_cow_size", "0"),
            ("rdb_last_load_keys_expired", String(load?.keysExpiredSoFar ?? p.lastLoadKeysExpired)),
            ("rdb_last_load_keys_loaded", String(load?.keysLoadedSoFar ?? p.lastLoadKeysLoaded)),
        ]
    }
}
