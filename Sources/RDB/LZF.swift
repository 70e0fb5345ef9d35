/// LZF, the compression RDB uses for long strings (`rdbcompression yes`).
///
/// A stream is a series of runs, each starting with a control byte `c`:
/// - `c < 32`: a literal run; the next `c + 1` bytes are copied as they are.
/// - otherwise a back reference: length `c >> 5` (when 7, a further byte is added to it) plus 2, and offset
///   `((c & 0x1f) << 8) + next byte + 1` back from the end of the output produced so far.
public enum LZF {
    public enum DecompressError: Error, Equatable {
        /// The stream references bytes before the start of the output, or ends inside a run.
        case corrupt(offset: Int)
        /// The stream decodes to a different length than the RDB header declared.
        case lengthMismatch(expected: Int, actual: Int)
    }

    /// Decodes `input`, which must produce exactly `length` bytes.
    public static func decompress(_ input: some Collection<UInt8>, length: Int) throws(DecompressError) -> [UInt8] {
        var result: Result<[UInt8], DecompressError> = .success([])
        let contiguous: Void? = input.withContiguousStorageIfAvailable { source in
            result = Result { () throws(DecompressError) in try decompress(UnsafeRawBufferPointer(source), length: length) }
        }
        if contiguous == nil {
            Array(input).withUnsafeBytes { source in
                result = Result { () throws(DecompressError) in try decompress(source, length: length) }
            }
        }
        return try result.get()
    }

    /// Decodes `source`, which must produce exactly `length` bytes. The output is allocated only as big as
    /// `source` can possibly expand to (a 3-byte back reference yields at most 264 bytes), so an absurd `length`
    /// in a corrupt header allocates nothing more than the input justifies.
    public static func decompress(_ source: UnsafeRawBufferPointer, length: Int) throws(DecompressError) -> [UInt8] {
        let capacity = max(0, min(length, source.count * 88))
        var failure: DecompressError?
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            do throws(DecompressError) {
                initialized = try decompress(source, into: buffer.baseAddress!, limit: length)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The decoding loop: writes at most `limit` bytes to `out` (which has room for what the input can produce)
    /// and returns how many.
    private static func decompress(_ source: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>,
                                   limit length: Int) throws(DecompressError) -> Int {
        guard let input = source.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            guard length == 0 else { throw .lengthMismatch(expected: length, actual: 0) }
            return 0
        }
        let count = source.count
        var i = 0, o = 0
        while i < count {
            let control = Int(input[i])
            i += 1
            if control < 32 {
                let run = control + 1
                guard i + run <= count, o + run <= length else { throw .corrupt(offset: i - 1) }
                (out + o).update(from: input + i, count: run)
                o += run
                i += run
                continue
            }
            var run = control >> 5
            if run == 7 {
                guard i < count else { throw .corrupt(offset: i - 1) }
                run += Int(input[i])
                i += 1
            }
            run += 2
            guard i < count else { throw .corrupt(offset: i - 1) }
            let distance = ((control & 0x1f) << 8) + Int(input[i]) + 1
            i += 1
            guard distance <= o, o + run <= length else { throw .corrupt(offset: i - 2) }
            // A reference may overlap the bytes it produces (a repeated pattern): a distance of 1 repeats one byte,
            // one at least as long as the run copies disjoint bytes, anything else goes byte by byte.
            if distance == 1 {
                (out + o).update(repeating: out[o - 1], count: run)
                o += run
            } else if distance >= run {
                (out + o).update(from: out + (o - distance), count: run)
                o += run
            } else {
                var from = o - distance
                for _ in 0..<run {
                    out[o] = out[from]
                    o += 1
                    from += 1
                }
            }
        }
        guard o == length else { throw .lengthMismatch(expected: length, actual: o) }
        return o
    }

    static let maxLiteral = 32
    static let maxOffset = 1 << 13
    static let maxReference = (1 << 8) + (1 << 3)

    /// Compresses `input` exactly as Redis's liblzf 3.6 does (HLOG 16, VERY_FAST, on a 64-bit build), so DUMP
    /// payloads and RDB strings are byte-identical to Redis's; nil when liblzf would give up: the output would
    /// not fit in `limit` bytes (Redis passes the input length minus 4 and then stores the string plainly).
    ///
    /// The rules that decide the bytes: a 3-byte rolling hash picks one of 65536 slots holding the latest position
    /// with that hash; a match needs the slot's position to be within 8192 bytes and not the very first byte of
    /// the input; matches are extended to at most 264 bytes and never into the last two bytes (except in one
    /// unrolled corner of liblzf, reproduced below); after a match only its last two positions are hashed.
    public static func compress(_ input: [UInt8], limit outLength: Int) -> [UInt8]? {
        input.withUnsafeBytes { compress($0, limit: outLength) }
    }

    public static func compress(_ input: UnsafeRawBufferPointer, limit outLength: Int) -> [UInt8]? {
        guard !input.isEmpty, outLength > 0 else { return nil }
        var slots = SlotTable(inputLength: input.count)
        var out = [UInt8](repeating: 0, count: outLength + 4)
        let n = out.withUnsafeMutableBufferPointer { compress(input, into: $0.baseAddress!, limit: outLength, slots: &slots) }
        guard let n else { return nil }
        out.removeSubrange(n...)
        return out
    }

    /// The compression loop over raw memory: writes to `out`, which has room for `outLength + 4` bytes, and returns
    /// the compressed size, or nil when it would exceed `outLength`. `slots` must read as all zeros.
    static func compress<Slots: LZFSlots>(_ source: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>,
                                          limit outLength: Int, slots: inout Slots) -> Int? {
        let inLength = source.count
        guard inLength > 0, outLength > 0, let input = source.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return nil
        }
        var ip = 0, op = 1, lit = 0
        @inline(__always) func first(_ p: Int) -> UInt32 { UInt32(input[p]) << 8 | UInt32(input[p + 1]) }
        @inline(__always) func next(_ v: UInt32, _ p: Int) -> UInt32 { v << 8 | UInt32(input[p + 2]) }
        @inline(__always) func index(_ h: UInt32) -> Int { Int(((h >> 8) &- (h &* 5)) & 0xFFFF) }
        /// Copies one input byte into the current literal run, closing the run (its control byte goes in the slot
        /// reserved before it) when it reaches 32 bytes.
        @inline(__always) func copyLiteral() {
            lit += 1
            out[op] = input[ip]
            op += 1
            ip += 1
            if lit == maxLiteral {
                out[op - lit - 1] = UInt8(lit - 1)
                lit = 0
                op += 1
            }
        }

        var hval = inLength >= 2 ? first(ip) : 0
        while ip < inLength - 2 {
            hval = next(hval, ip)
            let slot = index(hval)
            let ref = slots.exchange(slot, ip)
            let off = ip - ref - 1
            if ref > 0, off >= 0, off < maxOffset, input[ref + 2] == input[ip + 2], input[ref] == input[ip],
               input[ref + 1] == input[ip + 1] {
                var len = 2
                let maxLength = min(maxReference, inLength - ip - len)
                if op + 3 + 1 >= outLength, op - (lit == 0 ? 1 : 0) + 3 + 1 >= outLength { return nil }
                out[op - lit - 1] = UInt8(truncatingIfNeeded: lit - 1)
                op -= lit == 0 ? 1 : 0
                matching: do {
                    if maxLength > 16 {
                        for _ in 0..<16 {
                            len += 1
                            if input[ref + len] != input[ip + len] { break matching }
                        }
                    }
                    repeat { len += 1 } while len < maxLength && input[ref + len] == input[ip + len]
                }
                len -= 2
                ip += 1
                if len < 7 {
                    out[op] = UInt8(truncatingIfNeeded: off >> 8 + len << 5)
                    op += 1
                } else {
                    out[op] = UInt8(truncatingIfNeeded: off >> 8 + 7 << 5)
                    out[op + 1] = UInt8(truncatingIfNeeded: len - 7)
                    op += 2
                }
                out[op] = UInt8(truncatingIfNeeded: off)
                op += 2  // the reference's last byte, then the next literal run's header
                lit = 0
                ip += len + 1
                if ip >= inLength - 2 { break }
                ip -= 2
                hval = first(ip)
                for _ in 0..<2 {
                    hval = next(hval, ip)
                    _ = slots.exchange(index(hval), ip)
                    ip += 1
                }
            } else {
                if op >= outLength { return nil }
                copyLiteral()
            }
        }
        if op + 3 > outLength { return nil }
        while ip < inLength { copyLiteral() }
        out[op - lit - 1] = UInt8(truncatingIfNeeded: lit - 1)
        op -= lit == 0 ? 1 : 0
        return op
    }

    /// liblzf's hash table (slot -> latest input position, 0 meaning none), zero-initialized as if fresh. Short
    /// inputs use a small open-addressed map instead of the 65536 slots, so compressing a short string does not
    /// clear 256 KiB.
    private struct SlotTable: LZFSlots {
        private var direct: [UInt32] = []
        private var keys: [UInt32] = []
        private var values: [UInt32] = []
        private var mask = 0

        init(inputLength: Int) {
            if inputLength >= 1 << 14 {
                direct = [UInt32](repeating: 0, count: 1 << 16)
            } else {
                let capacity = max(64, 1 << (Int.bitWidth - (inputLength * 2).leadingZeroBitCount))
                keys = [UInt32](repeating: 0, count: capacity)
                values = [UInt32](repeating: 0, count: capacity)
                mask = capacity - 1
            }
        }

        subscript(slot: Int) -> Int {
            get {
                if !direct.isEmpty { return Int(direct[slot]) }
                var i = probe(slot)
                while keys[i] != 0 {
                    if keys[i] == UInt32(slot + 1) { return Int(values[i]) }
                    i = (i + 1) & mask
                }
                return 0
            }
            set {
                if !direct.isEmpty { return direct[slot] = UInt32(newValue) }
                var i = probe(slot)
                while keys[i] != 0 && keys[i] != UInt32(slot + 1) { i = (i + 1) & mask }
                keys[i] = UInt32(slot + 1)
                values[i] = UInt32(newValue)
            }
        }

        mutating func exchange(_ slot: Int, _ position: Int) -> Int {
            let previous = self[slot]
            self[slot] = position
            return previous
        }

        private func probe(_ slot: Int) -> Int { Int((UInt32(slot) &* 0x9E37_79B1) >> 16) & mask }
    }
}
