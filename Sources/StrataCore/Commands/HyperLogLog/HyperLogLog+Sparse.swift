/// The sparse encoding: run-length opcodes after the header that together must cover exactly 16384 registers.
///
///     ZERO   00xxxxxx            xxxxxx + 1 registers (1...64) set to 0
///     XZERO  01xxxxxx yyyyyyyy   (xxxxxx << 8 | yyyyyyyy) + 1 registers (1...16384) set to 0
///     VAL    1vvvvvxx            xx + 1 registers (1...4) set to vvvvv + 1 (1...32)
///
/// Updates follow Redis's hllSparseSet step by step (split the opcode covering the register, then merge equal
/// neighbouring VALs within five opcodes of the change), so the bytes equal Redis's after the same additions.
/// A register value above 32, or growth past `hll-sparse-max-bytes`, converts the whole value to dense.
extension HyperLogLog {
    static let sparseMaxValue: UInt8 = 32
    static let sparseMaxValueRun = 4
    static let sparseMaxZeroRun = 64

    /// One decoded sparse opcode.
    enum SparseOpcode {
        case zero(Int)
        case xzero(Int)
        case val(UInt8, Int)

        /// Registers covered.
        var runLength: Int {
            switch self {
            case .zero(let n), .xzero(let n), .val(_, let n): return n
            }
        }

        /// Bytes taken.
        var size: Int {
            if case .xzero = self { return 2 }
            return 1
        }

        /// The opcode at `p`; an XZERO cut off by the end of the string reads its missing byte as 0 (Redis reads
        /// the string's terminating NUL there).
        init(_ bytes: Bytes, at p: Int) {
            let b = bytes[p]
            if b & 0x80 != 0 {
                self = .val(((b >> 2) & 0x1F) + 1, Int(b & 0x03) + 1)
            } else if b & 0x40 == 0 {
                self = .zero(Int(b & 0x3F) + 1)
            } else {
                let low = p + 1 < bytes.count ? Int(bytes[p + 1]) : 0
                self = .xzero((Int(b & 0x3F) << 8 | low) + 1)
            }
        }
    }

    @inline(__always) static func valByte(_ value: UInt8, _ length: Int) -> UInt8 {
        0x80 | (value - 1) << 2 | UInt8(length - 1)
    }

    /// Calls `body` for each visited opcode with its offset; stops when `body` returns false.
    func walkSparse(_ body: (Int, SparseOpcode) -> Bool) {
        var p = HyperLogLog.headerSize
        while p < bytes.count {
            let op = SparseOpcode(bytes, at: p)
            guard body(p, op) else { return }
            p += op.size
        }
    }

    /// Calls `body(first register, run length, value)` for every VAL run; false when the opcodes do not cover
    /// exactly 16384 registers (a VAL run reaching past the last register stops the walk).
    func forEachSparseRun(_ body: (Int, Int, UInt8) -> Void) -> Bool {
        var index = 0, overflow = false
        walkSparse { _, op in
            if case .val(let value, let length) = op {
                guard index + length <= HyperLogLog.registerCount else {
                    overflow = true
                    return false
                }
                body(index, length, value)
            }
            index += op.runLength
            return true
        }
        return !overflow && index == HyperLogLog.registerCount
    }

    /// Where register `index` lives: the covering opcode, its offset, the first register it covers, the previous
    /// opcode's offset and the register's value. Nil when the opcodes end before the register.
    func locateSparse(_ index: Int) -> (offset: Int, first: Int, op: SparseOpcode, previous: Int?, value: UInt8)? {
        var first = 0
        var previous: Int?
        var found: (Int, SparseOpcode)?
        walkSparse { p, op in
            if index <= first + op.runLength - 1 {
                found = (p, op)
                return false
            }
            previous = p
            first += op.runLength
            return true
        }
        guard let (p, op) = found else { return nil }
        if case .val(let value, _) = op { return (p, first, op, previous, value) }
        return (p, first, op, previous, 0)
    }

    /// Raises register `index` of a sparse value to `count` (no-op when it is already as high).
    mutating func sparseRaise(_ index: Int, to count: UInt8, maxBytes: Int) -> Update {
        guard count <= HyperLogLog.sparseMaxValue else { return promoteAndRaise(index, to: count) }
        guard let at = locateSparse(index) else { return .corrupted }
        if at.value >= count { return .unchanged }
        let p = at.offset
        switch at.op {
        case .val(_, 1), .zero(1):
            // The opcode covers just this register: rewrite it in place.
            bytes[p] = HyperLogLog.valByte(count, 1)
        default:
            // Split the run into [before] VAL(count, 1) [after], each side keeping the old run's kind.
            let last = at.first + at.op.runLength - 1
            var seq: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
            let seqLength = withUnsafeMutableBytes(of: &seq) { buffer -> Int in
                var n = 0
                func side(_ length: Int) {
                    guard length > 0 else { return }
                    if case .val(let value, _) = at.op {
                        buffer[n] = HyperLogLog.valByte(value, length)
                        n += 1
                    } else if length > HyperLogLog.sparseMaxZeroRun {
                        buffer[n] = 0x40 | UInt8((length - 1) >> 8)
                        buffer[n + 1] = UInt8((length - 1) & 0xFF)
                        n += 2
                    } else {
                        buffer[n] = UInt8(length - 1)
                        n += 1
                    }
                }
                side(index - at.first)
                buffer[n] = HyperLogLog.valByte(count, 1)
                n += 1
                side(last - index)
                return n
            }
            let delta = seqLength - at.op.size
            if delta > 0 && bytes.count + delta > maxBytes { return promoteAndRaise(index, to: count) }
            withUnsafeBytes(of: &seq) { buffer in
                bytes.replaceSubrange(p..<p + at.op.size, with: buffer.prefix(seqLength))
            }
        }
        mergeAdjacentValues(from: at.previous ?? HyperLogLog.headerSize)
        invalidateCache()
        return .changed
    }

    /// Redis's post-update pass: from `start`, over at most five opcodes, fold a VAL into the following VAL when
    /// both hold the same value and their runs fit in one opcode.
    private mutating func mergeAdjacentValues(from start: Int) {
        var p = start, scans = 5
        while p < bytes.count && scans > 0 {
            scans -= 1
            let b = bytes[p]
            if b & 0x80 == 0 {
                p += b & 0x40 != 0 ? 2 : 1
                continue
            }
            if p + 1 < bytes.count, bytes[p + 1] & 0x80 != 0,
               case .val(let v1, let l1) = SparseOpcode(bytes, at: p),
               case .val(let v2, let l2) = SparseOpcode(bytes, at: p + 1),
               v1 == v2, l1 + l2 <= HyperLogLog.sparseMaxValueRun {
                bytes[p + 1] = HyperLogLog.valByte(v1, l1 + l2)
                bytes.remove(at: p)
                continue
            }
            p += 1
        }
    }

    /// Converts to dense, then raises the register (a sparse value promoted because of this very update).
    private mutating func promoteAndRaise(_ index: Int, to count: UInt8) -> Update {
        guard promoteToDense() else { return .corrupted }
        if count > denseRegister(index) { setDenseRegister(index, count) }
        return .changed
    }

    /// Rewrites a sparse value as dense, keeping the header (cached cardinality included) but for the encoding.
    /// False, leaving the value as it was, when the sparse opcodes are corrupted.
    @discardableResult
    mutating func promoteToDense() -> Bool {
        guard !isDense else { return true }
        var dense = HyperLogLog(Bytes(repeating: 0, count: HyperLogLog.denseSize))
        dense.bytes.replaceSubrange(0..<HyperLogLog.headerSize, with: bytes[0..<HyperLogLog.headerSize])
        dense.bytes[4] = HyperLogLog.denseEncoding
        let valid = forEachSparseRun { start, length, value in
            for i in start..<start + length { dense.setDenseRegister(i, value) }
        }
        guard valid else { return false }
        self = dense
        return true
    }

    /// PFDEBUG DECODE's text: "z:N" for ZERO, "Z:N" for XZERO, "v:value,N" for VAL, space separated.
    func sparseDescription() -> String {
        var parts: [String] = []
        walkSparse { _, op in
            switch op {
            case .zero(let n): parts.append("z:\(n)")
            case .xzero(let n): parts.append("Z:\(n)")
            case .val(let v, let n): parts.append("v:\(v),\(n)")
            }
            return true
        }
        return parts.joined(separator: " ")
    }
}
