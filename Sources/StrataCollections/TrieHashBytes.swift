/// The per-process secrets of `trieHashBytes`, drawn once from the system generator so that hash order
/// (and with it SCAN order) differs between runs and colliding keys cannot be precomputed.
@usableFromInline
let trieHashSecrets: (UInt64, UInt64) = (.random(in: .min ... .max), .random(in: .min ... .max))

/// Folds two words into one: the full 128-bit product, high half xor low half.
@inlinable @inline(__always)
func trieFold(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
}

/// A fast, well-mixed 64-bit hash of a byte string (a wyhash-style multiply-fold hash).
///
/// Format rule: bytes are read as little-endian words. Inputs of up to 16 bytes are read as two possibly
/// overlapping words (8...16 bytes: the first and last 8; 4...7 bytes: the first and last 4; 1...3 bytes:
/// first, middle and last byte packed into one word). Longer inputs first fold each 16-byte block except the
/// last into a running state, then read their final 16 bytes as the two words. The two words, the state
/// (initially a secret) and the length are combined by two `trieFold`s, so every output bit depends on
/// every input bit.
@inlinable
public func trieHashBytes(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    @inline(__always) func word(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    @inline(__always) func halfWord(_ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
    let length = bytes.count
    let (secret0, secret1) = trieHashSecrets
    var state = secret1
    var a: UInt64 = 0
    var b: UInt64 = 0
    if length > 16 {
        var offset = 0
        while length - offset > 16 {
            state = trieFold(word(offset) ^ secret0, word(offset + 8) ^ state)
            offset += 16
        }
        a = word(length - 16)
        b = word(length - 8)
    } else if length >= 8 {
        a = word(0)
        b = word(length - 8)
    } else if length >= 4 {
        a = halfWord(0)
        b = halfWord(length - 4)
    } else if length > 0 {
        a = UInt64(bytes[0]) << 16 | UInt64(bytes[length >> 1]) << 8 | UInt64(bytes[length - 1])
    }
    let folded = trieFold(a ^ secret0, b ^ state)
    return trieFold(folded ^ secret1, UInt64(truncatingIfNeeded: length) ^ 0x9E37_79B9_7F4A_7C15)
}
