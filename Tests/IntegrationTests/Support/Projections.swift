import RESP

/// Reductions for `Comparison.projected`: each keeps the part of a reply both servers must
/// agree on and drops what legitimately differs (ids, addresses, timings, ACL details).
/// RESP2 flat key/value arrays and RESP3 maps reduce to the same shape.
enum Projection {
    /// Key/value pairs sorted by key, as an array of two-element arrays. Dict-ordered replies
    /// (CONFIG GET with several patterns) compare equal whatever order the server used.
    static func sortedPairs(_ reply: RESPValue) -> RESPValue {
        guard let pairs = reply.pairs else { return reply }
        return .array(pairs.map { RESPValue.array([$0.0, $0.1]) }
            .sorted { $0.wire.lexicographicallyPrecedes($1.wire) })
    }

    /// The sorted keys of a map-like reply (HELLO, COMMAND DOCS entries).
    static func keys(_ reply: RESPValue) -> RESPValue {
        guard let pairs = reply.pairs else { return reply }
        return .array(pairs.map(\.0).sorted { $0.wire.lexicographicallyPrecedes($1.wire) })
    }

    /// Field names of `name=value` text, line by line (CLIENT LIST, CLIENT INFO).
    static func fieldNames(_ reply: RESPValue) -> RESPValue {
        guard let text = reply.text else { return reply }
        let lines = text.split(separator: "\n").map { line in
            RESPValue.array(line.split(separator: " ").map {
                .bulkString(Array($0.prefix { $0 != "=" }.utf8))
            })
        }
        return .array(lines)
    }

    /// COMMAND INFO entries reduced to name, arity, first key, last key and key step.
    static func commandInfoCore(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply else { return reply }
        return .array(entries.map { entry in
            guard case .array(let fields?) = entry, fields.count >= 6 else { return entry }
            return .array([fields[0], fields[1], fields[3], fields[4], fields[5]])
        })
    }

    /// COMMAND DOCS reduced to each documented command's name and whether its doc map has
    /// a summary and an arguments list.
    static func docsOutline(_ reply: RESPValue) -> RESPValue {
        guard let commands = reply.pairs else { return reply }
        return .array(commands.map { name, doc in
            let keys = Set((doc.pairs ?? []).compactMap { $0.0.text })
            return .array([name, .boolean(keys.contains("summary")), .boolean(keys.contains("arguments"))])
        })
    }

    /// SLOWLOG GET entries reduced to id, arguments and client name (timestamps, durations
    /// and client addresses differ between any two runs).
    static func slowlogCore(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply else { return reply }
        return .array(entries.map { entry in
            guard case .array(let fields?) = entry, fields.count >= 6 else { return entry }
            return .array([fields[0], fields[3], fields[5]])
        })
    }
}

extension RESPValue {
    /// Key/value pairs of a RESP3 map or of a RESP2 flat array of even length.
    var pairs: [(RESPValue, RESPValue)]? {
        switch self {
        case .map(let pairs): return pairs.map { ($0.key, $0.value) }
        case .array(let items?) where items.count % 2 == 0:
            return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
        default: return nil
        }
    }

    /// The text of a string-like reply: simple, bulk or verbatim.
    var text: String? {
        switch self {
        case .simpleString(let text): return text
        case .bulkString(let bytes?): return String(decoding: bytes, as: UTF8.self)
        case .verbatim(_, let text): return String(decoding: text, as: UTF8.self)
        default: return nil
        }
    }
}

extension RESPValue {
    /// The elements of a non-null array, or the value itself as the only element.
    var arrayItems: [RESPValue] {
        if case .array(let items?) = self { return items }
        return [self]
    }
}
