/// The DUMP/RESTORE payload: one value in RDB form (type byte + value, no key), then the RDB version as two
/// little-endian bytes, then the CRC-64 of everything before it, little-endian.
public enum DumpPayload {
    /// A payload of `value`, stamped with the RDB version Strata writes.
    public static func encode(_ value: RDBValue, layout: RDBEncoder.Layout, listNodeSize: Int = -2) -> [UInt8] {
        var e = RDBEncoder(compression: true, checksum: false)
        e.writeValue(key: nil, value, layout: layout, listNodeSize: listNodeSize)
        var bytes = e.drain()
        bytes.appendLittleEndian(UInt64(RDBFormat.writeVersion), width: 2)
        bytes.appendLittleEndian(CRC64.checksum(bytes), width: 8)
        return bytes
    }

    /// The value of a payload, after checking its trailer the way Redis 7.0 does: the version must not be newer
    /// than `maxVersion` and the checksum must match (a zero checksum is accepted, as Redis does).
    public static func decode(_ payload: [UInt8], maxVersion: Int = RDBFormat.writeVersion) throws(RDBError) -> (type: RDBValueType, value: RDBValue) {
        guard payload.count >= 10 else { throw RDBError(offset: 0, "DUMP payload version or checksum are wrong") }
        let body = payload.count - 10
        let version = Int(payload[body]) | Int(payload[body + 1]) << 8
        var stored: UInt64 = 0
        for k in 0..<8 { stored |= UInt64(payload[body + 2 + k]) << (8 * UInt64(k)) }
        guard version <= maxVersion, stored == 0 || stored == CRC64.checksum(payload[..<(body + 2)]) else {
            throw RDBError(offset: body, "DUMP payload version or checksum are wrong")
        }
        var reader = RDBReader(BytesInput(Array(payload[..<body])))
        let at = reader.offset
        let typeByte = try reader.byte()
        guard let type = RDBValueType(rawValue: typeByte) else { throw RDBError(offset: at, "Bad data format") }
        let value = try reader.value(type)
        guard try reader.atEnd() else { throw RDBError(offset: reader.offset, "Bad data format") }
        return (type, value)
    }
}
