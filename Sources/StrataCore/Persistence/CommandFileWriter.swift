import RDB
import RESP

/// Streams RESP commands (arrays of bulk strings, the form a client sends and an AOF holds) into an `AtomicFile`.
///
/// Appends never throw: bytes collect in a buffer that is written out whenever it passes `chunkSize`, so memory
/// stays bounded by one chunk plus the largest single element. The first write error is kept and everything after
/// it is dropped; `check()` throws it, so a caller checks once per key instead of once per element.
final class CommandFileWriter {
    private let file: AtomicFile
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var failure: FileError?

    /// Creates (truncating) the temporary file `temporaryName` next to `path`.
    init(path: String, temporaryName: String, chunkSize: Int = 1 << 20) throws(FileError) {
        file = try AtomicFile(path: path, temporaryName: temporaryName)
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 64 * 1024)
    }

    /// The file written until `commit` renames it over the destination.
    var temporaryPath: String { file.temporaryPath }

    /// `*n\r\n`: a command of `n` arguments follows.
    func command(_ n: Int) {
        buffer.append(UInt8(ascii: "*"))
        buffer.append(contentsOf: IntegerText.bytes(Int64(n)))
        appendLineEnd()
    }

    /// One argument given as raw bytes.
    func bulk(_ bytes: UnsafeRawBufferPointer) {
        bulkHeader(bytes.count)
        buffer.append(contentsOf: bytes)
        appendLineEnd()
        flushIfNeeded()
    }

    /// One argument given as a byte collection (an array, a slice of a stream node).
    func bulk(_ bytes: some Collection<UInt8>) {
        bulkHeader(bytes.count)
        buffer.append(contentsOf: bytes)
        appendLineEnd()
        flushIfNeeded()
    }

    /// An ASCII word (command names, options).
    func bulk(_ word: StaticString) {
        bulk(UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// An integer in decimal, as Redis's rioWriteBulkLongLong writes it.
    func bulk(_ n: Int64) { bulk(IntegerText.bytes(n)) }

    /// A double as Redis's rioWriteBulkDouble writes it (`%.17g`, `inf`, `-inf`).
    func bulk(_ d: Double) { bulk(formatDouble17g(d)) }

    /// A stream ID as `ms-seq`.
    func bulk(_ id: StreamID) { bulk(id.bytes) }

    /// Bytes written as they are (annotations such as `#TS:...\r\n`, which are not commands).
    func raw(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        flushIfNeeded()
    }

    /// Throws the first write error, if any happened.
    func check() throws(FileError) {
        if let failure { throw failure }
    }

    /// Writes out what is buffered, fsyncs and renames the file over the destination (see `AtomicFile.commit`).
    func commit() throws(FileError) {
        flushIfNeeded(force: true)
        try check()
        try file.commit()
    }

    /// Drops the temporary file; the destination is untouched.
    func abort() { file.abort() }

    private func flushIfNeeded(force: Bool = false) {
        guard force || buffer.count >= chunkSize else { return }
        if failure == nil {
            do throws(FileError) {
                try file.write(buffer)
            } catch {
                failure = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func bulkHeader(_ length: Int) {
        buffer.append(UInt8(ascii: "$"))
        buffer.append(contentsOf: IntegerText.bytes(Int64(length)))
        appendLineEnd()
    }

    private func appendLineEnd() {
        buffer.append(UInt8(ascii: "\r"))
        buffer.append(UInt8(ascii: "\n"))
    }
}
