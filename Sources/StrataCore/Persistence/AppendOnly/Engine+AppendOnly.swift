import AOF
import Glibc
import NIOCore

/// Feeding the command log to the AOF: the files are opened at startup or by `CONFIG SET appendonly yes`, each
/// event-loop round's effects are written (and fsynced as `appendfsync` says) before the replies of that round
/// leave, and the file is closed by `appendonly no` or shutdown.
extension Engine {
    /// `appenddirname`, relative to the working directory (`dir`).
    public var appendOnlyDirectory: String { config.string("appenddirname") }

    var appendOnlyNames: AOFFileNames { AOFFileNames(appendFilename: config.string("appendfilename")) }

    var fsyncPolicy: AOFFsyncPolicy { AOFFsyncPolicy(rawValue: config.enumValue("appendfsync")) ?? .everysec }

    /// True when the round's replies must wait for `flushAppendOnly` (effects are pending for the AOF).
    public var repliesWaitForAppendOnly: Bool { appendOnly.writer != nil && commandLog.output.readableBytes > 0 }

    /// Opens the AOF after the startup load (writing a first base from the loaded dataset when the directory has
    /// none) and attaches it to the command log. False (logged) when the files cannot be opened.
    public func openAppendOnlyAtStartup() -> Bool {
        attachAppendOnlyFiles(AOFWriter.open, base: takeSnapshot(now: Engine.clockMillis(), aofBase: true),
                              failure: "Can't open the append-only file")
    }

    /// `CONFIG SET appendonly yes`: starts fresh AOF files with an empty base and a new incr file at once, so every
    /// later write is logged, then writes the real base by a background rewrite from a snapshot of this same
    /// moment. Until that rewrite ends the files alone hold only the later writes, as Redis's do while it waits
    /// for its first rewrite; the config file still says `appendonly no` unless CONFIG REWRITE ran.
    func startAppendOnly() -> Bool {
        guard appendOnly.writer == nil else { return true }
        let empty = takeSnapshot(now: Engine.clockMillis(), aofBase: true).withoutKeys
        guard attachAppendOnlyFiles(AOFWriter.create, base: empty, failure: "Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error") else {
            return false
        }
        appendOnly.awaitingFirstBase = true
        // Inside a transaction the snapshot would see half of it: the base is written once it is over.
        guard executionDepth <= 1 else {
            appendOnly.rewriteScheduled = true
            return true
        }
        return startAppendOnlyRewrite()
    }

    /// Opens the files with `open` (AOFWriter.open or .create), writing `base` as the base if one is needed, and
    /// attaches them to the command log; false (logged with `failure`) when that fails.
    private func attachAppendOnlyFiles(
        _ open: (String, AOFFileNames, AOFFsyncPolicy, Bool, Int64, AOFEnvironment, (String) throws -> Void) throws -> AOFWriter,
        base: Snapshot, failure: String
    ) -> Bool {
        do {
            appendOnly.writer = try open(appendOnlyDirectory, appendOnlyNames, fsyncPolicy, config.bool("aof-use-rdb-preamble"),
                                         commandLog.offset, .live(), appendOnlyBaseWriter(base))
        } catch {
            logger.warning("\(failure): \(error)")
            return false
        }
        attachCommandLogToAppendOnly()
        return true
    }

    /// `CONFIG SET appendonly no`: writes and fsyncs what is pending, closes the file and stops logging.
    func stopAppendOnly() {
        guard let writer = appendOnly.writer else { return }
        flushAppendOnly(force: true)
        if let rewrite = appendOnly.rewrite {
            rewrite.cancellation.cancel(removingTemporaryFile: true)
            writer.abortRewrite(rewrite.files)
            appendOnly.rewrite = nil
            logger.notice("Killing running AOF rewrite child")
        }
        do {
            try writer.close()
        } catch {
            logger.warning("Fail to fsync the AOF file: \(error)")
        }
        appendOnly.writer = nil
        commandLog.detach()
    }

    private func attachCommandLogToAppendOnly() {
        appendOnly.writer?.timestampAnnotations = config.bool("aof-timestamp-enabled")
        commandLog.isActive = true
        // The new incr file starts without context: its first effect must select its database.
        commandLog.forgetSelectedDatabase()
    }

    /// Writes the round's effects to the AOF and applies the fsync policy; called once per event-loop round before
    /// replies are sent, from cron (everysec's background fsync, postponed writes), and with `force` at shutdown.
    /// A failed write is logged and refuses writes (MISCONF) until a flush succeeds; with `appendfsync always` it
    /// stops the server instead, since acknowledged writes could otherwise be lost (Redis exits too).
    public func flushAppendOnly(force: Bool = false) {
        guard let writer = appendOnly.writer else { return }
        var effects = commandLog.takeOutput()
        if effects.readableBytes > 0 {
            effects.withUnsafeReadableBytes { writer.append($0) }
            effects.moveReaderIndex(forwardBy: effects.readableBytes)
        }
        let skipFsync = config.bool("no-appendfsync-on-rewrite")
            && (appendOnly.rewrite != nil || persistence.backgroundSaveStartedAt != nil)
        do {
            try writer.flush(force: force, skipFsync: skipFsync)
            if appendOnly.writeError != nil {
                logger.warning("AOF write error looks solved, Redis can write again.")
                appendOnly.writeError = nil
            }
        } catch {
            appendOnly.writeError = error.description
            if writer.policy == .always {
                logger.warning("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting... (\(error))")
                exit(1)
            } else {
                logger.warning("Error writing to the AOF file: \(error)")
            }
        }
    }

    /// `MISCONF` refusal of writes after an AOF write error (Redis's DISK_ERROR_TYPE_AOF).
    func refusedByAppendOnlyError(_ spec: CommandSpec, _ client: ClientSession) -> String? {
        guard let error = appendOnly.writeError else { return nil }
        guard spec.flags.contains(.write) || spec.name == "ping"
            || (spec.name == "exec" && client.transaction?.flags.contains(.write) == true) else { return nil }
        return "MISCONF Errors writing to the AOF file: \(error)"
    }

    /// The AOF half of INFO persistence, as Redis 7.0 names and orders it.
    func appendOnlyInfo(now: Int64) -> [(String, String)] {
        let a = appendOnly
        var fields: [(String, String)] = [
            ("aof_enabled", a.isOn ? "1" : "0"), ("aof_rewrite_in_progress", a.rewrite == nil ? "0" : "1"),
            ("aof_rewrite_scheduled", a.rewriteScheduled ? "1" : "0"),
            ("aof_last_rewrite_time_sec", String(a.lastRewriteSeconds)),
            ("aof_current_rewrite_time_sec", a.rewrite.map { String((now - $0.startedAt) / 1000) } ?? "-1"),
            ("aof_last_bgrewrite_status", a.lastRewriteOK ? "ok" : "err"), ("aof_rewrites", String(a.rewrites)),
            ("aof_rewrites_consecutive_failures", String(a.consecutiveRewriteFailures)),
            ("aof_last_write_status", a.writeError == nil && (a.writer?.writeStatusOK ?? true) ? "ok" : "err"),
            ("aof_last_cow_size", "0"), ("module_fork_in_progress", "0"), ("module_fork_last_cow_size", "0"),
        ]
        if let w = a.writer {
            fields += [
                ("aof_current_size", String(w.currentSize)), ("aof_base_size", String(w.baseSize)),
                ("aof_pending_rewrite", a.rewriteScheduled ? "1" : "0"), ("aof_buffer_length", String(w.pendingCount)),
                ("aof_pending_bio_fsync", "0"), ("aof_delayed_fsync", String(w.delayedFsyncs)),
            ]
        }
        return fields
    }
}

extension Engine {
    /// CONFIG SET of the AOF directives that act at once.
    func appendOnlyConfigChanged(_ names: [String]) {
        // During the startup load the files are the load's; the setting is applied once it is over.
        if names.contains("appendonly"), !isLoading { applyAppendOnlySetting() }
        if names.contains("appendfsync") { appendOnly.writer?.policy = fsyncPolicy }
        if names.contains("aof-use-rdb-preamble") { appendOnly.writer?.rdbPreamble = config.bool("aof-use-rdb-preamble") }
        if names.contains("aof-timestamp-enabled") {
            appendOnly.writer?.timestampAnnotations = config.bool("aof-timestamp-enabled")
        }
    }

    /// Opens or closes the AOF to match `appendonly` (CONFIG SET, or the end of the startup load).
    public func applyAppendOnlySetting() {
        let wanted = config.bool("appendonly")
        if wanted, !appendOnly.isOn { _ = startAppendOnly() }
        if !wanted, appendOnly.isOn { stopAppendOnly() }
    }

    /// BGREWRITEAOF with `appendonly no`: writes a fresh set of files from the dataset as it is and closes them
    /// (Redis leaves such files too, ready for a later `appendonly yes`).
    func rewriteClosedAppendOnly() -> Bool {
        do {
            let writeBase = appendOnlyBaseWriter(takeSnapshot(now: Engine.clockMillis(), aofBase: true))
            let writer = try AOFWriter.create(directory: appendOnlyDirectory, names: appendOnlyNames, policy: fsyncPolicy,
                                              rdbPreamble: config.bool("aof-use-rdb-preamble"),
                                              startOffset: commandLog.offset, writeBase: writeBase)
            try writer.close()
        } catch {
            logger.warning("Background AOF rewrite failed: \(error)")
            return false
        }
        appendOnly.rewrites += 1
        logger.notice("Background append only file rewriting started")
        return true
    }
}

extension Snapshot {
    /// The same settings and aux fields with no keys (the placeholder base of `startAppendOnly`).
    var withoutKeys: Snapshot {
        Snapshot(databases: [], aux: aux, compression: compression, checksum: checksum, listNodeSize: listNodeSize,
                 access: access)
    }
}
