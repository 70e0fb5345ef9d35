/// `stop-writes-on-bgsave-error`: while save rules exist and the last background save failed, Redis refuses every
/// write command (and PING, which tells a monitoring client something is wrong) until a save succeeds.
extension Engine {
    static let diskErrorRefusal = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error."

    /// True when `spec` must be refused with `diskErrorRefusal`: a write command, EXEC of a transaction holding
    /// one, or PING, after a failed background save with save rules configured and the option on.
    func refusedByDiskError(_ spec: CommandSpec, _ client: ClientSession) -> Bool {
        guard !persistence.lastBackgroundSaveOK, config.bool("stop-writes-on-bgsave-error"), !config.saveRules.isEmpty else {
            return false
        }
        if spec.flags.contains(.write) || spec.name == "ping" { return true }
        return spec.name == "exec" && client.transaction?.flags.contains(.write) == true
    }
}
