/// Reads an RDB file record by record, in constant memory apart from the current key's value.
///
/// `next()` returns each record in file order; after `.end` the trailer has been checked (version 5+: the CRC-64
/// of everything before it, unless the file was written with `rdbchecksum no`, which stores zero).
public struct RDBDecoder {
    /// A record with its key and value in the neutral form.
    public typealias Record = RDBRecord<[UInt8], RDBValue>

    public private(set) var reader: RDBReader
    public private(set) var version = 0
    public private(set) var db = 0
    private var finished = false

    public init(_ input: any RDBInput) {
        reader = RDBReader(input)
    }

    /// Offset of the next byte to be read.
    public var offset: Int { reader.offset }

    /// Reads the `REDIS0012`-style header.
    public mutating func readHeader() throws(RDBError) {
        let magic = try reader.bytes(5)
        guard magic == RDBFormat.magic else { throw RDBError(offset: 0, "not an RDB file (wrong signature)") }
        let digits = String(decoding: try reader.bytes(4), as: UTF8.self)
        guard let v = Int(digits), v >= 1, v <= RDBFormat.newestReadableVersion else {
            throw RDBError(offset: 5, "unsupported RDB version '\(digits)'")
        }
        version = v
    }

    /// The next record, its value in the neutral `RDBValue` form.
    public mutating func next() throws(RDBError) -> Record {
        var collector = RDBValueCollector()
        return try next(into: &collector)
    }

    /// The next record, its key and value built by `builder` as they are decoded.
    public mutating func next<B: RDBValueBuilder>(into builder: inout B) throws(RDBError) -> RDBRecord<B.Key, B.Value> {
        guard !finished else { return .end }
        var expireAt: Int64?
        var idle: UInt64?
        var frequency: UInt8?
        while true {
            let at = reader.offset
            let byte = try reader.byte()
            if let type = RDBValueType(rawValue: byte) {
                let key = try reader.withString { builder.key($0) }
                do {
                    let value = try reader.value(type, into: &builder, refusalsAt: at)
                    return .entry(RDBKeyedValue(db: db, key: key, value: value, encoding: type, expireAt: expireAt,
                                                idleSeconds: idle, frequency: frequency, offset: at))
                } catch var error {
                    error.key = builder.bytes(of: key)
                    throw error
                }
            }
            guard let opcode = RDBOpcode(rawValue: byte) else { throw reader.error("unknown record type \(byte)", at: at) }
            switch opcode {
            case .expireTime: expireAt = Int64(Int32(truncatingIfNeeded: try reader.littleEndian(4))) * 1000
            case .expireTimeMillis: expireAt = Int64(bitPattern: try reader.littleEndian(8))
            case .idle: idle = try reader.length()
            case .freq: frequency = try reader.byte()
            case .aux: return .aux(key: try reader.string(), value: try reader.string())
            case .selectDB:
                db = try reader.count()
                return .selectDB(db)
            case .resizeDB: return .resizeDB(keys: try reader.length(), expires: try reader.length())
            case .function2: return .function(try reader.string())
            case .functionPreGA: throw reader.error("pre-release function format (Redis 7.0 RC) is not supported", at: at)
            case .moduleAux:
                let id = try reader.length()
                throw reader.error("the RDB holds auxiliary data of module '\(RDBReader.moduleName(id))', which Strata cannot load", at: at)
            case .slotInfo:
                _ = try reader.length()
                _ = try reader.length()
                _ = try reader.length()
            case .eof:
                try checkTrailer()
                finished = true
                return .end
            }
        }
    }

    private mutating func checkTrailer() throws(RDBError) {
        guard version >= 5 else { return }
        let computed = reader.checksum()
        let at = reader.offset
        let stored = try reader.littleEndian(8)
        if stored != 0 && stored != computed {
            throw RDBError(offset: at, "wrong RDB checksum: file has \(hex(stored)), content gives \(hex(computed))")
        }
    }

    private func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}

/// One record of an RDB file, its key and value in the form a builder made them.
public enum RDBRecord<Key, Value> {
    case aux(key: [UInt8], value: [UInt8])
    case selectDB(Int)
    case resizeDB(keys: UInt64, expires: UInt64)
    case entry(RDBKeyedValue<Key, Value>)
    /// A FUNCTION2 payload: a function library's source code.
    case function([UInt8])
    case end
}

extension RDBRecord: Equatable where Key: Equatable, Value: Equatable {}
