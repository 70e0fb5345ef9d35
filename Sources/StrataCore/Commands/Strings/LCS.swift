import NIOCore
import RESP

/// LCS: the longest common subsequence of two strings, as the string itself, its length (LEN), or the matching
/// index ranges (IDX, optionally filtered by MINMATCHLEN and annotated WITHMATCHLEN).
enum LCSCommand {
    static func lcs(_ call: Call, _ out: inout ByteBuffer) {
        let first = call.readString(call.args[1]), second = call.readString(call.args[2])
        guard let a = bytes(of: first), let b = bytes(of: second) else {
            return out.writeErrorReply("ERR The specified keys must contain string values")
        }
        var wantLength = false, wantRanges = false, withMatchLength = false
        var minMatchLength: Int64 = 0
        var i = 3
        while i < call.argc {
            if call.arg(i, is: "LEN") {
                wantLength = true
            } else if call.arg(i, is: "IDX") {
                wantRanges = true
            } else if call.arg(i, is: "WITHMATCHLEN") {
                withMatchLength = true
            } else if call.arg(i, is: "MINMATCHLEN"), i + 1 < call.argc {
                guard let n = call.integer(i + 1, &out) else { return }
                minMatchLength = max(n, 0)
                i += 1
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
            i += 1
        }
        guard !(wantLength && wantRanges) else {
            return out.writeErrorReply("ERR If you want both the length and indexes, please just use IDX.")
        }
        let cells = (a.count + 1).multipliedReportingOverflow(by: b.count + 1)
        guard !cells.overflow, cells.partialValue.multipliedReportingOverflow(by: 4).partialValue <= call.maxStringLength else {
            return out.writeErrorReply("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
        }
        let table = LCSTable(a, b)
        if wantLength { return out.writeIntegerReply(table.length) }
        guard wantRanges else { return out.writeBulkReply(table.subsequence()) }
        let matches = table.matches().filter { $0.length >= minMatchLength }
        out.writeMapHeader(2, call.proto)
        out.writeBulkReply(Bytes("matches"))
        out.writeArrayHeader(matches.count)
        for m in matches {
            out.writeArrayHeader(withMatchLength ? 3 : 2)
            out.writeArrayHeader(2)
            out.writeIntegerReply(m.a.lowerBound)
            out.writeIntegerReply(m.a.upperBound)
            out.writeArrayHeader(2)
            out.writeIntegerReply(m.b.lowerBound)
            out.writeIntegerReply(m.b.upperBound)
            if withMatchLength { out.writeIntegerReply(m.length) }
        }
        out.writeBulkReply(Bytes("len"))
        out.writeIntegerReply(table.length)
    }

    /// A missing key reads as the empty string; nil for another type.
    private static func bytes(of lookup: StringLookup) -> Bytes? {
        switch lookup {
        case .missing: return []
        case .found(let s): return s.bytes
        case .wrongType: return nil
        }
    }
}

/// The dynamic-programming table of LCS lengths: cell (i, j) holds the LCS length of a[..<i] and b[..<j].
struct LCSTable {
    /// One run of consecutive matching bytes: inclusive index ranges in each string.
    struct Match {
        let a: ClosedRange<Int>
        let b: ClosedRange<Int>
        var length: Int { a.count }
    }

    let a: Bytes, b: Bytes
    private var cells: [UInt32]
    private let width: Int

    init(_ a: Bytes, _ b: Bytes) {
        self.a = a
        self.b = b
        width = b.count + 1
        cells = [UInt32](repeating: 0, count: (a.count + 1) * width)
        for i in 0..<a.count {
            let row = (i + 1) * width, above = i * width
            for j in 0..<b.count {
                cells[row + j + 1] = a[i] == b[j]
                    ? cells[above + j] + 1
                    : max(cells[above + j + 1], cells[row + j])
            }
        }
    }

    var length: Int { Int(cells[a.count * width + b.count]) }

    /// Walks back from the end of both strings. Tie rule: on a mismatch step back in `a` only when that keeps a
    /// strictly longer LCS, otherwise in `b`; this picks the same subsequence Redis reports.
    private func walk(_ visit: (_ i: Int, _ j: Int) -> Void, step: () -> Void) {
        var i = a.count, j = b.count
        while i > 0, j > 0 {
            if a[i - 1] == b[j - 1] {
                visit(i - 1, j - 1)
                i -= 1
                j -= 1
            } else {
                if cells[(i - 1) * width + j] > cells[i * width + j - 1] { i -= 1 } else { j -= 1 }
                step()
            }
        }
    }

    func subsequence() -> Bytes {
        var result = Bytes(repeating: 0, count: length)
        var k = length
        walk({ i, _ in
            k -= 1
            result[k] = a[i]
        }, step: {})
        return result
    }

    /// The matching runs, last first (the order of the walk). A run ends when the walk leaves the diagonal or
    /// reaches the start of either string.
    func matches() -> [Match] {
        var found: [Match] = []
        var open: (aEnd: Int, bEnd: Int, aStart: Int, bStart: Int)?
        func close() {
            if let r = open { found.append(Match(a: r.aStart...r.aEnd, b: r.bStart...r.bEnd)) }
            open = nil
        }
        walk({ i, j in
            if let r = open, r.aStart == i + 1, r.bStart == j + 1 {
                open = (r.aEnd, r.bEnd, i, j)
            } else {
                close()
                open = (i, j, i, j)
            }
            if i == 0 || j == 0 { close() }
        }, step: close)
        return found
    }
}
