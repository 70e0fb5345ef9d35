import RDB

/// Receives the contents of a multi-part AOF as `AOFReplay` reads it.
public protocol AOFReplayHandler {
    /// A file of the manifest is about to be read (`size` in bytes).
    mutating func beginFile(_ entry: AOFManifest.Entry, path: String, size: Int) throws
    /// A record of the RDB preamble of the current file (a base written with `aof-use-rdb-preamble yes`).
    mutating func rdbRecord(_ record: RDBDecoder.Record) throws
    /// A command of the current file. Commands of a transaction arrive as read; when a file ends inside one,
    /// the replay ends `.truncated` at its `MULTI` and the handler drops what it queued, as Redis does.
    mutating func command(_ command: AOFCommand) throws
}

/// What a replay found at the end.
public enum AOFReplayEnd: Equatable {
    case complete
    /// The last file ends inside a command or a transaction: with `aof-load-truncated yes` Redis logs it, cuts
    /// the file at `validUpTo` and serves what was loaded; otherwise it refuses to start.
    case truncated(file: String, path: String, validUpTo: Int, size: Int)
}

/// Reads the files of a multi-part AOF in load order (base, then incr files) with Redis 7.0's rules
/// (`loadAppendOnlyFiles`): a file listed in the manifest must exist (`AOFError.Kind.missing`); a truncated tail
/// is accepted only in the last file (anywhere else it is thrown as `.truncated`: Redis's "the truncated file is
/// not the last file"); a file ending inside MULTI ... without EXEC counts as truncated before the MULTI;
/// corruption is thrown with the file and offset. History files are not read.
public enum AOFReplay {
    public static func run(directory: String, manifest: AOFManifest, handler: inout some AOFReplayHandler) throws -> AOFReplayEnd {
        let files = manifest.loadOrder
        for (index, entry) in files.enumerated() {
            let path = AOFDirectory.path(directory, entry.name)
            let last = index == files.count - 1
            let source: AOFFileSource
            do {
                source = try AOFFileSource(path: path)
            } catch {
                throw AOFError(error.kind, file: entry.name, offset: 0, error.message)
            }
            let size = source.size
            try handler.beginFile(entry, path: path, size: size)
            var reader = AOFCommandReader(source: source, file: entry.name)
            var cut: Int?
            do {
                while let item = try reader.next() {
                    switch item {
                    case .rdbPreamble: try reader.readPreamble { try handler.rdbRecord($0) }
                    case .command(let command): try handler.command(command)
                    case .annotation: break
                    }
                }
                cut = reader.openTransactionStart
            } catch let error as AOFError where error.kind == .truncated {
                cut = reader.openTransactionStart ?? error.offset
            }
            guard let cut else { continue }
            guard last else {
                throw AOFError(.truncated, file: entry.name, offset: cut,
                               "Unexpected end of file reading the append only file (the truncated file is not the last file)")
            }
            return .truncated(file: entry.name, path: path, validUpTo: cut, size: size)
        }
        return .complete
    }
}
