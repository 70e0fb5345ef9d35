/// A double-ended sequence stored as a run of ring-buffer chunks (`DequeChunk`), the shape of Redis's quicklist:
/// O(1) push and pop at both ends, O(chunks) positional access (walking from the nearer end), and cheap
/// snapshots. Copying a deque copies only its array of chunk references; a write after the copy clones the one
/// chunk it touches (copy-on-write per chunk), so a million-element list shared with a snapshot costs one chunk
/// copy per write, not a million-element copy.
///
/// Chunk rule: no chunk is empty; chunks hold at most `ChunkedDeque.chunkCapacity` elements. The first chunk of a
/// small deque starts with `initialCapacity` slots and doubles as it fills, so short lists stay small.
public struct ChunkedDeque<Element> {
    /// The most elements one chunk holds.
    public static var chunkCapacity: Int { 128 }
    static var initialCapacity: Int { 4 }

    private var chunks: ContiguousArray<DequeChunk<Element>> = []
    /// Number of elements.
    public private(set) var count = 0
    /// Element slots allocated over all chunks (for memory accounting), kept in O(1).
    public private(set) var allocatedSlots = 0

    public init() {}

    public init(_ elements: some Sequence<Element>) {
        for e in elements { append(e) }
    }

    public var isEmpty: Bool { count == 0 }
    /// Number of chunks (for memory accounting).
    public var chunkCount: Int { chunks.count }

    public var first: Element? { chunks.first.map { $0[0] } }
    public var last: Element? { chunks.last.map { $0[$0.count - 1] } }

    // MARK: Ends

    public mutating func append(_ e: Element) {
        if let k = chunks.indices.last, chunks[k].count < Self.chunkCapacity {
            roomyChunk(k).append(e)
        } else {
            chunks.append(newChunk(e))
        }
        count += 1
    }

    public mutating func prepend(_ e: Element) {
        if !chunks.isEmpty, chunks[0].count < Self.chunkCapacity {
            roomyChunk(0).prepend(e)
        } else {
            chunks.insert(newChunk(e), at: 0)
        }
        count += 1
    }

    public mutating func popFirst() -> Element? {
        guard !chunks.isEmpty else { return nil }
        let e = uniqueChunk(0).removeFirst()
        count -= 1
        if chunks[0].count == 0 { dropChunk(0) }
        return e
    }

    public mutating func popLast() -> Element? {
        guard let k = chunks.indices.last else { return nil }
        let e = uniqueChunk(k).removeLast()
        count -= 1
        if chunks[k].count == 0 { dropChunk(k) }
        return e
    }

    /// Removes the first `n` elements (at most `count`), passing each to `removed` front to back.
    public mutating func removeFirst(_ n: Int, _ removed: (Element) -> Void = { _ in }) {
        var left = min(n, count)
        count -= left
        while left > 0 {
            if chunks[0].count <= left {
                left -= chunks[0].count
                for i in 0..<chunks[0].count { removed(chunks[0][i]) }
                dropChunk(0)
            } else {
                let c = uniqueChunk(0)
                for _ in 0..<left { removed(c.removeFirst()) }
                left = 0
            }
        }
    }

    /// Removes the last `n` elements (at most `count`), passing each to `removed` back to front.
    public mutating func removeLast(_ n: Int, _ removed: (Element) -> Void = { _ in }) {
        var left = min(n, count)
        count -= left
        while left > 0 {
            let k = chunks.count - 1
            if chunks[k].count <= left {
                left -= chunks[k].count
                for i in stride(from: chunks[k].count - 1, through: 0, by: -1) { removed(chunks[k][i]) }
                dropChunk(k)
            } else {
                let c = uniqueChunk(k)
                for _ in 0..<left { removed(c.removeLast()) }
                left = 0
            }
        }
    }

    // MARK: Positions

    /// The element at `i` (0..<count).
    public subscript(_ i: Int) -> Element {
        get {
            let (k, offset) = locate(i)
            return chunks[k][offset]
        }
        set {
            let (k, offset) = locate(i)
            uniqueChunk(k)[offset] = newValue
        }
    }

    /// Inserts `e` before position `i` (0...count). A full chunk is split in two.
    public mutating func insert(_ e: Element, at i: Int) {
        precondition(i >= 0 && i <= count, "insert position out of range")
        if i == 0 { return prepend(e) }
        if i == count { return append(e) }
        var (k, offset) = locate(i)
        if chunks[k].count == Self.chunkCapacity {
            let half = Self.chunkCapacity / 2
            let tail = uniqueChunk(k).split(at: half, capacity: Self.chunkCapacity)
            chunks.insert(tail, at: k + 1)
            allocatedSlots += tail.capacity
            if offset >= half {
                k += 1
                offset -= half
            }
        }
        roomyChunk(k).insert(e, at: offset)
        count += 1
    }

    /// Calls `body` with the elements at `range`, front to back or (with `reversed`) back to front, without
    /// copying them out.
    public func forEach(in range: Range<Int>, reversed: Bool = false, _ body: (Element) -> Void) {
        guard !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        if reversed {
            var (k, offset) = locate(range.upperBound - 1)
            for _ in range {
                body(chunks[k][offset])
                if offset == 0 {
                    k -= 1
                    if k >= 0 { offset = chunks[k].count - 1 }
                } else {
                    offset -= 1
                }
            }
        } else {
            var (k, offset) = locate(range.lowerBound)
            for _ in range {
                body(chunks[k][offset])
                offset += 1
                if offset == chunks[k].count {
                    k += 1
                    offset = 0
                }
            }
        }
    }

    /// Visits the elements with their positions, front to back or back to front, until `body` returns false.
    public func forEachIndexed(reversed: Bool = false, _ body: (Int, Element) -> Bool) {
        if reversed {
            var i = count
            for chunk in chunks.reversed() {
                for j in stride(from: chunk.count - 1, through: 0, by: -1) {
                    i -= 1
                    if !body(i, chunk[j]) { return }
                }
            }
        } else {
            var i = 0
            for chunk in chunks {
                for j in 0..<chunk.count {
                    if !body(i, chunk[j]) { return }
                    i += 1
                }
            }
        }
    }

    /// Removes up to `limit` elements matching `predicate` (every match when nil), the first ones met scanning
    /// from the front, or from the back with `fromBack`. Only chunks holding a match are copied or rewritten.
    /// Returns how many were removed.
    @discardableResult
    public mutating func removeAll(where predicate: (Element) -> Bool, limit: Int? = nil, fromBack: Bool = false) -> Int {
        var removed = 0
        var k = fromBack ? chunks.count - 1 : 0
        while k >= 0 && k < chunks.count {
            if let limit, removed == limit { break }
            let chunk = chunks[k]
            var hit = false
            for i in 0..<chunk.count where predicate(chunk[i]) {
                hit = true
                break
            }
            if hit {
                removed += uniqueChunk(k).removeAll(where: predicate, limit: limit.map { $0 - removed }, fromBack: fromBack)
                if chunks[k].count == 0 {
                    dropChunk(k)
                    if fromBack { k -= 1 }
                    continue
                }
            }
            k += fromBack ? -1 : 1
        }
        count -= removed
        if removed > 0 { repackIfSparse() }
        return removed
    }

    // MARK: Chunks

    /// The chunk and offset of position `i`, walking from the nearer end.
    private func locate(_ i: Int) -> (Int, Int) {
        precondition(i >= 0 && i < count, "index out of range")
        if i < count / 2 {
            var offset = i
            var k = 0
            while offset >= chunks[k].count {
                offset -= chunks[k].count
                k += 1
            }
            return (k, offset)
        }
        var fromEnd = count - 1 - i
        var k = chunks.count - 1
        while fromEnd >= chunks[k].count {
            fromEnd -= chunks[k].count
            k -= 1
        }
        return (k, chunks[k].count - 1 - fromEnd)
    }

    /// Chunk `k`, cloned first if another deque shares it.
    @inline(__always) private mutating func uniqueChunk(_ k: Int) -> DequeChunk<Element> {
        if !isKnownUniquelyReferenced(&chunks[k]) { chunks[k] = chunks[k].copy() }
        return chunks[k]
    }

    /// Chunk `k` made unique and with a free slot (doubling a small chunk that is full).
    private mutating func roomyChunk(_ k: Int) -> DequeChunk<Element> {
        let c = uniqueChunk(k)
        if c.isFull {
            allocatedSlots += c.capacity
            c.resize(to: c.capacity * 2)
        }
        return c
    }

    /// A new chunk holding `e`: small for the first chunk, full size once the deque spans several.
    private mutating func newChunk(_ e: Element) -> DequeChunk<Element> {
        let c = DequeChunk<Element>(capacity: chunks.isEmpty ? Self.initialCapacity : Self.chunkCapacity)
        c.append(e)
        allocatedSlots += c.capacity
        return c
    }

    private mutating func dropChunk(_ k: Int) {
        allocatedSlots -= chunks[k].capacity
        chunks.remove(at: k)
    }

    /// After removals in the middle, rebuilds the chunks densely when they average under a quarter full, so
    /// positional access and memory stay proportional to the element count.
    private mutating func repackIfSparse() {
        guard chunks.count > 1, count * 4 < chunks.count * Self.chunkCapacity else { return }
        var packed = ChunkedDeque()
        forEachIndexed { _, e in
            packed.append(e)
            return true
        }
        self = packed
    }
}
