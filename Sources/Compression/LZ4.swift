import CLZ4

/// Thin wrappers over the system liblz4 (Debian's liblz4-dev) block format, for fast compression of snapshots in transit.
public enum LZ4 {
    /// The input could not be compressed or decompressed; `status` is liblz4's return value.
    public struct Failure: Error, Equatable { public let status: Int32 }

    /// Compresses `bytes` as one LZ4 block. The block does not record its original size: keep it alongside.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let bound = LZ4_compressBound(Int32(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let written = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                i.withMemoryRebound(to: CChar.self) { ic in
                    o.withMemoryRebound(to: CChar.self) { oc in
                        LZ4_compress_default(ic.baseAddress, oc.baseAddress, Int32(ic.count), bound)
                    }
                }
            }
        }
        guard written > 0 || bytes.isEmpty else { throw Failure(status: written) }
        out.removeSubrange(Int(written)...)
        return out
    }

    /// Decompresses one LZ4 block whose original size is `originalSize`; refuses malformed input.
    public static func decompress(_ bytes: [UInt8], originalSize: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: originalSize)
        let read = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                i.withMemoryRebound(to: CChar.self) { ic in
                    o.withMemoryRebound(to: CChar.self) { oc in
                        LZ4_decompress_safe(ic.baseAddress, oc.baseAddress, Int32(ic.count), Int32(originalSize))
                    }
                }
            }
        }
        guard read == originalSize else { throw Failure(status: read) }
        return out
    }
}
