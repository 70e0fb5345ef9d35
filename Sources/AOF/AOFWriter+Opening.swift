import Glibc

/// Opening the AOF directory: at server start, or from a fresh base.
extension AOFWriter {
    /// Opens `directory` for appending at server start, as Redis's `aofOpenIfNeededOnServerStart`: creates the
    /// directory if missing; when its manifest lists no base and no incr file (or there is no manifest), writes a
    /// base first with `writeBase(path)` (the dataset as loaded, possibly empty); opens the last incr file for
    /// appending, or a new one starting at command-log offset `startOffset`; persists the manifest if it changed
    /// and deletes leftover history files and the temporary bases of rewrites a crash interrupted.
    public static func open(directory: String, names: AOFFileNames = AOFFileNames(), policy: AOFFsyncPolicy,
                            rdbPreamble: Bool, startOffset: Int64, environment: AOFEnvironment = .live(),
                            writeBase: (String) throws -> Void) throws -> AOFWriter {
        try AOFDirectory.create(directory)
        AOFDirectory.removeStaleTemporaryBases(directory)
        var manifest = try AOFDirectory.loadManifest(directory: directory, names: names) ?? AOFManifest()
        if manifest.isEmpty {
            return try create(directory: directory, names: names, policy: policy, rdbPreamble: rdbPreamble,
                              startOffset: startOffset, environment: environment, writeBase: writeBase)
        }
        var dirty = false
        if manifest.incrs.isEmpty {
            manifest.currentIncrSeq += 1
            manifest.incrs.append(.init(name: names.incr(seq: manifest.currentIncrSeq), seq: manifest.currentIncrSeq,
                                        type: .incr, startOffset: startOffset))
            dirty = true
        }
        let incrPath = AOFDirectory.path(directory, manifest.incrs.last!.name)
        let fd = try AOFDirectory.openForAppend(incrPath)
        let writer = AOFWriter(directory: directory, names: names, manifest: manifest, policy: policy,
                               rdbPreamble: rdbPreamble, environment: environment, fd: fd)
        writer.currentIncrSize = AOFDirectory.size(of: incrPath)
        writer.currentSize = manifest.loadOrder.reduce(0) { $0 + AOFDirectory.size(of: AOFDirectory.path(directory, $1.name)) }
        writer.baseSize = writer.currentSize
        writer.fsyncedSize = writer.currentSize
        if dirty { try writer.persistManifest() }
        try writer.deleteHistory()
        return writer
    }

    /// Starts a fresh AOF in `directory` from a new base (first start, `CONFIG SET appendonly yes`): the base is
    /// written by `writeBase(path)` to a temporary file, fsynced and renamed to the next base name; a new empty
    /// incr file starting at `startOffset` is opened; whatever the manifest listed before becomes history and is
    /// deleted once the new manifest is durable.
    public static func create(directory: String, names: AOFFileNames = AOFFileNames(), policy: AOFFsyncPolicy,
                              rdbPreamble: Bool, startOffset: Int64, environment: AOFEnvironment = .live(),
                              writeBase: (String) throws -> Void) throws -> AOFWriter {
        try AOFDirectory.create(directory)
        let previous = try AOFDirectory.loadManifest(directory: directory, names: names) ?? AOFManifest()
        let temporary = AOFDirectory.path(directory, names.temporaryBase(pid: getpid()))
        do {
            try writeBase(temporary)
            try AOFDirectory.fsyncFile(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        var manifest = previous
        manifest.currentIncrSeq += 1
        let incr = AOFManifest.Entry(name: names.incr(seq: manifest.currentIncrSeq), seq: manifest.currentIncrSeq, type: .incr,
                                     startOffset: startOffset)
        let incrPath = AOFDirectory.path(directory, incr.name)
        let fd: Int32
        do {
            fd = try AOFDirectory.openForAppend(incrPath)
        } catch {
            unlink(temporary)
            throw error
        }
        let writer = AOFWriter(directory: directory, names: names, manifest: manifest, policy: policy,
                               rdbPreamble: rdbPreamble, environment: environment, fd: fd)
        writer.manifest.history = previous.incrs.reversed().map { var e = $0; e.type = .history; return e } + previous.history
        writer.manifest.incrs = [incr]
        writer.currentIncrSize = AOFDirectory.size(of: incrPath)
        try writer.installBase(from: temporary)
        return writer
    }
}
