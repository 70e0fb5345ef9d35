/// The small all-integer set encoding ("intset" in OBJECT ENCODING): members sorted ascending in one array, so
/// SMEMBERS lists them in numeric order as Redis does and membership is a binary search.
struct SetIntset {
    private(set) var members: [Int64] = []

    var count: Int { members.count }

    /// The index of `n`, or where it would be inserted.
    private func position(_ n: Int64) -> (index: Int, found: Bool) {
        var low = 0, high = members.count
        while low < high {
            let mid = (low + high) / 2
            let m = members[mid]
            if m == n { return (mid, true) }
            if m < n { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }

    func contains(_ n: Int64) -> Bool { position(n).found }

    /// Adds `n`; true when it was not a member.
    mutating func insert(_ n: Int64) -> Bool {
        let p = position(n)
        if p.found { return false }
        members.insert(n, at: p.index)
        return true
    }

    /// Removes `n`; true when it was a member.
    mutating func remove(_ n: Int64) -> Bool {
        let p = position(n)
        guard p.found else { return false }
        members.remove(at: p.index)
        return true
    }

    var memoryEstimate: Int { MemoryEstimate.byteArray(members.capacity * 8) }
}
