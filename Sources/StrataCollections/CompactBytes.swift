/// A byte string that keeps up to `CompactBytes.inlineCapacity` bytes inside the value itself and longer
/// ones in a heap array. The keyspace stores its keys this way: most Redis keys are short, and an inline
/// key costs no allocation (an `[UInt8]` of 16 bytes takes a 48-byte heap block), no reference counting
/// and no pointer chase when it is compared.
///
/// Format rule: inline bytes are packed little-endian into three 64-bit words, the byte count in the
/// last byte of the third word; unused bytes are zero, so equal strings have identical words. A string
/// of at most `inlineCapacity` bytes is always inline, so inline and heap values never compare equal.
public struct CompactBytes: TrieKey, Hashable, Sendable {
    @usableFromInline
    enum Storage: Hashable, Sendable {
        case inline(UInt64, UInt64, UInt64)
        case heap([UInt8])
    }

    /// The longest byte string stored inline.
    public static let inlineCapacity = 23

    @usableFromInline
    let storage: Storage

    @inlinable
    public init(_ bytes: [UInt8]) {
        guard bytes.count <= CompactBytes.inlineCapacity else {
            storage = .heap(bytes)
            return
        }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyBytes(from: bytes)
            raw[23] = UInt8(truncatingIfNeeded: bytes.count)
        }
        storage = .inline(UInt64(littleEndian: words.0), UInt64(littleEndian: words.1), UInt64(littleEndian: words.2))
    }

    /// A copy of `bytes` (a heap array only when longer than the inline capacity).
    @inlinable
    public init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= CompactBytes.inlineCapacity else {
            storage = .heap(Array(bytes))
            return
        }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            if let base = bytes.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
            raw[23] = UInt8(truncatingIfNeeded: bytes.count)
        }
        storage = .inline(UInt64(littleEndian: words.0), UInt64(littleEndian: words.1), UInt64(littleEndian: words.2))
    }

    /// The number of bytes.
    @inlinable
    public var count: Int {
        switch storage {
        case .inline(_, _, let w2): return Int(w2 >> 56)
        case .heap(let bytes): return bytes.count
        }
    }

    /// Calls `body` with the bytes, without copying heap storage.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(let w0, let w1, let w2):
            var words = (w0.littleEndian, w1.littleEndian, w2.littleEndian)
            let n = Int(w2 >> 56)
            // From the pointer: `rebasing: $0.prefix(n)` goes through the generic slicing code on every call.
            return try Swift.withUnsafeBytes(of: &words) { try body(UnsafeRawBufferPointer(start: $0.baseAddress!, count: n)) }
        case .heap(let bytes):
            return try bytes.withUnsafeBytes(body)
        }
    }

    /// The bytes as an array (allocates for inline strings).
    @inlinable
    public var bytes: [UInt8] {
        switch storage {
        case .inline: return withUnsafeBytes { Array($0) }
        case .heap(let bytes): return bytes
        }
    }

    /// Heap bytes this value owns beyond its own size (0 when inline).
    @inlinable
    public var heapBytes: Int {
        if case .heap(let bytes) = storage { return bytes.count }
        return 0
    }

    @inlinable
    public var trieHash: UInt64 {
        withUnsafeBytes { trieHashBytes($0) }
    }
}
