/// A stream's entries in ID order, as a table of nodes (see `StreamNode`). Appends touch only the last node
/// (O(1) amortized); finding an ID is a binary search over node master IDs, then within the node, so a range of
/// k entries costs O(log n + k). The node table and each node's arrays are copy-on-write: a copy of the stream
/// (a snapshot) shares them all, and a later append copies one node plus the table of node references.
struct StreamEntries {
    private(set) var nodes: [StreamNode] = []
    /// Live entries.
    private(set) var count = 0
    /// Payload bytes of all live entries, for the memory estimate.
    private(set) var payloadBytes = 0

    /// A live entry's place: node and index within it.
    struct Position: Equatable {
        var node: Int
        var index: Int
    }

    /// Appends an entry with an ID above every existing one, starting a new node when the last one is full by
    /// Redis's rules: its listpack plus the new field/value bytes would reach `maxBytes` (0 = 1 GiB), or it holds
    /// `maxEntries` entries counting tombstones (0 = no count limit).
    mutating func append(_ id: StreamID, _ fields: ArraySlice<Bytes>, maxEntries: Int, maxBytes: Int) {
        let elementBytes = fields.reduce(0) { $0 + $1.count }
        let byteLimit = maxBytes <= 0 || maxBytes > 1 << 30 ? 1 << 30 : maxBytes
        if let last = nodes.last,
           last.listpackBytes + elementBytes < byteLimit, maxEntries <= 0 || last.slots < maxEntries {
            payloadBytes += nodes[nodes.count - 1].append(id, fields)
        } else {
            var node = StreamNode(firstID: id, fields: fields)
            payloadBytes += node.append(id, fields)
            nodes.append(node)
        }
        count += 1
    }

    /// Index of the node that would hold `id`: the last node whose master ID is <= id (0 when none is).
    private func nodeIndex(for id: StreamID) -> Int {
        var lo = 0, hi = nodes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if nodes[mid].masterID <= id { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    /// The first live entry with an ID >= `id`.
    func firstPosition(atOrAfter id: StreamID) -> Position? {
        guard !nodes.isEmpty else { return nil }
        var n = nodeIndex(for: id)
        var i = nodes[n].lowerBound(id)
        while i >= nodes[n].ids.count {
            n += 1
            guard n < nodes.count else { return nil }
            i = 0
        }
        return Position(node: n, index: i)
    }

    /// The last live entry with an ID <= `id`.
    func lastPosition(atOrBefore id: StreamID) -> Position? {
        guard !nodes.isEmpty else { return nil }
        var n = nodeIndex(for: id)
        let b = nodes[n].lowerBound(id)
        var i = b < nodes[n].ids.count && nodes[n].ids[b] == id ? b : b - 1
        while i < 0 {
            n -= 1
            guard n >= 0 else { return nil }
            i = nodes[n].ids.count - 1
        }
        return Position(node: n, index: i)
    }

    /// The live entry with exactly this ID.
    func position(of id: StreamID) -> Position? {
        guard let p = firstPosition(atOrAfter: id), self[p] == id else { return nil }
        return p
    }

    subscript(p: Position) -> StreamID { nodes[p.node].ids[p.index] }

    /// The position after `p`, skipping emptied nodes.
    func next(_ p: Position) -> Position? {
        var p = Position(node: p.node, index: p.index + 1)
        while p.index >= nodes[p.node].ids.count {
            p.node += 1
            p.index = 0
            guard p.node < nodes.count else { return nil }
        }
        return p
    }

    /// The position before `p`, skipping emptied nodes.
    func previous(_ p: Position) -> Position? {
        var p = Position(node: p.node, index: p.index - 1)
        while p.index < 0 {
            p.node -= 1
            guard p.node >= 0 else { return nil }
            p.index = nodes[p.node].ids.count - 1
        }
        return p
    }

    var firstID: StreamID? { firstPosition(atOrAfter: .zero).map { self[$0] } }
    var lastID: StreamID? { lastPosition(atOrBefore: .max).map { self[$0] } }

    /// Visits live entries with start <= ID <= end, ascending (or descending with `reverse`), until `body`
    /// returns false.
    func forEach(from start: StreamID, through end: StreamID, reverse: Bool = false,
                 _ body: (Position) -> Bool) {
        guard start <= end else { return }
        if reverse {
            var p = lastPosition(atOrBefore: end)
            while let q = p, self[q] >= start {
                guard body(q) else { return }
                p = previous(q)
            }
        } else {
            var p = firstPosition(atOrAfter: start)
            while let q = p, self[q] <= end {
                guard body(q) else { return }
                p = next(q)
            }
        }
    }

    /// Deletes the live entry `id`; a node whose last live entry goes is dropped, as Redis frees the listpack.
    mutating func remove(_ id: StreamID) -> Bool {
        guard let p = position(of: id) else { return false }
        if nodes[p.node].ids.count == 1 {
            payloadBytes -= nodes[p.node].payload.count
            nodes.remove(at: p.node)
        } else {
            payloadBytes -= nodes[p.node].remove(at: p.index)
        }
        count -= 1
        return true
    }

    /// How a trim decides what goes: keep at most `maxLen` entries, or drop entries below `minID`.
    enum TrimBound {
        case maxLen(Int)
        case minID(StreamID)
    }

    /// Redis's `streamTrim`: whole nodes are dropped from the front while they fit the bound; then, unless
    /// `approximate`, the entries below the bound in the next node become tombstones. With `limit` > 0 no more
    /// than that many entries go, counted node by node. Returns the number of entries removed.
    mutating func trim(_ bound: TrimBound, approximate: Bool, limit: Int) -> Int {
        var deleted = 0, dropped = 0
        while dropped < nodes.count {
            if case .maxLen(let maxLen) = bound, count <= maxLen { break }
            let live = nodes[dropped].ids.count
            if limit > 0 && deleted + live > limit { break }
            let wholeNode: Bool
            switch bound {
            case .maxLen(let maxLen): wholeNode = count - live >= maxLen
            case .minID(let minID): wholeNode = nodes[dropped].lastSlotID < minID
            }
            if wholeNode {
                count -= live
                deleted += live
                payloadBytes -= nodes[dropped].payload.count
                dropped += 1
                continue
            }
            if approximate { break }
            let k: Int
            switch bound {
            case .maxLen(let maxLen): k = count - maxLen
            case .minID(let minID): k = nodes[dropped].lowerBound(minID)
            }
            payloadBytes -= nodes[dropped].removeFirst(k)
            count -= k
            deleted += k
            break
        }
        nodes.removeFirst(dropped)
        return deleted
    }

    /// The node count of Redis's radix tree keyed by the nodes' master IDs (16 bytes, big-endian), which XINFO
    /// STREAM reports: one node where the tree starts, at every branching point, below every branching point
    /// and at every key; single-child chains are compressed into one node.
    var radixTreeNodeCount: Int {
        guard !nodes.isEmpty else { return 1 }
        let keys = nodes.map { n -> [UInt8] in
            (0..<8).map { UInt8(truncatingIfNeeded: n.masterID.ms >> (56 - 8 * $0)) }
                + (0..<8).map { UInt8(truncatingIfNeeded: n.masterID.seq >> (56 - 8 * $0)) }
        }
        func count(_ range: Range<Int>, depth: Int) -> Int {
            if range.count == 1 { return depth == 16 ? 1 : 2 }
            let a = keys[range.lowerBound], b = keys[range.upperBound - 1]
            var split = depth
            while a[split] == b[split] { split += 1 }
            var total = split > depth ? 2 : 1
            var lo = range.lowerBound
            while lo < range.upperBound {
                var hi = lo + 1
                while hi < range.upperBound && keys[hi][split] == keys[lo][split] { hi += 1 }
                total += count(lo..<hi, depth: split + 1)
                lo = hi
            }
            return total
        }
        return count(0..<keys.count, depth: 0)
    }

    /// Estimated heap bytes: payload buffers, ID and offset arrays, and per-node overhead.
    var memoryEstimate: Int { payloadBytes + count * 20 + nodes.count * 256 }
}
