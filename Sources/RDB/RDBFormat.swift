/// Constants of the RDB file format.
///
/// A file is `REDIS` + a 4-digit version, then records introduced by an opcode byte or a value-type byte:
/// AUX fields, SELECTDB/RESIZEDB per database, optional EXPIRETIME(_MS)/IDLE/FREQ before a key, then
/// `<type><key><value>`; EOF, then (version 5+) a CRC-64 of everything before it, little-endian.
public enum RDBFormat {
    /// The version Strata writes: what Redis 7.0 writes and reads.
    public static let writeVersion = 10
    /// The newest version Strata reads (Redis 7.4).
    public static let newestReadableVersion = 12
    public static let magic = Array("REDIS".utf8)
}

/// Record opcodes (the bytes above the value types).
public enum RDBOpcode: UInt8 {
    case slotInfo = 244
    case function2 = 245
    case functionPreGA = 246
    case moduleAux = 247
    case idle = 248
    case freq = 249
    case aux = 250
    case resizeDB = 251
    case expireTimeMillis = 252
    case expireTime = 253
    case selectDB = 254
    case eof = 255
}

/// Value-type bytes, each naming a type and its on-disk encoding.
public enum RDBValueType: UInt8, CaseIterable {
    case string = 0
    case list = 1
    case set = 2
    case zset = 3
    case hash = 4
    case zset2 = 5
    case modulePreGA = 6
    case module2 = 7
    case hashZipmap = 9
    case listZiplist = 10
    case setIntset = 11
    case zsetZiplist = 12
    case hashZiplist = 13
    case listQuicklist = 14
    case streamListpacks = 15
    case hashListpack = 16
    case zsetListpack = 17
    case listQuicklist2 = 18
    case streamListpacks2 = 19
    case setListpack = 20
    case streamListpacks3 = 21
    case hashMetadataPreGA = 22
    case hashListpackExPreGA = 23
    case hashMetadata = 24
    case hashListpackEx = 25

    /// The Redis data type the encoding holds ("string", "list", ...), as TYPE names it.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list, .listZiplist, .listQuicklist, .listQuicklist2: return "list"
        case .set, .setIntset, .setListpack: return "set"
        case .zset, .zset2, .zsetZiplist, .zsetListpack: return "zset"
        case .hash, .hashZipmap, .hashZiplist, .hashListpack, .hashMetadataPreGA, .hashListpackExPreGA,
             .hashMetadata, .hashListpackEx: return "hash"
        case .streamListpacks, .streamListpacks2, .streamListpacks3: return "stream"
        case .modulePreGA, .module2: return "module"
        }
    }
}

/// Special string encodings (a length byte with the top two bits set): the low six bits say which.
enum RDBStringEncoding: UInt8 {
    case int8 = 0
    case int16 = 1
    case int32 = 2
    case lzf = 3
}
