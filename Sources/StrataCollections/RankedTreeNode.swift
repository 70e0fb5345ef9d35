/// One node of a `RankedTree`: its elements in ascending order, its children (none in a leaf; otherwise one more
/// than elements, child i holding what sorts between elements i-1 and i) and the number of elements in its subtree.
/// Mutating methods are called only on uniquely referenced nodes and make each child they change unique first.
@usableFromInline
final class RankedTreeNode<Element: Comparable> {
    var elements: [Element]
    var children: [RankedTreeNode]
    @usableFromInline var count: Int

    init(elements: [Element], children: [RankedTreeNode]) {
        self.elements = elements
        self.children = children
        count = elements.count + children.reduce(0) { $0 + $1.count }
    }

    private init(copying other: RankedTreeNode) {
        elements = other.elements
        children = other.children
        count = other.count
    }

    /// A shallow copy: the children become shared between the two.
    func copy() -> RankedTreeNode { RankedTreeNode(copying: self) }

    var isLeaf: Bool { children.isEmpty }

    /// The first position in `elements` whose element is >= `element`.
    func firstIndex(notBelow element: Element) -> Int {
        var lo = 0, hi = elements.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if elements[mid] < element { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Elements of this subtree that sort before child `i` (the elements before it and their subtrees).
    func countBefore(_ i: Int) -> Int {
        if isLeaf { return i }
        var n = i
        for c in 0..<i { n += children[c].count }
        return n
    }

    private func recount() {
        count = elements.count + children.reduce(0) { $0 + $1.count }
    }

    /// Makes child `i` uniquely referenced (copying it if a snapshot shares it) and returns it.
    private func uniqueChild(_ i: Int) -> RankedTreeNode {
        if !isKnownUniquelyReferenced(&children[i]) { children[i] = children[i].copy() }
        return children[i]
    }

    // MARK: Visiting

    /// Calls `body` for the subtree's elements whose positions (counted from `offset`) fall in `range`.
    func visit(_ range: Range<Int>, offset: Int, reversed: Bool, _ body: (Element) throws -> Void) rethrows {
        if isLeaf {
            let local = (range.lowerBound - offset)..<(range.upperBound - offset)
            let r = local.clamped(to: 0..<elements.count)
            if reversed {
                for i in r.reversed() { try body(elements[i]) }
            } else {
                for i in r { try body(elements[i]) }
            }
            return
        }
        // Child c occupies positions [start, start + size); element c sits right after it, at start + size.
        if reversed {
            var end = offset + count
            for c in stride(from: children.count - 1, through: 0, by: -1) {
                if c < elements.count && range.contains(end) { try body(elements[c]) }
                if end <= range.lowerBound { return }
                let start = end - children[c].count
                if start < range.upperBound { try children[c].visit(range, offset: start, reversed: true, body) }
                end = start - 1
            }
        } else {
            var start = offset
            for c in 0..<children.count {
                if start >= range.upperBound { return }
                let end = start + children[c].count
                if range.lowerBound < end { try children[c].visit(range, offset: start, reversed: false, body) }
                if c < elements.count && range.contains(end) { try body(elements[c]) }
                start = end + 1
            }
        }
    }

    // MARK: Insertion

    /// Splits the full child `i` around its median, which moves up into this node.
    func splitChild(_ i: Int, degree t: Int) {
        let left = uniqueChild(i)
        let median = left.elements[t - 1]
        let right = RankedTreeNode(elements: Array(left.elements[t...]),
                                   children: left.isLeaf ? [] : Array(left.children[t...]))
        left.elements.removeSubrange((t - 1)...)
        if !left.isLeaf { left.children.removeSubrange(t...) }
        left.count -= right.count + 1
        elements.insert(median, at: i)
        children.insert(right, at: i + 1)
    }

    /// Inserts into the subtree of this node, which is not full.
    func insertNonFull(_ element: Element, degree t: Int) {
        count += 1
        var i = firstIndex(notBelow: element)
        if isLeaf {
            elements.insert(element, at: i)
            return
        }
        if children[i].elements.count == 2 * t - 1 {
            splitChild(i, degree: t)
            if elements[i] < element { i += 1 }
        }
        uniqueChild(i).insertNonFull(element, degree: t)
    }

    // MARK: Removal

    /// Removes `element`, which is in this subtree. Before descending into a child it makes sure the child has at
    /// least `t` elements (borrowing from a sibling or merging with one), so removal never underflows a node.
    func remove(_ element: Element, degree t: Int) {
        count -= 1
        let i = firstIndex(notBelow: element)
        let here = i < elements.count && elements[i] == element
        if isLeaf {
            elements.remove(at: i)
            return
        }
        if here {
            if children[i].elements.count >= t {
                let child = uniqueChild(i)
                let predecessor = child.last
                child.remove(predecessor, degree: t)
                elements[i] = predecessor
            } else if children[i + 1].elements.count >= t {
                let child = uniqueChild(i + 1)
                let successor = child.first
                child.remove(successor, degree: t)
                elements[i] = successor
            } else {
                merge(i)
                uniqueChild(i).remove(element, degree: t)
            }
            return
        }
        uniqueChild(fill(i, degree: t)).remove(element, degree: t)
    }

    private var last: Element {
        var node = self
        while !node.isLeaf { node = node.children[node.children.count - 1] }
        return node.elements[node.elements.count - 1]
    }

    private var first: Element {
        var node = self
        while !node.isLeaf { node = node.children[0] }
        return node.elements[0]
    }

    /// Ensures child `i` holds at least `t` elements; returns the index of the child now covering its range
    /// (i - 1 after merging with the left sibling).
    private func fill(_ i: Int, degree t: Int) -> Int {
        guard children[i].elements.count < t else { return i }
        if i > 0 && children[i - 1].elements.count >= t {
            let left = uniqueChild(i - 1), child = uniqueChild(i)
            child.elements.insert(elements[i - 1], at: 0)
            elements[i - 1] = left.elements.removeLast()
            if !left.isLeaf { child.children.insert(left.children.removeLast(), at: 0) }
            left.recount()
            child.recount()
            return i
        }
        if i < elements.count && children[i + 1].elements.count >= t {
            let right = uniqueChild(i + 1), child = uniqueChild(i)
            child.elements.append(elements[i])
            elements[i] = right.elements.removeFirst()
            if !right.isLeaf { child.children.append(right.children.removeFirst()) }
            right.recount()
            child.recount()
            return i
        }
        if i < elements.count {
            merge(i)
            return i
        }
        merge(i - 1)
        return i - 1
    }

    /// Merges child `i + 1` and the element between them into child `i`.
    private func merge(_ i: Int) {
        let left = uniqueChild(i), right = children[i + 1]
        left.elements.append(elements.remove(at: i))
        left.elements.append(contentsOf: right.elements)
        left.children.append(contentsOf: right.children)
        left.count += right.count + 1
        children.remove(at: i + 1)
    }
}

extension RankedTreeNode {
    /// Describes the first broken shape rule in this subtree (ordering, fill, counts, leaf depth), for tests.
    func invariantViolation(degree t: Int, isRoot: Bool, depth: Int, leafDepth: inout Int?) -> String? {
        if !isRoot && (elements.count < t - 1 || elements.count > 2 * t - 1) { return "node fill \(elements.count)" }
        for i in elements.indices.dropFirst() where !(elements[i - 1] < elements[i]) { return "node out of order" }
        if isLeaf {
            if let d = leafDepth, d != depth { return "leaves at depths \(d) and \(depth)" }
            leafDepth = depth
            return count == elements.count ? nil : "leaf count \(count) for \(elements.count)"
        }
        if children.count != elements.count + 1 { return "\(children.count) children for \(elements.count) elements" }
        var total = elements.count
        for (c, child) in children.enumerated() {
            if c > 0, !(elements[c - 1] < child.first) { return "child \(c) below its separator" }
            if c < elements.count, !(child.last < elements[c]) { return "child \(c) above its separator" }
            if let v = child.invariantViolation(degree: t, isRoot: false, depth: depth + 1, leafDepth: &leafDepth) {
                return v
            }
            total += child.count
        }
        return total == count ? nil : "count \(count) for \(total)"
    }
}

extension RankedTree {
    /// Describes the first broken shape rule, or nil when the tree is well formed (for tests).
    public func invariantViolation() -> String? {
        var leafDepth: Int?
        if root.count == 0 { return root.isLeaf ? nil : "empty root with children" }
        return root.invariantViolation(degree: Self.degree, isRoot: true, depth: 0, leafDepth: &leafDepth)
    }
}
