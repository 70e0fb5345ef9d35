import StrataCollections

/// A Redis set. While every member is a canonical integer and there are at most `set-max-intset-entries` of
/// them the set uses the "intset" encoding (`SetIntset`); the first other member, or one member too many,
/// converts it for good to the "hashtable" encoding (`SetTable`). Redis 7.0 has no listpack sets.
public struct SetValue {
    /// The encoding in use.
    enum Storage {
        case intset(SetIntset)
        case table(SetTable)
    }

    /// The encoding behind one reference, so a `StoredValue` holding a set is one word wide and needs no box: an
    /// `indirect` case allocates a new box on every edit. Copy-on-write: a shared box is copied (shallowly: the
    /// encodings are copy-on-write themselves) before the first change.
    private final class Box {
        var storage: Storage

        init(_ storage: Storage) {
            self.storage = storage
        }
    }

    private var box = Box(.intset(SetIntset()))

    /// Heap bytes of the box object.
    static let boxBytes = MemoryEstimate.mallocSize(16 + MemoryLayout<Storage>.size)

    private(set) var storage: Storage {
        get { box.storage }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.storage) }
            yield &box.storage
        }
    }

    /// An empty set; it starts as an intset, as Redis's set created for an integer member does (and the first
    /// non-integer member converts it, as creating it for such a member would).
    public init() {}

    /// A set in the given encoding, built in bulk by the caller (loading a snapshot), which has checked that the
    /// encoding is the one inserting the same members one by one would end in.
    init(storage: Storage) {
        box = Box(storage)
    }

    public var count: Int {
        switch storage {
        case .intset(let s): return s.count
        case .table(let t): return t.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    public var encodingName: String {
        if case .table = storage { return "hashtable" }
        return "intset"
    }

    var memoryEstimate: Int {
        switch storage {
        case .intset(let s): return s.memoryEstimate
        case .table(let t): return t.memoryEstimate
        }
    }

    public func contains(_ member: Bytes) -> Bool { contains(SetElement(member)) }

    public func contains(_ member: SetElement) -> Bool {
        switch storage {
        case .intset(let s): return member.integer.map(s.contains) ?? false
        case .table(let t): return t.contains(member.compact)
        }
    }

    /// Adds `member`, converting to a hashtable when it is not an integer or the intset grows past
    /// `set-max-intset-entries`. True when it was not a member.
    @discardableResult
    public mutating func insert(_ member: SetElement, limits: EncodingLimits) -> Bool {
        switch storage {
        case .intset(var s):
            storage = .intset(SetIntset())  // drop the enum's reference so `s` is uniquely held
            guard let n = member.integer else {
                var table = SetValue.table(from: s)
                let added = table.insert(member.compact)
                storage = .table(table)
                return added
            }
            let added = s.insert(n)
            storage = added && s.count > limits.setMaxIntsetEntries ? .table(SetValue.table(from: s)) : .intset(s)
            return added
        case .table(var t):
            storage = .intset(SetIntset())
            defer { storage = .table(t) }
            return t.insert(member.compact)
        }
    }

    /// Removes `member`; true when it was a member.
    @discardableResult
    public mutating func remove(_ member: SetElement) -> Bool {
        switch storage {
        case .intset(var s):
            guard let n = member.integer else { return false }
            storage = .intset(SetIntset())
            defer { storage = .intset(s) }
            return s.remove(n)
        case .table(var t):
            storage = .intset(SetIntset())
            defer { storage = .table(t) }
            return t.remove(member.compact)
        }
    }

    /// Calls `body` with every member: ascending for an intset, trie order for a hashtable.
    public func forEach(_ body: (SetElement) throws -> Void) rethrows {
        switch storage {
        case .intset(let s):
            for n in s.members { try body(.int(n)) }
        case .table(let t):
            for (member, _) in t.trie { try body(.bytes(member)) }
        }
    }

    /// Calls `body` with a function from position (0..<count) to member: O(1) for an intset, O(log n) for a
    /// hashtable. Random sampling.
    public func withPositionalAccess<R>(_ body: ((Int) -> SetElement) throws -> R) rethrows -> R {
        switch storage {
        case .intset(let s): return try body { .int(s.members[$0]) }
        case .table(let t): return try body { .bytes(t.trie.element(atOffset: $0).key) }
        }
    }

    /// One step of SSCAN: an intset answers everything at once with cursor 0 (as Redis does); a hashtable visits
    /// about `count` members from `cursor` on and returns the next cursor (0 when done).
    public func scan(cursor: UInt64, count: Int, _ body: (SetElement) -> Void) -> UInt64 {
        switch storage {
        case .intset:
            forEach(body)
            return 0
        case .table(let t):
            return t.trie.scan(cursor: cursor, count: count) { member, _ in body(.bytes(member)) }
        }
    }

    private static func table(from s: SetIntset) -> SetTable {
        var table = SetTable()
        for n in s.members { _ = table.insert(CompactBytes(IntegerText.bytes(n))) }
        return table
    }
}
