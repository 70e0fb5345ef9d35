/// A HyperLogLog exactly as Redis stores it inside a string value, so that GET/SET/DUMP move it between Strata and
/// Redis unchanged.
///
/// Layout: a 16-byte header — "HYLL", the encoding byte (0 dense, 1 sparse), three unused bytes, then the cached
/// cardinality as a 64-bit little-endian integer whose top bit set means "stale" — followed by 2^14 six-bit
/// registers, either dense (packed, 12288 bytes) or sparse (run-length opcodes, see HyperLogLog+Sparse.swift).
/// An element's register is the low 14 bits of its MurmurHash64A; the value stored is the position of the first
/// set bit in the remaining 50 bits (1-based, at most 51), and a register only ever grows.
struct HyperLogLog {
    static let precision = 14
    static let registerCount = 1 << precision
    static let registerBits = 6
    static let registerMax: UInt8 = 63
    /// Hash bits left after the register index.
    static let q = 64 - precision
    static let headerSize = 16
    static let denseSize = headerSize + (registerCount * registerBits + 7) / 8
    static let denseEncoding: UInt8 = 0
    static let sparseEncoding: UInt8 = 1
    static let corruptedError = "INVALIDOBJ Corrupted HLL object detected"
    static let notHLLError = "WRONGTYPE Key is not a valid HyperLogLog string value."

    /// The whole string value: header and registers.
    var bytes: Bytes

    /// Wraps the bytes of a string already checked with `isValid`.
    init(_ bytes: Bytes) { self.bytes = bytes }

    /// A new, empty HyperLogLog as PFADD creates it: sparse, one XZERO opcode covering all registers, cached
    /// cardinality 0 (valid).
    init() {
        bytes = Bytes(repeating: 0, count: HyperLogLog.headerSize + 2)
        bytes.replaceSubrange(0..<4, with: HyperLogLog.magic)
        bytes[4] = HyperLogLog.sparseEncoding
        // XZERO of 16384 registers: 01 111111 11111111.
        bytes[HyperLogLog.headerSize] = 0x7F
        bytes[HyperLogLog.headerSize + 1] = 0xFF
    }

    private static let magic: Bytes = Array("HYLL".utf8)

    /// Redis's check before treating a string as a HyperLogLog: at least a header, the magic, a known encoding,
    /// and the exact size when dense. (The sparse opcodes are only checked while they are walked.)
    static func isValid(_ bytes: Bytes) -> Bool {
        guard bytes.count >= headerSize, bytes[0..<4].elementsEqual(magic), bytes[4] <= sparseEncoding else {
            return false
        }
        return bytes[4] != denseEncoding || bytes.count == denseSize
    }

    var isDense: Bool { bytes[4] == HyperLogLog.denseEncoding }

    // MARK: Cached cardinality

    /// The cardinality stored in the header, or nil when a change has made it stale.
    var cachedCardinality: UInt64? {
        guard bytes[15] & 0x80 == 0 else { return nil }
        var card: UInt64 = 0
        for i in 0..<8 { card |= UInt64(bytes[8 + i]) << UInt64(8 * i) }
        return card
    }

    mutating func storeCardinality(_ card: UInt64) {
        for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: card >> UInt64(8 * i)) }
    }

    mutating func invalidateCache() { bytes[15] |= 0x80 }

    // MARK: Adding

    /// What adding an element or raising a register did.
    enum Update {
        case unchanged, changed, corrupted
    }

    /// The register an element hashes to and the value it offers that register.
    static func position(of element: Bytes) -> (index: Int, count: UInt8) {
        var hash = MurmurHash64A.hash(element)
        let index = Int(hash & UInt64(registerCount - 1))
        hash >>= UInt64(precision)
        hash |= 1 << UInt64(q) // the loop below ends by bit q, so the count is at most q + 1
        return (index, UInt8(hash.trailingZeroBitCount + 1))
    }

    /// PFADD of one element.
    mutating func add(_ element: Bytes, sparseMaxBytes: Int) -> Update {
        let (index, count) = HyperLogLog.position(of: element)
        return raise(index, to: count, sparseMaxBytes: sparseMaxBytes)
    }

    /// Sets register `index` to `count` if that is larger than its value, in either encoding (a sparse one may
    /// turn dense on the way).
    mutating func raise(_ index: Int, to count: UInt8, sparseMaxBytes: Int) -> Update {
        guard isDense else { return sparseRaise(index, to: count, maxBytes: sparseMaxBytes) }
        guard count > denseRegister(index) else { return .unchanged }
        setDenseRegister(index, count)
        return .changed
    }

    /// True when adding `element` would change the registers (or could not be decided because the sparse form is
    /// corrupted): PFADD leaves a key untouched unless this holds for one of its elements.
    func wouldChange(_ element: Bytes) -> Bool {
        let (index, count) = HyperLogLog.position(of: element)
        if isDense { return count > denseRegister(index) }
        guard count <= HyperLogLog.sparseMaxValue, let found = locateSparse(index) else { return true }
        return count > found.value
    }

    // MARK: Reading all registers

    /// Raises `registers` (one byte per register) to this HyperLogLog's values; false when the sparse form does
    /// not describe exactly 2^14 registers.
    func mergeMax(into registers: inout [UInt8]) -> Bool {
        if isDense {
            for i in 0..<HyperLogLog.registerCount {
                let v = denseRegister(i)
                if v > registers[i] { registers[i] = v }
            }
            return true
        }
        return forEachSparseRun { start, length, value in
            for i in start..<start + length where value > registers[i] { registers[i] = value }
        }
    }

    /// How many registers hold each value (index 0...63); nil for a corrupted sparse form.
    func registerHistogram() -> [Int]? {
        var histogram = [Int](repeating: 0, count: 64)
        if isDense {
            for i in 0..<HyperLogLog.registerCount { histogram[Int(denseRegister(i))] += 1 }
            return histogram
        }
        guard forEachSparseRun({ _, length, value in histogram[Int(value)] += length }) else { return nil }
        histogram[0] = HyperLogLog.registerCount - histogram.reduce(0, +)
        return histogram
    }

    /// The cardinality estimate of these registers (PFCOUNT without the cache); nil when corrupted.
    func estimate() -> UInt64? {
        registerHistogram().map(HyperLogLogEstimator.cardinality)
    }
}
