import RDB

/// Turns keys into the commands that recreate them, in RESP form, so `redis-cli --pipe` (or any client) can
/// replay a dump into a running server. Consumer-group pending lists cannot be rebuilt with commands; groups and
/// consumers are, with their last-delivered ID and read counter.
enum RESPExport {
    /// Elements per command for big collections.
    static let batch = 512

    static func commands(for e: RDBEntry) -> [[[UInt8]]] {
        let key = e.key
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        func batched<T>(_ name: String, _ items: [T], _ args: (T) -> [[UInt8]]) -> [[[UInt8]]] {
            stride(from: 0, to: items.count, by: batch).map { start in
                [b(name), key] + items[start..<min(start + batch, items.count)].flatMap(args)
            }
        }
        var out: [[[UInt8]]]
        switch e.value {
        case .string(let s): out = [[b("SET"), key, s]]
        case .list(let items): out = batched("RPUSH", items) { [$0] }
        case .set(let members): out = batched("SADD", members) { [$0] }
        case .zset(let members): out = batched("ZADD", members) { [b(scoreText($0.score)), $0.member] }
        case .hash(let pairs): out = batched("HSET", pairs) { [$0.field, $0.value] }
        case .stream(let s): out = streamCommands(key, s)
        }
        if let at = e.expireAt { out.append([b("PEXPIREAT"), key, b(String(at))]) }
        return out
    }

    static func scoreText(_ d: Double) -> String {
        d == .infinity ? "inf" : d == -.infinity ? "-inf" : "\(d)"
    }

    static func streamCommands(_ key: [UInt8], _ s: RDBStream) -> [[[UInt8]]] {
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        var out: [[[UInt8]]] = s.entries.map { e in
            [b("XADD"), key, b(e.id.description)] + e.fields.flatMap { [$0.field, $0.value] }
        }
        if s.entries.isEmpty {
            // A stream with no entries still exists: create it with a placeholder entry and delete that.
            out.append([b("XADD"), key, b("0-1"), b("x"), b("x")])
            out.append([b("XDEL"), key, b("0-1")])
        }
        out.append([b("XSETID"), key, b(s.lastID.description), b("ENTRIESADDED"), b(String(s.entriesAdded)),
                    b("MAXDELETEDID"), b(s.maxDeletedID.description)])
        for g in s.groups {
            var create = [b("XGROUP"), b("CREATE"), key, g.name, b(g.lastID.description)]
            if let read = g.entriesRead { create += [b("ENTRIESREAD"), b(String(read))] }
            out.append(create)
            for c in g.consumers { out.append([b("XGROUP"), b("CREATECONSUMER"), key, g.name, c.name]) }
        }
        return out
    }

    /// `*<n>\r\n` and `$<len>\r\n<bytes>\r\n` per argument.
    static func encode(_ args: [[UInt8]], into out: inout [UInt8]) {
        out += Array("*\(args.count)\r\n".utf8)
        for a in args {
            out += Array("$\(a.count)\r\n".utf8)
            out += a
            out += [13, 10]
        }
    }
}
