/// The commands that rebuild a value, as Redis 7.0's AOF rewrite emits them for an AOF base written without an RDB
/// preamble (`aof-use-rdb-preamble no`):
/// - string: `SET key value`;
/// - list `RPUSH key element...`, set `SADD key member...`, sorted set `ZADD key score member...` (scores as
///   `%.17g`, `inf`, `-inf`), hash `HMSET key field value...`: at most `itemsPerCommand` elements (pairs for
///   sorted sets and hashes) per command, in the value's iteration order (list order; ascending for intsets and
///   sorted sets; insertion order for listpack hashes);
/// - stream: see `StreamValue.writeCommands(key:to:)`.
extension StoredValue {
    /// Elements per variadic command (Redis's AOF_REWRITE_ITEMS_PER_CMD).
    static let itemsPerCommand = 64

    func writeCommands(key: UnsafeRawBufferPointer, to out: CommandFileWriter) {
        switch self {
        case .string(let s):
            out.command(3)
            out.bulk("SET")
            out.bulk(key)
            switch s {
            case .int(let n): out.bulk(n)
            case .bytes(let b, _): out.bulk(b)
            }
        case .list(let l):
            var batch = CommandBatch("RPUSH", key: key, elements: l.count, argumentsPerElement: 1, out: out)
            l.forEach(in: 0..<l.count) { element in
                batch.next()
                element.withUnsafeBytes { out.bulk($0) }
            }
        case .set(let s):
            var batch = CommandBatch("SADD", key: key, elements: s.count, argumentsPerElement: 1, out: out)
            s.forEach { member in
                batch.next()
                member.withBytes { out.bulk($0) }
            }
        case .zset(let z):
            var batch = CommandBatch("ZADD", key: key, elements: z.count, argumentsPerElement: 2, out: out)
            z.forEach { element in
                batch.next()
                out.bulk(element.score)
                element.member.withUnsafeBytes { out.bulk($0) }
            }
        case .hash(let h):
            var batch = CommandBatch("HMSET", key: key, elements: h.count, argumentsPerElement: 2, out: out)
            h.forEach { field, value in
                batch.next()
                out.bulk(field)
                out.bulk(value)
            }
        case .stream(let s):
            s.writeCommands(key: key, to: out)
        }
    }
}

/// Spreads a collection's elements over `name key element...` commands of at most `StoredValue.itemsPerCommand`
/// elements each: call `next()` before writing each element's arguments.
struct CommandBatch {
    private let name: StaticString
    private let key: UnsafeRawBufferPointer
    private let argumentsPerElement: Int
    private let out: CommandFileWriter
    private var remaining: Int
    private var inCommand = 0

    init(_ name: StaticString, key: UnsafeRawBufferPointer, elements: Int, argumentsPerElement: Int,
         out: CommandFileWriter) {
        self.name = name
        self.key = key
        self.argumentsPerElement = argumentsPerElement
        self.out = out
        remaining = elements
    }

    /// Starts a new command when the previous one is full (or at the first element).
    mutating func next() {
        if inCommand == 0 {
            out.command(2 + min(remaining, StoredValue.itemsPerCommand) * argumentsPerElement)
            out.bulk(name)
            out.bulk(key)
        }
        inCommand = inCommand + 1 == StoredValue.itemsPerCommand ? 0 : inCommand + 1
        remaining -= 1
    }
}
