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
        let source = Array(input)
        var out = [UInt8]()
        out.reserveCapacity(length)
        var i = 0
        while i < source.count {
            let control = Int(source[i])
            i += 1
            if control < 32 {
                let run = control + 1
                guard i + run <= source.count, out.count + run <= length else { throw .corrupt(offset: i - 1) }
                out.append(contentsOf: source[i..<(i + run)])
                i += run
                continue
            }
            var run = control >> 5
            if run == 7 {
                guard i < source.count else { throw .corrupt(offset: i - 1) }
                run += Int(source[i])
                i += 1
            }
            run += 2
            guard i < source.count else { throw .corrupt(offset: i - 1) }
            let distance = ((control & 0x1f) << 8) + Int(source[i]) + 1
            i += 1
            guard distance <= out.count, out.count + run <= length else { throw .corrupt(offset: i - 2) }
            // Byte by byte: a reference may overlap the bytes it produces (a repeated pattern).
            var from = out.count - distance
            for _ in 0..<run {
                out.append(out[from])
                from += 1
            }
        }
        guard out.count == length else { throw .lengthMismatch(expected: length, actual: out.count) }
        return out
    }

    static let maxLiteral = 32
    static let maxOffset = 1 << 13
    static let maxMatch = (1 << 8) + (1 << 3)  // 7 + 255 + 2
    static let hashBits = 14

    /// Compresses `input`; nil when the result would not be smaller than `limit` bytes (the RDB writer then stores
    /// the string plainly, as Redis does when compression saves fewer than 4 bytes).
    public static func compress(_ input: [UInt8], limit: Int) -> [UInt8]? {
        let n = input.count
        guard n >= 4 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(min(limit, n))
        var table = [Int](repeating: -1, count: 1 << hashBits)
        var literalStart = 0
        var i = 0

        func flushLiterals(upTo end: Int) {
            var start = literalStart
            while start < end {
                let run = min(maxLiteral, end - start)
                out.append(UInt8(run - 1))
                out.append(contentsOf: input[start..<(start + run)])
                start += run
            }
        }

        while i + 2 < n {
            let h = (Int(input[i]) << 16 | Int(input[i + 1]) << 8 | Int(input[i + 2])) &* 0x9E37_79B1
            let slot = (h >> (32 - hashBits)) & ((1 << hashBits) - 1)
            let candidate = table[slot]
            table[slot] = i
            if candidate >= 0, i - candidate <= maxOffset, input[candidate] == input[i],
               input[candidate + 1] == input[i + 1], input[candidate + 2] == input[i + 2] {
                var length = 3
                let most = min(maxMatch, n - i)
                while length < most && input[candidate + length] == input[i + length] { length += 1 }
                flushLiterals(upTo: i)
                let distance = i - candidate - 1
                let encoded = length - 2
                if encoded < 7 {
                    out.append(UInt8(encoded << 5 | distance >> 8))
                } else {
                    out.append(UInt8(7 << 5 | distance >> 8))
                    out.append(UInt8(encoded - 7))
                }
                out.append(UInt8(distance & 0xff))
                i += length
                literalStart = i
                if out.count >= limit { return nil }
                continue
            }
            i += 1
        }
        flushLiterals(upTo: n)
        return out.count < limit ? out : nil
    }
}
