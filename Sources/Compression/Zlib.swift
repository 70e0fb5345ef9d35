import CZlib

/// Thin wrappers over the system zlib (Debian's zlib1g-dev), used for compressed backups and transfers.
public enum Zlib {
    /// Errors zlib reports, with its numeric status.
    public struct Failure: Error, Equatable { public let status: Int32 }

    /// The CRC-32 (IEEE) of `bytes`, continuing from `seed`.
    public static func crc32(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { p in
            UInt32(CZlib.crc32(UInt(seed), p.baseAddress, UInt32(p.count)))
        }
    }

    /// Deflates `bytes` into a zlib stream (RFC 1950) at `level` 0...9.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var destLen = compressBound(UInt(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(destLen))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &destLen, i.baseAddress, UInt(i.count), level)
            }
        }
        guard status == Z_OK else { throw Failure(status: status) }
        out.removeSubrange(Int(destLen)...)
        return out
    }

    /// Inflates a zlib stream whose decompressed size is known to be `originalSize`.
    public static func decompress(_ bytes: [UInt8], originalSize: Int) throws -> [UInt8] {
        var destLen = UInt(originalSize)
        var out = [UInt8](repeating: 0, count: originalSize)
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                uncompress(o.baseAddress, &destLen, i.baseAddress, UInt(i.count))
            }
        }
        guard status == Z_OK, Int(destLen) == originalSize else { throw Failure(status: status == Z_OK ? Z_DATA_ERROR : status) }
        return out
    }
}
