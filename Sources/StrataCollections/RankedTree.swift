/// An ordered multiset-free collection with positions: a B-tree whose nodes count the elements of their subtree,
/// so insert, remove, rank (position of an element), select (element at a position) and seek (position of the
/// first element passing a monotone predicate) are all O(log n), and a run of k consecutive elements is visited in
/// O(log n + k).
///
/// Nodes are copy-on-write: copying a `RankedTree` is O(1) and shares every node; a later write copies only the
/// nodes on the path it touches, so the copy is a snapshot. Elements are distinct under `==` (the caller never
/// inserts an element already present).
///
/// Shape rule (CLRS B-tree of minimum degree `RankedTree.degree`): every node but the root holds between
/// `degree - 1` and `2 * degree - 1` elements, an internal node with k elements has k + 1 children, and all leaves
/// are at the same depth.
public struct RankedTree<Element: Comparable> {
    @usableFromInline var root: RankedTreeNode<Element>

    /// Minimum degree: nodes hold 31...63 elements, so a million elements sit four levels deep.
    static var degree: Int { 32 }

    public init() {
        root = RankedTreeNode(elements: [], children: [])
    }

    /// Number of elements.
    @inlinable public var count: Int { root.count }

    @inlinable public var isEmpty: Bool { root.count == 0 }

    // MARK: Queries

    /// The 0-based position of `element` in ascending order, or nil when it is absent.
    public func rank(of element: Element) -> Int? {
        var node = root
        var before = 0
        while true {
            let i = node.firstIndex(notBelow: element)
            if i < node.elements.count && node.elements[i] == element {
                return before + node.countBefore(i) + (node.isLeaf ? 0 : node.children[i].count)
            }
            if node.isLeaf { return nil }
            before += node.countBefore(i)
            node = node.children[i]
        }
    }

    /// True when `element` is present.
    public func contains(_ element: Element) -> Bool { rank(of: element) != nil }

    /// The element at 0-based position `index` (which must be in 0..<count).
    public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "RankedTree index out of range")
        var node = root
        var i = index
        while true {
            if node.isLeaf { return node.elements[i] }
            for c in 0...node.elements.count {
                let size = node.children[c].count
                if i < size {
                    node = node.children[c]
                    break
                }
                if i == size { return node.elements[c] }
                i -= size + 1
            }
        }
    }

    /// The number of leading elements for which `isAbove` is false, i.e. the position of the first element for
    /// which it is true (`count` if none). `isAbove` must be monotone over the ascending order: false for a
    /// prefix, true for the rest (like "score > min").
    public func partitionIndex(where isAbove: (Element) -> Bool) -> Int {
        var node = root
        var before = 0
        while true {
            var lo = 0, hi = node.elements.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if isAbove(node.elements[mid]) { hi = mid } else { lo = mid + 1 }
            }
            if node.isLeaf { return before + lo }
            before += node.countBefore(lo)
            node = node.children[lo]
        }
    }

    /// Calls `body` with the elements at positions `range`, ascending, or descending when `reversed`.
    public func forEach(in range: Range<Int>, reversed: Bool = false, _ body: (Element) throws -> Void) rethrows {
        let r = range.clamped(to: 0..<count)
        guard !r.isEmpty else { return }
        try root.visit(r, offset: 0, reversed: reversed, body)
    }

    // MARK: Updates

    /// Inserts `element`, which must not be present.
    public mutating func insert(_ element: Element) {
        if !isKnownUniquelyReferenced(&root) { root = root.copy() }
        if root.elements.count == 2 * Self.degree - 1 {
            let old = root
            root = RankedTreeNode(elements: [], children: [old])
            root.count = old.count
            root.splitChild(0, degree: Self.degree)
        }
        root.insertNonFull(element, degree: Self.degree)
    }

    /// Removes `element`; false when it was absent.
    @discardableResult
    public mutating func remove(_ element: Element) -> Bool {
        guard contains(element) else { return false }
        if !isKnownUniquelyReferenced(&root) { root = root.copy() }
        root.remove(element, degree: Self.degree)
        if root.elements.isEmpty && !root.isLeaf { root = root.children[0] }
        return true
    }

    /// Removes the element at position `index` and returns it.
    @discardableResult
    public mutating func remove(at index: Int) -> Element {
        let element = self[index]
        remove(element)
        return element
    }

    public mutating func removeAll() {
        root = RankedTreeNode(elements: [], children: [])
    }
}

extension RankedTree: Sequence {
    /// Ascending iteration.
    public func makeIterator() -> IndexingIterator<[Element]> {
        var all: [Element] = []
        all.reserveCapacity(count)
        forEach(in: 0..<count) { all.append($0) }
        return all.makeIterator()
    }

    public var underestimatedCount: Int { count }
}
