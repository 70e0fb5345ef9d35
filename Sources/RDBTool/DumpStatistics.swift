import RDB

/// What `strata-rdb info` reports: aux fields, keys and expiring keys per database, a type/encoding histogram,
/// the biggest keys per type, and an estimate of the memory the dataset takes once loaded.
public struct DumpStatistics {
    public struct BigKey: Equatable {
        public var db: Int
        public var key: [UInt8]
        /// Bytes for strings, elements for collections.
        public var size: Int
    }

    public var version = 0
    public var aux: [(key: String, value: String)] = []
    public var keysPerDB: [Int: Int] = [:]
    public var expiringPerDB: [Int: Int] = [:]
    /// "type/encoding" -> keys, e.g. "hash/listpack".
    public var encodings: [String: Int] = [:]
    public var biggest: [String: [BigKey]] = [:]
    public var estimatedMemory = 0
    public var functions = 0
    public static let biggestPerType = 5

    public init() {}

    public var totalKeys: Int { keysPerDB.values.reduce(0, +) }

    public mutating func add(_ record: RDBDecoder.Record) {
        switch record {
        case .aux(let k, let v): aux.append((String(decoding: k, as: UTF8.self), String(decoding: v, as: UTF8.self)))
        case .entry(let e): add(e)
        case .function: functions += 1
        case .selectDB, .resizeDB, .end: break
        }
    }

    mutating func add(_ e: RDBEntry) {
        keysPerDB[e.db, default: 0] += 1
        if e.expireAt != nil { expiringPerDB[e.db, default: 0] += 1 }
        encodings["\(e.value.typeName)/\(DumpStatistics.encodingName(e.encoding))", default: 0] += 1
        let size = DumpStatistics.size(e.value)
        var top = biggest[e.value.typeName, default: []]
        if top.count < DumpStatistics.biggestPerType || size > top.last!.size {
            top.append(BigKey(db: e.db, key: e.key, size: size))
            top.sort { $0.size > $1.size }
            if top.count > DumpStatistics.biggestPerType { top.removeLast() }
            biggest[e.value.typeName] = top
        }
        estimatedMemory += DumpStatistics.estimatedBytes(e)
    }

    /// The on-disk encoding under the name Redis uses for it.
    public static func encodingName(_ t: RDBValueType) -> String {
        switch t {
        case .string: return "string"
        case .list: return "linkedlist"
        case .listZiplist, .zsetZiplist, .hashZiplist: return "ziplist"
        case .listQuicklist, .listQuicklist2: return "quicklist"
        case .set, .hash: return "hashtable"
        case .setIntset: return "intset"
        case .setListpack, .zsetListpack, .hashListpack: return "listpack"
        case .zset, .zset2: return "skiplist"
        case .hashZipmap: return "zipmap"
        case .streamListpacks, .streamListpacks2, .streamListpacks3: return "stream"
        default: return "unknown"
        }
    }

    static func size(_ v: RDBValue) -> Int {
        switch v {
        case .string(let s): return s.count
        case .list(let x), .set(let x): return x.count
        case .zset(let x): return x.count
        case .hash(let x): return x.count
        case .stream(let s): return s.entries.count
        }
    }

    /// A rough model of a loaded key: per-key overhead, payload bytes, and a per-element overhead that depends on
    /// whether the encoding is packed.
    static func estimatedBytes(_ e: RDBEntry) -> Int {
        let packed: Bool
        switch e.encoding {
        case .set, .hash, .zset, .zset2, .list: packed = false
        default: packed = true
        }
        let perElement = packed ? 4 : 48
        var bytes = 72 + e.key.count + (e.expireAt != nil ? 40 : 0)
        switch e.value {
        case .string(let s): bytes += 16 + s.count
        case .list(let items): bytes += items.reduce(0) { $0 + $1.count + 11 }
        case .set(let members): bytes += members.reduce(0) { $0 + $1.count + perElement }
        case .zset(let members): bytes += members.reduce(0) { $0 + $1.member.count + 8 + perElement * 2 }
        case .hash(let pairs): bytes += pairs.reduce(0) { $0 + $1.field.count + $1.value.count + perElement }
        case .stream(let s):
            bytes += s.entries.reduce(0) { $0 + 16 + $1.fields.reduce(0) { $0 + $1.field.count + $1.value.count + 2 } }
            bytes += s.groups.reduce(0) { $0 + 64 + $1.pending.count * 48 + $1.consumers.count * 64 }
        }
        return bytes
    }
}
