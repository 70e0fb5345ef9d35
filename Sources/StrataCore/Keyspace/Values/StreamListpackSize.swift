/// Byte sizes of listpack elements, so stream nodes can be split exactly where Redis splits its listpacks
/// (`stream-node-max-bytes` compares the node's listpack size). A listpack is a 6-byte header, its elements and
/// a 1-byte terminator; each element is its encoding (type bits, length, data) followed by a "backlen" of 1-5
/// bytes that stores the encoding's size for backwards walks.
enum ListpackSize {
    static let overhead = 7

    /// Size of an element holding `bytes`: integers in canonical decimal form are stored as integers.
    static func element(_ bytes: some Collection<UInt8>) -> Int {
        if let n = IntegerText.parse(bytes) { return integer(n) }
        let n = bytes.count
        return withBacklen(n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n)
    }

    /// Size of an element holding the integer `n`.
    static func integer(_ n: Int64) -> Int {
        switch n {
        case 0...127: return 2
        case -4096...4095: return 3
        case -32768...32767: return 4
        case -8_388_608...8_388_607: return 5
        case -2_147_483_648...2_147_483_647: return 6
        default: return 10
        }
    }

    private static func withBacklen(_ encoded: Int) -> Int {
        encoded + (encoded < 128 ? 1 : encoded < 16384 ? 2 : encoded < 2_097_152 ? 3 : encoded < 268_435_456 ? 4 : 5)
    }
}
