/// Reads one value of a given RDB type, in any encoding Redis 2.6 to 7.4 writes.
extension RDBReader {
    /// The value in the neutral `RDBValue` form.
    public mutating func value(_ type: RDBValueType) throws(RDBError) -> RDBValue {
        var collector = RDBValueCollector()
        return try value(type, into: &collector, refusalsAt: offset)
    }

    /// Decodes the value straight into `builder`: packed blobs are walked where they lie in the read buffer and
    /// plain elements are handed over from it, so nothing is copied that the builder does not keep. A refusal by
    /// the builder is reported at `refusalsAt` (the record's offset).
    public mutating func value<B: RDBValueBuilder>(_ type: RDBValueType, into b: inout B,
                                                   refusalsAt recordOffset: Int) throws(RDBError) -> B.Value {
        switch type {
        case .string:
            return b.string(try string())
        case .list, .set:
            let n = try count()
            b.begin(type == .list ? .list : .set, countHint: min(n, 1 << 16))
            for _ in 0..<n { try withString { b.element(.bytes($0)) } }
        case .zset, .zset2:
            let n = try count()
            b.begin(.zset, countHint: min(n, 1 << 16))
            for _ in 0..<n {
                let member = try string()
                let score = type == .zset2 ? try binaryDouble() : try textDouble()
                member.withUnsafeBytes { b.member(.bytes($0), score: score) }
            }
        case .hash:
            let n = try count()
            b.begin(.hash, countHint: min(n, 1 << 16))
            for _ in 0..<n {
                let field = try string()
                try withString { v in field.withUnsafeBytes { b.pair(.bytes($0), .bytes(v)) } }
            }
        case .hashZipmap:
            let pairs = try packed { blob throws(PackedFormatError) in try Zipmap.decode(Array(blob)) }
            b.begin(.hash, countHint: pairs.count)
            for p in pairs { p.field.withUnsafeBytes { f in p.value.withUnsafeBytes { v in b.pair(.bytes(f), .bytes(v)) } } }
        case .listZiplist:
            b.begin(.list, countHint: 0)
            try packed { blob throws(PackedFormatError) in try Ziplist.decode(Array(blob)).forEach { $0.build { b.element($0) } } }
        case .setIntset:
            let members = try packed { blob throws(PackedFormatError) in try Intset.decode(Array(blob)) }
            b.begin(.set, countHint: members.count)
            for m in members { b.element(.int(m)) }
        case .setListpack:
            try packed { blob throws(PackedFormatError) in
                b.begin(.set, countHint: Listpack.declaredCount(blob))
                try Listpack.forEach(blob) { b.element($0) }
            }
        case .zsetZiplist, .zsetListpack, .hashZiplist, .hashListpack:
            let isHash = type == .hashZiplist || type == .hashListpack
            var badScore = false
            func add(_ first: RDBElement, _ second: RDBElement) {
                if isHash {
                    b.pair(first, second)
                } else if let score = RDBReader.score(second) {
                    b.member(first, score: score)
                } else {
                    badScore = true
                }
            }
            let odd = try packed { blob throws(PackedFormatError) -> Bool in
                if type == .hashListpack || type == .zsetListpack {
                    b.begin(isHash ? .hash : .zset, countHint: Listpack.declaredCount(blob) / 2)
                    // Listpack elements stay valid while the blob is walked: each pair is handed over at its second.
                    var pending: RDBElement?
                    try Listpack.forEach(blob) { e in
                        if let first = pending {
                            pending = nil
                            add(first, e)
                        } else {
                            pending = e
                        }
                    }
                    return pending != nil
                }
                let entries = try Ziplist.decode(Array(blob))
                b.begin(isHash ? .hash : .zset, countHint: entries.count / 2)
                for i in stride(from: 0, to: entries.count - 1, by: 2) {
                    entries[i].build { first in entries[i + 1].build { add(first, $0) } }
                }
                return entries.count % 2 == 1
            }
            guard !odd else { throw error("\(isHash ? "hash" : "sorted set") blob has an odd number of elements") }
            guard !badScore else { throw error("invalid score in sorted set blob") }
        case .listQuicklist:
            let nodes = try count()
            b.begin(.list, countHint: 0)
            for _ in 0..<nodes {
                try packed { blob throws(PackedFormatError) in try Ziplist.decode(Array(blob)).forEach { $0.build { b.element($0) } } }
            }
        case .listQuicklist2:
            let nodes = try count()
            b.begin(.list, countHint: 0)
            for _ in 0..<nodes {
                let at = offset
                switch try length() {
                case 1: try withString { b.element(.bytes($0)) }  // a plain node: one big element
                case 2: try packed { blob throws(PackedFormatError) in try Listpack.forEach(blob) { b.element($0) } }
                case let c: throw error("unknown quicklist node container \(c)", at: at)
                }
            }
        case .streamListpacks, .streamListpacks2, .streamListpacks3:
            let s = try stream(version: type == .streamListpacks ? 1 : type == .streamListpacks2 ? 2 : 3)
            do {
                return try b.stream(s, encoding: type)
            } catch {
                throw self.error(error.message, at: recordOffset)
            }
        case .modulePreGA, .module2:
            let id = try length()
            throw error("the RDB holds a value of module type '\(RDBReader.moduleName(id))', which Strata cannot load")
        case .hashMetadataPreGA, .hashListpackExPreGA, .hashMetadata, .hashListpackEx:
            throw error("hashes with field expiration (RDB type \(type.rawValue), Redis 7.4+) are not supported")
        }
        do {
            return try b.end()
        } catch {
            throw self.error(error.message, at: recordOffset)
        }
    }

    /// Reads a string holding a packed blob and decodes it where it lies, reporting blob errors at the string's
    /// offset.
    private mutating func packed<T>(_ decode: (UnsafeRawBufferPointer) throws(PackedFormatError) -> T) throws(RDBError) -> T {
        let at = offset
        return try withString { blob throws(RDBError) in
            do {
                return try decode(blob)
            } catch {
                throw RDBError(offset: at, "\(error) of the blob")
            }
        }
    }

    /// A sorted-set score stored as a packed element: an integer, or its text.
    private static func score(_ element: RDBElement) -> Double? {
        switch element {
        case .int(let n): return Double(n)
        case .bytes(let b): return Double(String(decoding: b, as: UTF8.self))
        }
    }

    /// A module type's 9-character name, from the 54 high bits of its 64-bit id (6 bits per character).
    static func moduleName(_ id: UInt64) -> String {
        let charset = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var rest = id >> 10
        var name = [Character](repeating: " ", count: 9)
        for j in (0..<9).reversed() {
            name[j] = charset[Int(rest & 63)]
            rest >>= 6
        }
        return String(name)
    }
}
