import AOF
import Glibc
import NIOCore
import RDB

/// Loading the AOF at startup (`appendonly yes` wins over the RDB, as in Redis): the manifest's base, then its
/// incr files in order, each command applied by a client of the load's own with the command log detached. A
/// transaction is applied only once its EXEC is read. The last file may end inside a command, or inside a
/// transaction: with `aof-load-truncated yes` that tail is logged and cut off and the load goes on; any other
/// damage stops the server, naming the file and the offset.
extension Engine {
    /// Loads the AOF named by the manifest in `appenddirname`: `.done` (also when there is none) or `.failed`.
    func loadAppendOnlyAtStartup() -> StartupLoadStep {
        let directory = appendOnlyDirectory
        let manifest: AOFManifest
        do {
            guard let found = try migrateOldStyleAppendOnlyFile()
                    ?? AOFDirectory.loadManifest(directory: directory, names: appendOnlyNames), !found.isEmpty else {
                return .done
            }
            manifest = found
        } catch {
            logger.warning("Fatal error: the AOF manifest of \(directory) is invalid: \(error)")
            return .failed
        }
        let started = Engine.monotonicNanos()
        replaysLog = true
        defer { replaysLog = false }
        let files = manifest.loadOrder
        var logEnd: Int64 = 0
        let client = ClientSession(id: 0, peerAddress: "", localAddress: "", isLocal: true, authenticated: true,
                                   now: Engine.clockMillis())
        // Like Redis's AOF client, it takes logged effects as given (e.g. an exact trim with LIMIT).
        client.mustObey = true
        for (index, entry) in files.enumerated() {
            let path = AOFDirectory.path(directory, entry.name)
            guard access(path, F_OK) == 0 else {
                logger.warning("Fatal error: the AOF file \(entry.name) doesn't exist")
                return .failed
            }
            guard AOFDirectory.size(of: path) > 0 else { continue }
            let last = index == files.count - 1
            do {
                let commandBytes = try loadAppendOnlyFile(path, name: entry.name, isBase: entry.type == .base,
                                                          isLast: last, client: client)
                if entry.type != .base { logEnd = (entry.startOffset ?? logEnd) + Int64(commandBytes) }
            } catch {
                logger.warning("\(error)")
                return .failed
            }
            logger.notice("DB loaded from \(entry.type == .base ? "base" : "incr") file \(entry.name): \(fixed(Double(Engine.monotonicNanos() - started) / 1e9, digits: 3)) seconds")
        }
        commandLog.resume(at: logEnd)
        logger.notice("DB loaded from append only file: \(fixed(Double(Engine.monotonicNanos() - started) / 1e9, digits: 3)) seconds")
        return .done
    }

    /// Applies one file; returns the bytes of the commands in it (the command log's bytes, annotations left
    /// out); throws a description of what stopped the load.
    private func loadAppendOnlyFile(_ path: String, name: String, isBase: Bool, isLast: Bool,
                                    client: ClientSession) throws -> Int {
        var reader = try AOFCommandReader(path: path)
        var transaction: [[Bytes]]?
        var commandBytes = 0
        // Bytes of an open transaction's commands: cut off with it if the file ends before its EXEC.
        var transactionBytes = 0
        while true {
            let next = Result { () throws(AOFError) in try reader.next() }
            if case .failure(let error) = next, error.kind == .truncated {
                try truncatedTail(path, name: name, isLast: isLast, validUpTo: reader.openTransactionStart ?? error.offset)
                return commandBytes - transactionBytes
            }
            switch try next.get() {
            case nil:
                if let start = reader.openTransactionStart {
                    logger.warning("Revert incomplete MULTI/EXEC transaction in AOF file \(name)")
                    try truncatedTail(path, name: name, isLast: isLast, validUpTo: start)
                }
                return commandBytes - transactionBytes
            case .rdbPreamble:
                logger.notice("Reading RDB \(isBase ? "base file" : "preamble") on AOF loading...")
                try loadSnapshot(from: path, merge: true)
                // A multi-part AOF's RDB base holds nothing after the RDB; an old single AOF may.
                if name.hasSuffix(".rdb") { return 0 }
                logger.notice("Reading the remaining AOF tail...")
            case .annotation:
                continue
            case .command(let command):
                commandBytes += command.end - command.start
                let args = command.args
                if transaction != nil { transactionBytes += command.end - command.start }
                if args[0].equalsIgnoringCase("MULTI") {
                    transaction = []
                    transactionBytes = command.end - command.start
                } else if args[0].equalsIgnoringCase("EXEC") {
                    transactionBytes = 0
                    for queued in transaction ?? [] { try applyLoggedCommand(queued, client: client, name: name, offset: command.start) }
                    transaction = nil
                } else if transaction != nil {
                    transaction!.append(args)
                } else {
                    try applyLoggedCommand(args, client: client, name: name, offset: command.start)
                }
            }
        }
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
