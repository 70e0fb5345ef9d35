/// One chunk of a `ChunkedDeque`: a ring buffer of at most `capacity` elements (a power of two), so pushing and
/// popping at either end of the chunk is O(1). A class so that deques share chunks after a copy; the deque copies
/// a chunk (`copy()`) only when it writes to one that is shared.
///
/// Layout rule: element `i` (0-based from the chunk's front) lives in slot `(head + i) & (capacity - 1)`; the
/// `count` slots from `head` on are initialized, the others are not.
final class DequeChunk<Element> {
    private(set) var storage: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "chunk capacity must be a power of two")
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    /// A chunk holding `elements` in order (at most `capacity` of them).
    convenience init(capacity: Int, _ elements: some Collection<Element>) {
        self.init(capacity: capacity)
        for e in elements { append(e) }
    }

    deinit {
        removeAll()
        storage.deallocate()
    }

    /// An unshared copy with the same capacity and elements.
    func copy() -> DequeChunk {
        let c = DequeChunk(capacity: capacity)
        for i in 0..<count { c.append(self[i]) }
        return c
    }

    var isFull: Bool { count == capacity }

    @inline(__always) private func slot(_ i: Int) -> Int { (head &+ i) & (capacity &- 1) }

    subscript(_ i: Int) -> Element {
        get { storage[slot(i)] }
        set { storage[slot(i)] = newValue }
    }

    func append(_ e: Element) {
        (storage + slot(count)).initialize(to: e)
        count += 1
    }

    func prepend(_ e: Element) {
        head = (head &- 1) & (capacity &- 1)
        (storage + head).initialize(to: e)
        count += 1
    }

    func removeFirst() -> Element {
        let e = (storage + head).move()
        head = slot(1)
        count -= 1
        return e
    }

    func removeLast() -> Element {
        count -= 1
        return (storage + slot(count)).move()
    }

    func removeAll() {
        for i in 0..<count { (storage + slot(i)).deinitialize(count: 1) }
        head = 0
        count = 0
    }

    /// Reallocates with `newCapacity` slots (a power of two, at least `count`), elements moved to the front.
    func resize(to newCapacity: Int) {
        precondition(newCapacity >= count && newCapacity & (newCapacity - 1) == 0)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        for i in 0..<count { (fresh + i).moveInitialize(from: storage + slot(i), count: 1) }
        storage.deallocate()
        storage = fresh
        capacity = newCapacity
        head = 0
    }

    /// Inserts `e` before element `i` (0...count), shifting the shorter side. The chunk must not be full.
    func insert(_ e: Element, at i: Int) {
        if i < count / 2 {
            head = (head &- 1) & (capacity &- 1)
            for j in 0..<i { (storage + slot(j)).moveInitialize(from: storage + slot(j + 1), count: 1) }
        } else {
            var j = count
            while j > i {
                (storage + slot(j)).moveInitialize(from: storage + slot(j - 1), count: 1)
                j -= 1
            }
        }
        (storage + slot(i)).initialize(to: e)
        count += 1
    }

    /// Moves the elements from `i` on into a new chunk of `capacity` slots, which it returns.
    func split(at i: Int, capacity newCapacity: Int) -> DequeChunk {
        let tail = DequeChunk(capacity: newCapacity)
        for j in i..<count { (tail.storage + j - i).moveInitialize(from: storage + slot(j), count: 1) }
        tail.count = count - i
        count = i
        return tail
    }

    /// Removes up to `limit` elements matching `predicate` (all when `limit` is nil), scanning from the back
    /// when `fromBack`; survivors keep their order. Returns how many were removed.
    func removeAll(where predicate: (Element) -> Bool, limit: Int?, fromBack: Bool) -> Int {
        var keep = [Bool](repeating: true, count: count)
        var removed = 0
        for step in 0..<count {
            if let limit, removed == limit { break }
            let i = fromBack ? count - 1 - step : step
            if predicate(self[i]) {
                keep[i] = false
                removed += 1
            }
        }
        guard removed > 0 else { return 0 }
        var write = 0
        for read in 0..<count {
            if keep[read] {
                if write != read { (storage + slot(write)).moveInitialize(from: storage + slot(read), count: 1) }
                write += 1
            } else {
                (storage + slot(read)).deinitialize(count: 1)
            }
        }
        count = write
        return removed
    }
}
