import NIOCore
import RESP

/// Error texts of the stream commands, as Redis 7.0 words them.
enum StreamError {
    static let invalidID = "ERR Invalid stream ID specified as stream command argument"
    static let xaddIDTooSmall = "ERR The ID specified in XADD is equal or smaller than the target stream top item"
    static let xaddZeroID = "ERR The ID specified in XADD must be greater than 0-0"
    static let exhausted = "ERR The stream has exhausted the last possible ID, unable to add more items"
    static let invalidStart = "ERR invalid start ID for the interval"
    static let invalidEnd = "ERR invalid end ID for the interval"
    static let keyRequired = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want "
        + "to use the MKSTREAM option to create an empty stream automatically."
    static let busyGroup = "BUSYGROUP Consumer Group name already exists"

    static func noGroup(_ group: Bytes, key: Bytes) -> String {
        "NOGROUP No such consumer group '\(group.text)' for key name '\(key.text)'"
    }

    /// Redis's addReplySubcommandSyntaxError: a known subcommand with options it does not take.
    static func subcommandSyntax(_ call: Call) -> String {
        "ERR unknown subcommand or wrong number of arguments for '\(call.args[1].text.prefix(128))'. "
            + "Try \(call.args[0].text.uppercased()) HELP."
    }

    static func noKeyOrGroup(_ key: Bytes, _ group: Bytes) -> String {
        "NOGROUP No such key '\(key.text)' or consumer group '\(group.text)'"
    }
}

/// What a stream key holds when a command looks it up.
enum StreamLookup {
    case missing
    case wrongType
    case stream(StreamValue)
}

extension Call {
    /// Argument `i` as a stream ID ("ms-seq", or "ms" with sequence `missingSeq`); "-" and "+" only when not
    /// `strict`. Writes Redis's error and returns nil when malformed.
    func streamID(_ i: Int, _ out: inout ByteBuffer, missingSeq: UInt64 = 0, strict: Bool = true) -> StreamID? {
        guard let parsed = StreamID.parse(args[i], missingSeq: missingSeq, strict: strict) else {
            out.writeErrorReply(StreamError.invalidID)
            return nil
        }
        return parsed.id
    }

    /// Argument `i` as one end of an XRANGE-style interval: an ID, "-", "+", or "(" and a strict ID to exclude it.
    func streamIntervalID(_ i: Int, _ out: inout ByteBuffer, missingSeq: UInt64) -> (id: StreamID, exclusive: Bool)? {
        let a = args[i]
        let exclusive = a.count > 1 && a[0] == 40
        let parsed = exclusive ? StreamID.parse(Array(a.dropFirst()), missingSeq: missingSeq, strict: true)
            : StreamID.parse(a, missingSeq: missingSeq, strict: false)
        guard let parsed else {
            out.writeErrorReply(StreamError.invalidID)
            return nil
        }
        return (parsed.id, exclusive)
    }

    /// The stream under `key`, read with hit/miss accounting.
    func lookupStream(_ key: Bytes) -> StreamLookup {
        guard let e = engine.lookupRead(db, key, now: now) else { return .missing }
        guard case .stream(let s) = e.value else { return .wrongType }
        return .stream(s)
    }

    /// The stream under `key` before a write (expired keys go first; no hit/miss accounting).
    func lookupStreamForWrite(_ key: Bytes) -> StreamLookup {
        guard let e = engine.lookupWrite(db, key, now: now) else { return .missing }
        guard case .stream(let s) = e.value else { return .wrongType }
        return .stream(s)
    }

    /// Mutates the stream under `key` in place (the caller has checked it exists and is a stream).
    @discardableResult
    func editStream<R>(_ key: Bytes, unchanged: (R) -> Bool = { _ in false }, _ body: (inout StreamValue) -> R) -> R {
        db.edit(key, unchanged: unchanged) { v -> R in
            guard case .stream(var s) = v else { preconditionFailure("not a stream") }
            v = .placeholder
            defer { v = .stream(s) }
            return body(&s)
        }!
    }
}

extension ByteBuffer {
    /// A stream ID as a bulk string.
    mutating func writeStreamID(_ id: StreamID) {
        writeBulkReply(id.bytes)
    }

    /// One entry as Redis replies it: [id, [field, value, ...]].
    mutating func writeStreamEntry(_ id: StreamID, _ node: StreamNode, _ index: Int) {
        writeArrayHeader(2)
        writeStreamID(id)
        writeArrayHeader(node.elementCount(at: index))
        node.forEachElement(at: index) { writeBulkReply($0) }
    }
}

extension StreamValue {
    /// Writes the entries with start <= ID <= end (at most `count` when > 0), ascending or descending, as an
    /// array; returns their IDs.
    @discardableResult
    func writeRange(from start: StreamID, to end: StreamID, count: Int, reverse: Bool,
                    _ out: inout ByteBuffer) -> [StreamID] {
        var found: [StreamEntries.Position] = []
        entries.forEach(from: start, through: end, reverse: reverse) { p in
            found.append(p)
            return count <= 0 || found.count < count
        }
        out.writeArrayHeader(found.count)
        return found.map { p in
            let id = entries[p]
            out.writeStreamEntry(id, entries.nodes[p.node], p.index)
            return id
        }
    }

    /// Writes the entry `id` if it is live; false when it is not.
    func writeEntry(_ id: StreamID, _ out: inout ByteBuffer) -> Bool {
        guard let p = entries.position(of: id) else { return false }
        out.writeStreamEntry(id, entries.nodes[p.node], p.index)
        return true
    }
}
