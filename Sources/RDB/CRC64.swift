/// The CRC-64 that closes every RDB file and DUMP payload: the Jones polynomial 0xad93d23594c935a9 in reflected
/// form, initial value 0, no final xor. Check value: "123456789" -> 0xe9c6d914c4b8d9ca.
public struct CRC64 {
    public private(set) var value: UInt64

    public init(_ value: UInt64 = 0) {
        self.value = value
    }

    /// Feeds `bytes` into the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = value
        let table = CRC64.table
        for byte in bytes {
            crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
        }
        value = crc
    }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes`.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var crc = CRC64()
        crc.update(bytes)
        return crc.value
    }

    /// Byte-at-a-time table for the reflected polynomial (0xad93d23594c935a9 bit-reversed is 0x95ac9329ac4bc9b5).
    static let table: [UInt64] = (0..<256).map { (n: Int) -> UInt64 in
        var crc = UInt64(n)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x95ac_9329_ac4b_c9b5 : crc >> 1 }
        return crc
    }
}
