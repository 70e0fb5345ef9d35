import NIOCore
import RESP
import StrataCollections

/// LLEN, LRANGE, LINDEX and LPOS: the commands that only read a list.
enum ListReadCommands {
    static func llen(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readList(call.args[1]) {
        case .missing: out.writeIntegerReply(0)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let list): out.writeIntegerReply(list.count)
        }
    }

    /// LRANGE key start stop: indexes are parsed before the key is looked up, as Redis does.
    static func lrange(_ call: Call, _ out: inout ByteBuffer) {
        guard let start = call.integer(2, &out), let stop = call.integer(3, &out) else { return }
        switch call.readList(call.args[1]) {
        case .missing: out.writeArrayHeader(0)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let list):
            let range = ListRange.resolve(start: start, stop: stop, count: list.count)
            out.writeListRange(list, range.map { $0.lowerBound..<($0.upperBound + 1) } ?? 0..<0)
        }
    }

    /// LINDEX key index: the key is looked up before the index is parsed, as Redis does.
    static func lindex(_ call: Call, _ out: inout ByteBuffer) {
        switch call.readList(call.args[1]) {
        case .missing: out.writeNullReply(call.proto)
        case .wrongType: out.writeErrorReply(ReplyError.wrongType)
        case .found(let list):
            guard let index = call.integer(2, &out) else { return }
            guard let i = ListRange.position(index, count: list.count) else { return out.writeNullReply(call.proto) }
            out.writeBulkReply(list[i])
        }
    }

    /// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len].
    static func lpos(_ call: Call, _ out: inout ByteBuffer) {
        guard let options = PositionOptions.parse(call, &out) else { return }
        let list: ListValue
        switch call.readList(call.args[1]) {
        case .missing: return options.count == nil ? out.writeNullReply(call.proto) : out.writeArrayHeader(0)
        case .wrongType: return out.writeErrorReply(ReplyError.wrongType)
        case .found(let l): list = l
        }
        let matches = options.matches(of: CompactBytes(call.args[2]), in: list)
        guard options.count != nil else {
            return matches.first.map { out.writeIntegerReply($0) } ?? out.writeNullReply(call.proto)
        }
        out.writeArrayHeader(matches.count)
        for m in matches { out.writeIntegerReply(m) }
    }
}

/// LPOS's options and its search.
struct PositionOptions {
    /// Which match to start from: 1 is the first from the head, -1 the first from the tail.
    var rank: Int64 = 1
    /// How many matches to return (0 = all); nil when COUNT was not given (reply a single position).
    var count: Int?
    /// How many elements to compare at most (0 = all).
    var maxLength = 0

    static func parse(_ call: Call, _ out: inout ByteBuffer) -> PositionOptions? {
        var options = PositionOptions()
        var i = 3
        while i < call.argc {
            guard i + 1 < call.argc else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            let value = IntegerText.parse(call.args[i + 1])
            if call.arg(i, is: "RANK") {
                guard let rank = call.integer(i + 1, &out) else { return nil }
                guard rank != 0 else {
                    out.writeErrorReply("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                                        + "second ... or use negative to start from the end of the list")
                    return nil
                }
                options.rank = rank
            } else if call.arg(i, is: "COUNT") {
                guard let n = value, n >= 0 else {
                    out.writeErrorReply("ERR COUNT can't be negative")
                    return nil
                }
                options.count = Int(n)
            } else if call.arg(i, is: "MAXLEN") {
                guard let n = value, n >= 0 else {
                    out.writeErrorReply("ERR MAXLEN can't be negative")
                    return nil
                }
                options.maxLength = Int(n)
            } else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            i += 2
        }
        return options
    }

    /// Positions (counted from the head) of the matches to report, in search order. A negative rank searches
    /// from the tail; Int64.min behaves as -1 would after Redis's negation wraps.
    func matches(of element: CompactBytes, in list: ListValue) -> [Int] {
        let fromTail = rank < 0
        let skip = rank == .min ? 0 : Int(rank.magnitude) - 1
        let wanted = count.map { $0 == 0 ? Int.max : $0 } ?? 1
        var found: [Int] = []
        var seen = 0, compared = 0
        list.items.forEachIndexed(reversed: fromTail) { i, e in
            if maxLength > 0, compared == maxLength { return false }
            compared += 1
            guard e == element else { return true }
            seen += 1
            if seen > skip { found.append(i) }
            return found.count < wanted
        }
        return found
    }
}

/// Redis's list index rules (LRANGE, LTRIM, LINDEX, LSET).
enum ListRange {
    /// `start stop` inclusive, negative counting from the tail: the positions it covers, nil when empty.
    /// Rule: negatives get `count` added, a negative start becomes 0, then start > stop or start ≥ count is empty
    /// and stop is clamped to the last position.
    static func resolve(start: Int64, stop: Int64, count: Int) -> ClosedRange<Int>? {
        let n = Int64(count)
        var s = start < 0 ? n + start : start
        let e = stop < 0 ? n + stop : stop
        if s < 0 { s = 0 }
        guard s <= e, s < n else { return nil }
        return Int(s)...Int(min(e, n - 1))
    }

    /// A single index, negative counting from the tail: the position, nil when out of range.
    static func position(_ index: Int64, count: Int) -> Int? {
        let i = index < 0 ? Int64(count) + index : index
        return i >= 0 && i < Int64(count) ? Int(i) : nil
    }
}
