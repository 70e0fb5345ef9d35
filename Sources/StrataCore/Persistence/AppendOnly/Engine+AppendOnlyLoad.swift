import AOF
import Glibc
import NIOCore
import RDB

/// Loading the AOF at startup (`appendonly yes` wins over the RDB, as in Redis): the manifest's base, then its
/// incr files in order, each command applied by a client of the load's own with the command log detached and
/// nothing expiring (`replaysLog`). An RDB base is read like a dump, on a background thread; the commands are
/// replayed a slice at a time on the engine's thread, clients getting -LOADING in between. A transaction is
/// applied only once its EXEC is read. The last file may end inside a command, or inside a transaction: with
/// `aof-load-truncated yes` that tail is logged and cut off and the load goes on; any other damage stops the
/// server, naming the file and the offset, before anything is served.
extension Engine {
    /// Begins loading the AOF named by the manifest in `appenddirname` (upgrading a Redis 6 single file first).
    /// `.done` when there is none (the AOF is then started from the empty dataset), `.failed` (logged) when it
    /// cannot be read, else `.loading`: an RDB base is read first through `startupLoadReader`, then
    /// `continueAppendOnlyLoad` replays the rest.
    func beginAppendOnlyLoad() -> StartupLoadStep {
        let directory = appendOnlyDirectory
        let manifest: AOFManifest
        do {
            guard let found = try migrateOldStyleAppendOnlyFile()
                    ?? AOFDirectory.loadManifest(directory: directory, names: appendOnlyNames), !found.isEmpty else {
                return openAppendOnlyAtStartup() ? .done : .failed
            }
            manifest = found
        } catch {
            logger.warning("Fatal error: the AOF manifest of \(directory) is invalid: \(error)")
            return .failed
        }
        let load = AppendOnlyLoad(directory: directory, manifest: manifest, now: Engine.clockMillis())
        appendOnlyLoad = load
        if let base = manifest.base, base.name.hasSuffix(".rdb") {
            let path = AOFDirectory.path(directory, base.name)
            guard access(path, F_OK) == 0 else {
                return appendOnlyLoadFailed("Fatal error: the AOF file \(base.name) doesn't exist")
            }
            do {
                persistence.loading = try beginSnapshotLoad(from: path, keepingExpired: true)
            } catch {
                return appendOnlyLoadFailed("Fatal error loading the AOF base \(base.name) at offset \(error.offset): \(error). Exiting.")
            }
            logger.notice("Reading RDB base file on AOF loading...")
            load.index = 1
        }
        return .loading
    }

    /// The RDB base is installed: the commands come next.
    func appendOnlyBaseLoaded(bytes: Int) {
        guard let load = appendOnlyLoad else { return }
        load.finishedBytes += bytes
        logger.notice("DB loaded from base file \(load.files[0].name): \(fixed(load.elapsedSeconds, digits: 3)) seconds")
    }

    /// Replays about `byteBudget` bytes of commands: `.loading` while more remain; at the end the AOF is opened for
    /// appending and the step is `.done` (or `.failed`, logged).
    public func continueAppendOnlyLoad(byteBudget: Int) -> StartupLoadStep {
        guard let load = appendOnlyLoad else { return .done }
        replaysLog = true
        defer { replaysLog = false }
        let stop = load.loadedBytes + max(1, byteBudget)
        let delay = config.int("key-load-delay")
        var items = 0
        do {
            // Redis also answers clients every 1024 commands, whatever their size.
            while load.loadedBytes < stop, items < 1024 {
                items += 1
                if load.reader == nil {
                    guard load.index < load.files.count else { return finishAppendOnlyLoad(load) }
                    try openAppendOnlyFile(load)
                } else if try !replayNextItem(load, keyDelayMicros: delay) {
                    closeAppendOnlyFile(load)
                }
            }
        } catch {
            return appendOnlyLoadFailed("\(error)")
        }
        return .loading
    }

    private func openAppendOnlyFile(_ load: AppendOnlyLoad) throws {
        let entry = load.files[load.index]
        let path = AOFDirectory.path(load.directory, entry.name)
        guard access(path, F_OK) == 0 else {
            throw AppendOnlyLoadError("Fatal error: the AOF file \(entry.name) doesn't exist")
        }
        guard AOFDirectory.size(of: path) > 0 else {
            // An empty incr file still says where the log stood when it began.
            if entry.type != .base { load.logEnd = entry.startOffset ?? load.logEnd }
            load.index += 1
            return
        }
        load.reader = try AOFCommandReader(path: path)
        load.commandBytes = 0
        // Each file starts in database 0, as Redis's loader starts each with a fresh client.
        load.client.db = 0
    }

    private func closeAppendOnlyFile(_ load: AppendOnlyLoad) {
        let entry = load.files[load.index]
        if entry.type != .base { load.logEnd = (entry.startOffset ?? load.logEnd) + Int64(load.commandBytes) }
        load.finishedBytes += AOFDirectory.size(of: AOFDirectory.path(load.directory, entry.name))
        load.reader = nil
        load.transaction = nil
        load.transactionBytes = 0
        load.index += 1
        logger.notice("DB loaded from \(entry.type == .base ? "base" : "incr") file \(entry.name): \(fixed(load.elapsedSeconds, digits: 3)) seconds")
    }

    /// Applies the next item of the open file; false at its end (a truncated tail cut off when allowed).
    private func replayNextItem(_ load: AppendOnlyLoad, keyDelayMicros: Int) throws -> Bool {
        let entry = load.files[load.index]
        let path = AOFDirectory.path(load.directory, entry.name)
        let isLast = load.index == load.files.count - 1
        let next = Result { () throws(AOFError) in try load.reader!.next() }
        if case .failure(let error) = next, error.kind == .truncated {
            try truncatedTail(path, name: entry.name, isLast: isLast,
                              validUpTo: load.reader!.openTransactionStart ?? error.offset)
            load.commandBytes -= load.transactionBytes
            return false
        }
        switch try next.get() {
        case nil:
            if let start = load.reader!.openTransactionStart {
                logger.warning("Revert incomplete MULTI/EXEC transaction in AOF file \(entry.name)")
                try truncatedTail(path, name: entry.name, isLast: isLast, validUpTo: start)
                load.commandBytes -= load.transactionBytes
            }
            return false
        case .rdbPreamble:
            // Only a Redis 6 style base (an RDB, then commands) gets here: its RDB part is read at once.
            logger.notice("Reading RDB preamble from AOF file...")
            try loadSnapshot(from: path, merge: true, keepingExpired: true)
            logger.notice("Reading the remaining AOF tail...")
        case .annotation:
            break
        case .command(let command):
            if keyDelayMicros > 0 { usleep(UInt32(clamping: keyDelayMicros)) }
            let size = command.end - command.start
            load.commandBytes += size
            let args = command.args
            if args[0].equalsIgnoringCase("MULTI") {
                load.transaction = []
                load.transactionBytes = size
            } else if args[0].equalsIgnoringCase("EXEC") {
                for queued in load.transaction ?? [] {
                    try applyLoggedCommand(queued, client: load.client, name: entry.name, offset: command.start)
                }
                load.transaction = nil
                load.transactionBytes = 0
            } else if load.transaction != nil {
                load.transaction!.append(args)
                load.transactionBytes += size
            } else {
                try applyLoggedCommand(args, client: load.client, name: entry.name, offset: command.start)
            }
        }
        return true
    }

    private func finishAppendOnlyLoad(_ load: AppendOnlyLoad) -> StartupLoadStep {
        appendOnlyLoad = nil
        commandLog.resume(at: load.logEnd)
        logger.notice("DB loaded from append only file: \(fixed(load.elapsedSeconds, digits: 3)) seconds")
        return openAppendOnlyAtStartup() ? .done : .failed
    }

    /// Ends the load with `message` logged; the server exits without serving.
    func appendOnlyLoadFailed(_ message: String) -> StartupLoadStep {
        logger.warning("\(message)")
        appendOnlyLoad = nil
        persistence.loading = nil
        return .failed
    }

    /// Redis 6's single `appendfilename` in `dir` (commands, possibly after an RDB preamble) becomes the base of
    /// a multi-part AOF, as Redis 7 upgrades it. Nil when there was nothing to upgrade.
    private func migrateOldStyleAppendOnlyFile() throws -> AOFManifest? {
        let names = appendOnlyNames
        guard try AOFDirectory.upgradeLegacyFile(names.appendFilename, into: appendOnlyDirectory, names: names) else {
            return nil
        }
        logger.notice("Successfully migrated an old-style AOF into the AOF directory")
        return try AOFDirectory.loadManifest(directory: appendOnlyDirectory, names: names)
    }

    /// The file ends inside a command or a transaction: cut it back to `validUpTo` when that is allowed.
    private func truncatedTail(_ path: String, name: String, isLast: Bool, validUpTo: Int) throws {
        guard isLast, config.bool("aof-load-truncated") else {
            throw AppendOnlyLoadError("Bad file format reading the append only file \(name): unexpected end of file at offset \(validUpTo). Make a backup of your AOF file, then use `strata-aof fix --truncate` (or redis-check-aof --fix) to repair it.")
        }
        logger.warning("!!! Warning: short read while loading the AOF file \(name)!!!")
        logger.warning("!!! Truncating the AOF \(name) at offset \(validUpTo) !!!")
        guard truncate(path, off_t(validUpTo)) == 0 else {
            throw AppendOnlyLoadError("Error truncating the AOF file \(name): \(String(cString: strerror(errno)))")
        }
        logger.warning("AOF \(name) loaded anyway because aof-load-truncated is enabled")
    }

    /// Runs one command of the AOF as Redis's fake AOF client does: no checks besides the command's existence and
    /// arity, reply discarded, nothing logged again.
    private func applyLoggedCommand(_ args: [Bytes], client: ClientSession, name: String, offset: Int) throws {
        guard var spec = commands.lookup(args[0]) else {
            throw AppendOnlyLoadError("Unknown command '\(args[0].text.prefix(128))' reading the append only file \(name) at offset \(offset)")
        }
        if !spec.subcommands.isEmpty, args.count >= 2, let sub = CommandTable.subcommand(of: spec, args[1]) { spec = sub }
        guard spec.acceptsArgumentCount(args.count), spec.handler != nil else {
            throw AppendOnlyLoadError("Bad command '\(args[0].text.prefix(128))' (wrong number of arguments) reading the append only file \(name) at offset \(offset)")
        }
        var discard = ByteBuffer()
        invoke(spec, args, client: client, startMicros: Engine.clockMicros(), out: &discard)
    }
}

/// Why the AOF could not be loaded, worded for the log.
struct AppendOnlyLoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
