import RESP

/// Reductions for randomized steps whose replies agree only in part: sizes of random picks,
/// scan pages whose order is undefined, stream introspection minus clocks and node layout.
/// Errors are never reduced, so error texts always compare exactly.
enum RandomizedProjection {
    /// How many elements a random pick returned (SRANDMEMBER, HRANDFIELD, ZRANDMEMBER);
    /// RANDOMKEY's nil vs key.
    static func size(_ reply: RESPValue) -> RESPValue {
        switch reply {
        case .array(let items?), .set(let items): return .integer(Int64(items.count))
        case .map(let pairs): return .integer(Int64(pairs.count))
        case .bulkString(.some): return .simpleString("one element")
        default: return reply
        }
    }

    /// A complete SCAN-family page `[cursor, elements]` with the elements sorted (single
    /// ones, or field/value and member/score pairs kept together when `pairs`).
    static func scanPage(pairs: Bool) -> (RESPValue) -> RESPValue {
        return { reply in
            guard case .array(let page?) = reply, page.count == 2, case .array(let items?) = page[1] else { return reply }
            let groups: [RESPValue] = pairs && items.count % 2 == 0
                ? stride(from: 0, to: items.count, by: 2).map { .array([items[$0], items[$0 + 1]]) }
                : items
            return .array([page[0], .array(groups.sorted { $0.wire.lexicographicallyPrecedes($1.wire) })])
        }
    }

    /// XINFO STREAM without the radix tree's shape, which depends on the implementation.
    static func streamInfo(_ reply: RESPValue) -> RESPValue {
        guard let pairs = reply.pairs else { return reply }
        return .array(pairs.filter { !($0.0.text ?? "").hasPrefix("radix-tree-") }.map { .array([$0.0, $0.1]) })
    }

    /// XPENDING: the summary form unchanged; the extended form without each entry's idle time.
    static func pending(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply, case .array? = entries.first else { return reply }
        return .array(entries.map { entry in
            guard case .array(let fields?) = entry, fields.count == 4 else { return entry }
            return .array([fields[0], fields[1], fields[3]])
        })
    }

    /// XINFO CONSUMERS reduced to each consumer's name and pending count (idle times differ).
    static func consumers(_ reply: RESPValue) -> RESPValue {
        guard case .array(let entries?) = reply else { return reply }
        return .array(entries.map { entry in
            guard let pairs = entry.pairs else { return entry }
            return .array(pairs.filter { ["name", "pending"].contains($0.0.text ?? "") }.map { .array([$0.0, $0.1]) })
        })
    }
}
