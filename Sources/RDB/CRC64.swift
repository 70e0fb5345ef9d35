/// The CRC-64 that closes every RDB file and DUMP payload: the Jones polynomial 0xad93d23594c935a9 in reflected
/// form, initial value 0, no final xor. Check value: "123456789" -> 0xe9c6d914c4b8d9ca.
///
/// Computed eight bytes at a time ("slicing-by-8", as Redis's crcspeed does): table `k` holds the CRC of a byte
/// followed by `k` zero bytes, so one step folds eight input bytes with eight lookups.
public struct CRC64 {
    public private(set) var value: UInt64

    public init(_ value: UInt64 = 0) {
        self.value = value
    }

    /// Feeds `bytes` into the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress else { return }
        var crc = value
        var left = bytes.count
        CRC64.tables.withUnsafeBufferPointer { t in
            let t = t.baseAddress!
            while left >= 8 {
                crc ^= UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                crc = t[7 * 256 + Int(crc & 0xFF)] ^ t[6 * 256 + Int((crc >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((crc >> 16) & 0xFF)] ^ t[4 * 256 + Int((crc >> 24) & 0xFF)]
                    ^ t[3 * 256 + Int((crc >> 32) & 0xFF)] ^ t[2 * 256 + Int((crc >> 40) & 0xFF)]
                    ^ t[256 + Int((crc >> 48) & 0xFF)] ^ t[Int(crc >> 56)]
                p += 8
                left -= 8
            }
            while left > 0 {
                crc = t[Int(UInt8(truncatingIfNeeded: crc) ^ p.load(as: UInt8.self))] ^ (crc >> 8)
                p += 1
                left -= 1
            }
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

    /// Eight tables of 256 entries, one after the other. Table 0 is the byte-at-a-time table for the reflected
    /// polynomial (0xad93d23594c935a9 bit-reversed is 0x95ac9329ac4bc9b5); table `k` advances table `k - 1` by
    /// one zero byte.
    static let tables: [UInt64] = {
        var t = [UInt64](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var crc = UInt64(n)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x95ac_9329_ac4b_c9b5 : crc >> 1 }
            t[n] = crc
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = t[(k - 1) * 256 + n]
                t[k * 256 + n] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()
}
