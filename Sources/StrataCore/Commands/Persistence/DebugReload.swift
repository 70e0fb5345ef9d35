import NIOCore
import RESP

/// DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save the dataset, then load it back from the file. NOSAVE loads the
/// existing file; NOFLUSH adds the file's keys to the dataset instead of replacing it, and then a key in both
/// takes the file's value (Redis requires MERGE for that and would abort on a duplicate without it). Unlike Redis,
/// a file that fails to load leaves the dataset as it was, and during the startup load it answers -LOADING.
extension Engine {
    static let debugReloadHelp = [
        "RELOAD [option ...]",
        "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
        "    * MERGE: conflicting keys will be loaded from RDB.",
        "    * NOFLUSH: the existing database will not be removed before load, but",
        "      keys in both take the value from the RDB.",
        "    * NOSAVE: the database will be loaded from an existing RDB file.",
    ]

    static func debugReload(_ call: Call, _ out: inout ByteBuffer) {
        var flush = true, save = true
        for i in 2..<call.argc {
            if call.arg(i, is: "MERGE") {
                continue
            } else if call.arg(i, is: "NOFLUSH") {
                flush = false
            } else if call.arg(i, is: "NOSAVE") {
                save = false
            } else {
                return out.writeErrorReply("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.")
            }
        }
        let engine = call.engine
        // The save resets the change count and the load changes the dataset only from a file: neither is logged,
        // as in Redis.
        call.propagateNothing()
        // Saving now would replace the file being loaded with the empty dataset.
        guard !engine.isLoading else { return out.writeErrorReply(Engine.loadingRefusal) }
        if save {
            do {
                try engine.saveSnapshot(to: engine.snapshotPath)
            } catch {
                return out.writeErrorReply("ERR")
            }
        }
        do {
            try engine.loadSnapshot(from: engine.snapshotPath, merge: !flush)
        } catch {
            engine.logger.warning("Error loading \(engine.snapshotPath): \(error)")
            return out.writeErrorReply("ERR Error trying to load the RDB dump, check server logs.")
        }
        engine.logger.warning("DB reloaded by DEBUG RELOAD")
        out.writeSimpleString("OK")
    }
}
