import Glibc
import RDB

/// BGREWRITEAOF in Redis 7's multi-part layout (see AOFWriter's doc), and the base installation it shares with
/// `create`.
extension AOFWriter {
    /// Begins a rewrite: flushes, opens the next incr file (starting at command-log offset `startOffset`; the
    /// previous one is closed at that offset), persists the manifest and switches appending to the new file.
    /// One rewrite at a time.
    public func startRewrite(startOffset: Int64) throws -> AOFRewrite {
        precondition(rewriteInProgress == nil, "an AOF rewrite is already in progress")
        try flush(force: true)
        var next = manifest
        next.currentIncrSeq += 1
        if !next.incrs.isEmpty { next.incrs[next.incrs.count - 1].endOffset = startOffset }
        let incr = AOFManifest.Entry(name: names.incr(seq: next.currentIncrSeq), seq: next.currentIncrSeq, type: .incr,
                                     startOffset: startOffset)
        next.incrs.append(incr)
        let path = AOFDirectory.path(directory, incr.name)
        let newFD = try AOFDirectory.openForAppend(path)
        do {
            try AOFDirectory.writeManifest(next, directory: directory, names: names)
        } catch {
            Glibc.close(newFD)
            unlink(path)
            throw error
        }
        manifest = next
        if policy == .everysec { environment.background.fsync(fd) }
        environment.background.close(fd)
        fd = newFD
        currentIncrSize = 0
        fsyncedSize = currentSize
        lastTimestamp = 0  // the new incr file opens with a timestamp
        let rewrite = AOFRewrite(temporaryBasePath: AOFDirectory.path(directory, names.temporaryBase(pid: getpid())))
        rewriteInProgress = rewrite
        return rewrite
    }

    /// Installs the base the caller wrote to `rewrite.temporaryBasePath` (see the type's doc).
    public func finishRewrite(_ rewrite: AOFRewrite) throws {
        precondition(rewriteInProgress == rewrite, "finishRewrite without a matching startRewrite")
        rewriteInProgress = nil
        do {
            try AOFDirectory.fsyncFile(rewrite.temporaryBasePath)
        } catch {
            unlink(rewrite.temporaryBasePath)
            throw error
        }
        let before = manifest
        let incrs = manifest.incrs
        manifest.history = incrs.dropLast().reversed().map { var e = $0; e.type = .history; return e } + manifest.history
        manifest.incrs = Array(incrs.suffix(1))
        do {
            try installBase(from: rewrite.temporaryBasePath)
        } catch {
            // The old base and incr files are still the AOF: the next manifest written must list them.
            manifest = before
            throw error
        }
    }

    /// Gives up a rewrite: the temporary base is removed; appending continues in the current incr file. Also
    /// safe after `finishRewrite` threw (the rewrite is already over then; only its leftovers are removed).
    public func abortRewrite(_ rewrite: AOFRewrite) {
        if rewriteInProgress == rewrite { rewriteInProgress = nil }
        unlink(rewrite.temporaryBasePath)
    }

    /// Renames a finished temporary base to the next base name, with the previous base turned into history;
    /// persists the manifest (restoring the previous one in memory if that fails), updates the sizes and deletes
    /// the history files.
    func installBase(from temporary: String) throws {
        let previous = manifest
        var next = manifest
        if var old = next.base {
            old.type = .history
            next.history.insert(old, at: 0)
        }
        next.currentBaseSeq += 1
        let base = AOFManifest.Entry(name: names.base(seq: next.currentBaseSeq, rdbPreamble: rdbPreamble), seq: next.currentBaseSeq,
                                     type: .base)
        next.base = base
        let basePath = AOFDirectory.path(directory, base.name)
        guard rename(temporary, basePath) == 0 else {
            let e = errno
            unlink(temporary)
            manifest = previous
            throw FileError("Error trying to rename the temporary AOF base file \(temporary) into \(base.name)", errno: e)
        }
        do {
            try AOFDirectory.writeManifest(next, directory: directory, names: names)
        } catch {
            unlink(basePath)
            manifest = previous
            throw error
        }
        manifest = next
        currentSize = AOFDirectory.size(of: basePath) + currentIncrSize
        baseSize = currentSize
        fsyncedSize = currentSize
        lastFsyncSecond = environment.now()
        try deleteHistory()
    }

    /// Deletes the history files and records that in the manifest (Redis's aofDelHistoryFiles).
    func deleteHistory() throws {
        guard !manifest.history.isEmpty else { return }
        for entry in manifest.history { unlink(AOFDirectory.path(directory, entry.name)) }
        manifest.history = []
        try persistManifest()
    }

    func persistManifest() throws {
        try AOFDirectory.writeManifest(manifest, directory: directory, names: names)
    }
}
