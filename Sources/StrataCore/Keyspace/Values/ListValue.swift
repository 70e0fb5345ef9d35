import StrataCollections

/// A Redis list: a `ChunkedDeque` of `CompactBytes`, so elements of up to 23 bytes live inside their chunk with no
/// allocation of their own, pushes and pops at both ends are O(1), and a write after a snapshot copies one chunk.
/// Redis 7.0 reports every list as "quicklist" whatever its size.
///
/// Memory rule: `memoryEstimate` = the storage object + chunk slots × element stride + one malloc block per chunk and for the chunk
/// array + the heap arrays of elements longer than 23 bytes; the last part is kept as elements come and go.
public struct ListValue {
    /// The list's state behind one reference, so a `StoredValue` holding a list is one word wide and needs no box:
    /// an `indirect` case allocates a new box on every edit. Copy-on-write: shared storage is copied (shallowly:
    /// the deque shares its chunks) before the first change.
    private final class Storage {
        var items = ChunkedDeque<CompactBytes>()
        /// Heap bytes owned by elements stored out of line.
        var elementHeap = 0

        init() {}

        init(copying other: Storage) {
            items = other.items
            elementHeap = other.elementHeap
        }
    }

    private var storage = Storage()

    /// Heap bytes of the storage object.
    private static let storageBytes = MemoryEstimate.mallocSize(16 + MemoryLayout<ChunkedDeque<CompactBytes>>.size + 8)

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
    }

    public private(set) var items: ChunkedDeque<CompactBytes> {
        get { storage.items }
        _modify {
            makeUnique()
            yield &storage.items
        }
    }

    private var elementHeap: Int {
        get { storage.elementHeap }
        _modify {
            makeUnique()
            yield &storage.elementHeap
        }
    }

    public init() {}

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public var encodingName: String { "quicklist" }

    var memoryEstimate: Int {
        let chunkBlock = MemoryEstimate.mallocSize(48)
        return Self.storageBytes + elementHeap + items.allocatedSlots * MemoryLayout<CompactBytes>.stride + items.chunkCount * chunkBlock
            + MemoryEstimate.mallocSize(32 + items.chunkCount * 8)
    }

    @inline(__always) private static func heap(_ e: CompactBytes) -> Int { MemoryEstimate.byteArray(e.heapBytes) }

    // MARK: Ends

    public mutating func push(_ element: Bytes, at end: ListEnd) { push(CompactBytes(element), at: end) }

    mutating func push(_ e: CompactBytes, at end: ListEnd) {
        elementHeap += Self.heap(e)
        switch end {
        case .head: items.prepend(e)
        case .tail: items.append(e)
        }
    }

    public mutating func pop(at end: ListEnd) -> CompactBytes? {
        let e = end == .head ? items.popFirst() : items.popLast()
        if let e { elementHeap -= Self.heap(e) }
        return e
    }

    /// Removes `n` elements from `end` (at most `count`), passing each to `body` in pop order.
    public mutating func pop(_ n: Int, at end: ListEnd, _ body: (CompactBytes) -> Void) {
        var freed = 0
        let visit: (CompactBytes) -> Void = { e in
            freed += Self.heap(e)
            body(e)
        }
        switch end {
        case .head: items.removeFirst(n, visit)
        case .tail: items.removeLast(n, visit)
        }
        elementHeap -= freed
    }

    /// Keeps only positions `range` (LTRIM), or nothing when it is nil.
    public mutating func trim(to range: ClosedRange<Int>?) {
        guard let range else { return pop(count, at: .head) { _ in } }
        let tail = count - 1 - range.upperBound
        pop(range.lowerBound, at: .head) { _ in }
        pop(tail, at: .tail) { _ in }
    }

    // MARK: Positions

    public subscript(_ i: Int) -> CompactBytes { items[i] }

    /// Replaces the element at `i` (0..<count).
    public mutating func set(_ element: Bytes, at i: Int) {
        let e = CompactBytes(element)
        elementHeap += Self.heap(e) - Self.heap(items[i])
        items[i] = e
    }

    /// Inserts before position `i` (0...count).
    public mutating func insert(_ element: Bytes, at i: Int) {
        let e = CompactBytes(element)
        elementHeap += Self.heap(e)
        items.insert(e, at: i)
    }

    /// Removes up to `limit` elements equal to `element` (all when nil), scanning from the back with `fromBack`.
    @discardableResult
    public mutating func remove(_ element: CompactBytes, limit: Int?, fromBack: Bool) -> Int {
        let removed = items.removeAll(where: { $0 == element }, limit: limit, fromBack: fromBack)
        elementHeap -= removed * Self.heap(element)
        return removed
    }

    /// Calls `body` with the elements at `range` in order, or back to front with `reversed`.
    public func forEach(in range: Range<Int>, reversed: Bool = false, _ body: (CompactBytes) -> Void) {
        items.forEach(in: range, reversed: reversed, body)
    }
}

/// The end of a list a command works on: LEFT/head or RIGHT/tail.
public enum ListEnd {
    case head, tail

    /// Parses Redis's LEFT | RIGHT argument (case-insensitive).
    init?(_ word: Bytes) {
        if word.equalsIgnoringCase("LEFT") {
            self = .head
        } else if word.equalsIgnoringCase("RIGHT") {
            self = .tail
        } else {
            return nil
        }
    }

    /// The keyspace events of popping and pushing at this end.
    var popEvent: String { self == .head ? "lpop" : "rpop" }
    var pushEvent: String { self == .head ? "lpush" : "rpush" }
}
