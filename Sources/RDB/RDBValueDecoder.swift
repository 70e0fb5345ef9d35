/// Reads one value of a given RDB type, in any encoding Redis 2.6 to 7.4 writes.
extension RDBReader {
    public mutating func value(_ type: RDBValueType) throws(RDBError) -> RDBValue {
        switch type {
        case .string:
            return .string(try string())
        case .list:
            return .list(try strings(count()))
        case .set:
            return .set(try strings(count()))
        case .zset, .zset2:
            var members: [(member: [UInt8], score: Double)] = []
            for _ in 0..<(try count()) {
                let member = try string()
                members.append((member, type == .zset2 ? try binaryDouble() : try textDouble()))
            }
            return .zset(members)
        case .hash:
            var pairs: [(field: [UInt8], value: [UInt8])] = []
            for _ in 0..<(try count()) { pairs.append((try string(), try string())) }
            return .hash(pairs)
        case .hashZipmap:
            return .hash(try packed { b throws(PackedFormatError) in try Zipmap.decode(b) })
        case .listZiplist:
            return .list(try packed { b throws(PackedFormatError) in try Ziplist.decode(b).map(\.bytes) })
        case .setIntset:
            return .set(try packed { b throws(PackedFormatError) in try Intset.decode(b).map(PackedEntry.decimal) })
        case .setListpack:
            return .set(try packed { b throws(PackedFormatError) in try Listpack.decodeStrings(b) })
        case .zsetZiplist, .zsetListpack:
            let flat = try packed { b throws(PackedFormatError) in
                try (type == .zsetZiplist ? Ziplist.decode(b) : Listpack.decode(b))
            }
            guard flat.count % 2 == 0 else { throw error("sorted set blob has an odd number of elements") }
            return .zset(try stride(from: 0, to: flat.count, by: 2).map { i throws(RDBError) in
                (flat[i].bytes, try score(flat[i + 1]))
            })
        case .hashZiplist, .hashListpack:
            let flat = try packed { b throws(PackedFormatError) in
                try type == .hashZiplist ? Ziplist.decode(b).map(\.bytes) : Listpack.decodeStrings(b)
            }
            guard flat.count % 2 == 0 else { throw error("hash blob has an odd number of elements") }
            return .hash(stride(from: 0, to: flat.count, by: 2).map { (flat[$0], flat[$0 + 1]) })
        case .listQuicklist:
            var items: [[UInt8]] = []
            for _ in 0..<(try count()) {
                items += try packed { b throws(PackedFormatError) in try Ziplist.decode(b).map(\.bytes) }
            }
            return .list(items)
        case .listQuicklist2:
            var items: [[UInt8]] = []
            for _ in 0..<(try count()) {
                let at = offset
                switch try length() {
                case 1: items.append(try string())  // a plain node: one big element
                case 2: items += try packed { b throws(PackedFormatError) in try Listpack.decodeStrings(b) }
                case let c: throw error("unknown quicklist node container \(c)", at: at)
                }
            }
            return .list(items)
        case .streamListpacks, .streamListpacks2, .streamListpacks3:
            return .stream(try stream(version: type == .streamListpacks ? 1 : type == .streamListpacks2 ? 2 : 3))
        case .modulePreGA, .module2:
            let id = try length()
            throw error("the RDB holds a value of module type '\(RDBReader.moduleName(id))', which Strata cannot load")
        case .hashMetadataPreGA, .hashListpackExPreGA, .hashMetadata, .hashListpackEx:
            throw error("hashes with field expiration (RDB type \(type.rawValue), Redis 7.4+) are not supported")
        }
    }

    private mutating func strings(_ n: Int) throws(RDBError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    /// Reads a string holding a packed blob and decodes it, reporting blob errors at the string's offset.
    private mutating func packed<T>(_ decode: ([UInt8]) throws(PackedFormatError) -> T) throws(RDBError) -> T {
        let at = offset
        let blob = try string()
        do {
            return try decode(blob)
        } catch {
            throw self.error("\(error) of the blob", at: at)
        }
    }

    private func score(_ entry: PackedEntry) throws(RDBError) -> Double {
        switch entry {
        case .int(let n): return Double(n)
        case .bytes(let b):
            guard let d = Double(String(decoding: b, as: UTF8.self)) else { throw error("invalid score in sorted set blob") }
            return d
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
