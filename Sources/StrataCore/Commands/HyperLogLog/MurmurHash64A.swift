/// Austin Appleby's MurmurHash64A as Redis's hyperloglog.c computes it: 8-byte blocks read little-endian, the
/// tail folded in byte by byte, the length mixed into the seed. HyperLogLog positions depend on every bit of it.
enum MurmurHash64A {
    /// Redis's HyperLogLog seed.
    static let redisSeed: UInt64 = 0xadc8_3b19

    static func hash(_ bytes: Bytes, seed: UInt64 = redisSeed) -> UInt64 {
        let m: UInt64 = 0xc6a4_a793_5bd1_e995
        let r: UInt64 = 47
        let len = bytes.count
        var h = seed ^ (UInt64(len) &* m)
        bytes.withUnsafeBytes { raw in
            let blocks = len / 8
            for i in 0..<blocks {
                var k = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                k = k &* m
                k ^= k >> r
                k = k &* m
                h ^= k
                h = h &* m
            }
            let tail = blocks * 8
            let rest = len & 7
            if rest > 0 {
                for i in stride(from: rest - 1, through: 0, by: -1) {
                    h ^= UInt64(raw[tail + i]) << UInt64(8 * i)
                }
                h = h &* m
            }
        }
        h ^= h >> r
        h = h &* m
        h ^= h >> r
        return h
    }
}
