/// Streams an RDB into an `AtomicFile`: the encoder's buffer is written out whenever it passes `chunkSize`, so
/// memory stays constant however big the dataset.
public final class RDBFileWriter {
    public private(set) var encoder: RDBEncoder
    private let file: AtomicFile
    private let chunkSize: Int

    public init(path: String, temporaryName: String, compression: Bool, checksum: Bool, chunkSize: Int = 1 << 20) throws(FileError) {
        file = try AtomicFile(path: path, temporaryName: temporaryName)
        encoder = RDBEncoder(compression: compression, checksum: checksum)
        self.chunkSize = chunkSize
    }

    /// Header and aux fields, in the order given.
    public func begin(aux: [(String, String)]) throws(FileError) {
        encoder.writeHeader()
        for (k, v) in aux { encoder.writeAux(k, v) }
        try flushIfNeeded(force: true)
    }

    public func beginDatabase(_ index: Int, keys: Int, expires: Int) throws(FileError) {
        encoder.writeSelectDB(index)
        encoder.writeResizeDB(keys: keys, expires: expires)
        try flushIfNeeded()
    }

    public func write(_ entry: RDBEntry, layout: RDBEncoder.Layout, listNodeSize: Int = -2) throws(FileError) {
        encoder.writeEntry(entry, layout: layout, listNodeSize: listNodeSize)
        try flushIfNeeded()
    }

    /// Writes whatever `body` writes with the encoder (one key, written straight from the caller's own values
    /// with the encoder's `write…` primitives).
    public func write(_ body: (inout RDBEncoder) -> Void) throws(FileError) {
        body(&encoder)
        try flushIfNeeded()
    }

    /// The temporary file the RDB is written to until `commit` renames it.
    public var temporaryPath: String { file.temporaryPath }

    /// Bytes written so far (INFO's rdb progress, logs).
    public var offset: Int { encoder.offset }

    /// EOF and checksum, then the atomic replace.
    public func commit() throws(FileError) {
        encoder.finish()
        try flushIfNeeded(force: true)
        try file.commit()
    }

    public func abort() { file.abort() }

    private func flushIfNeeded(force: Bool = false) throws(FileError) {
        guard force || encoder.buffer.count >= chunkSize else { return }
        try encoder.drain(to: file)
    }
}
