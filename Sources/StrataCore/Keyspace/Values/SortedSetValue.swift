import RESP
import StrataCollections

/// A Redis sorted set: members with scores, ordered by (score, member bytes).
///
/// Two encodings, named as Redis 7.0 names them:
/// - "listpack": a sorted array, while the set has at most `zset-max-listpack-entries` members and every member is
///   at most `zset-max-listpack-value` bytes. Lookups are linear, as in Redis's listpack; the array is tiny.
/// - "skiplist": a hash trie member -> score (O(1) ZSCORE) beside a `RankedTree` of (score, member) (O(log n) rank,
///   select and seek by score). Both are copy-on-write, so a copy of a big sorted set is an O(1) snapshot.
/// Conversion is one way: a set that outgrew the listpack stays a skiplist.
public struct SortedSetValue {
    /// The encodings' state behind one reference, so a `StoredValue` holding a sorted set stays one word wide (every
    /// key's entry is as wide as the widest value case). Copy-on-write: shared storage is copied (shallowly: the
    /// arrays, trie and tree inside are copy-on-write themselves) before the first change.
    private final class Storage {
        /// Listpack encoding: every element, ascending. Empty once `index` is used.
        var compact: [ScoredMember] = []
        /// Skiplist encoding; nil while the set is a listpack.
        var index: Index?
        /// Heap bytes of the members too long to be stored inline, for the O(1) memory estimate.
        var memberHeap = 0

        init() {}

        init(copying other: Storage) {
            compact = other.compact
            index = other.index
            memberHeap = other.memberHeap
        }
    }

    private var storage = Storage()

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
    }

    var compact: [ScoredMember] {
        get { storage.compact }
        _modify {
            makeUnique()
            yield &storage.compact
        }
    }

    var index: Index? {
        get { storage.index }
        _modify {
            makeUnique()
            yield &storage.index
        }
    }

    private(set) var memberHeap: Int {
        get { storage.memberHeap }
        _modify {
            makeUnique()
            yield &storage.memberHeap
        }
    }

    /// The skiplist encoding's two views of the same elements.
    struct Index {
        var scores = HashTrie<CompactBytes, Double>()
        var order = RankedTree<ScoredMember>()
    }

    public init() {}

    /// An empty set in the encoding Redis 7.0 picks for a result of known size, `count` members at most
    /// `longestMember` bytes long (ZUNIONSTORE... destinations, ZRANGESTORE of a rank range): listpack when it fits.
    init(fittingCount count: Int, longestMember: Int, limits: EncodingLimits) {
        if count > limits.zsetMaxListpackEntries || longestMember > limits.zsetMaxListpackValue { index = Index() }
    }

    /// A listpack-encoded sorted set of `elements`, whose members the caller has checked are distinct, with no NaN
    /// score and at most `zset-max-listpack-entries` members none longer than `zset-max-listpack-value` (loading an
    /// RDB or a RESTORE payload): the array is kept as given, sorted only if it was not ascending already.
    init(listpackElements elements: [ScoredMember]) {
        var elements = elements
        if zip(elements, elements.dropFirst()).contains(where: { $1 < $0 }) { elements.sort() }
        var heap = 0
        for e in elements { heap += SortedSetValue.heap(of: e.member) }
        compact = elements
        memberHeap = heap
    }

    public var count: Int { index?.order.count ?? compact.count }

    public var isEmpty: Bool { count == 0 }

    public var encodingName: String { index == nil ? "listpack" : "skiplist" }

    /// Estimated heap bytes: the storage object, then the listpack's array, or per member a hash-trie slot and a tree slot with their share
    /// of nodes (about 250 bytes, measured against glibc's heap); plus the arrays of members longer than the
    /// inline capacity (one per member: the trie and the tree share it).
    var memoryEstimate: Int {
        let box = MemoryEstimate.mallocSize(16 + MemoryLayout<[ScoredMember]>.size + MemoryLayout<Index?>.size + 8)
        if index != nil { return box + count * SortedSetValue.skiplistBytesPerMember + memberHeap }
        let array = compact.isEmpty ? 0 : MemoryEstimate.mallocSize(32 + compact.capacity * MemoryLayout<ScoredMember>.stride)
        return box + array + memberHeap
    }

    static let skiplistBytesPerMember = 250

    /// Heap bytes of a member's own storage (0 when inline).
    private static func heap(of member: CompactBytes) -> Int { MemoryEstimate.byteArray(member.heapBytes) }

    // MARK: Lookup

    public func score(of member: Bytes) -> Double? { score(of: CompactBytes(member)) }

    func score(of member: CompactBytes) -> Double? {
        if let index { return index.scores[member] }
        return compact.first { $0.member == member }?.score
    }

    /// 0-based position in ascending order.
    public func rank(of member: Bytes) -> Int? {
        let key = CompactBytes(member)
        if let index {
            guard let score = index.scores[key] else { return nil }
            return index.order.rank(of: ScoredMember(key, score))
        }
        return compact.firstIndex { $0.member == key }
    }

    /// The element at ascending position `i` (0..<count).
    subscript(i: Int) -> ScoredMember {
        if let index { return index.order[i] }
        return compact[i]
    }

    /// The number of leading elements (ascending) for which `isAbove` is false; `isAbove` must be monotone.
    func partitionIndex(where isAbove: (ScoredMember) -> Bool) -> Int {
        if let index { return index.order.partitionIndex(where: isAbove) }
        var lo = 0, hi = compact.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAbove(compact[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Calls `body` with the elements at ascending positions `range` (clamped), in descending order if `reversed`.
    func forEach(in range: Range<Int>, reversed: Bool = false, _ body: (ScoredMember) throws -> Void) rethrows {
        if let index { return try index.order.forEach(in: range, reversed: reversed, body) }
        let r = range.clamped(to: 0..<compact.count)
        if reversed {
            for i in r.reversed() { try body(compact[i]) }
        } else {
            for i in r { try body(compact[i]) }
        }
    }

    /// Every element, ascending.
    func forEach(_ body: (ScoredMember) throws -> Void) rethrows { try forEach(in: 0..<count, body) }

    /// Members with min <= score <= max, ascending by (score, member).
    public func elements(scoreFrom min: Double, to max: Double) -> [(member: Bytes, score: Double)] {
        let start = partitionIndex { $0.score >= min }
        let end = partitionIndex { $0.score > max }
        var result: [(member: Bytes, score: Double)] = []
        guard start < end else { return result }
        result.reserveCapacity(end - start)
        forEach(in: start..<end) { result.append(($0.member.bytes, $0.score)) }
        return result
    }

    // MARK: Updates

    /// Adds `member` or changes its score, converting to the skiplist encoding when a new member makes the set
    /// outgrow the listpack limits. An equal score (0 and -0 included) changes nothing. Returns the previous score
    /// (nil when the member is new).
    @discardableResult
    public mutating func insert(_ member: Bytes, score: Double, limits: EncodingLimits) -> Double? {
        insert(CompactBytes(member), score: score, limits: limits)
    }

    @discardableResult
    mutating func insert(_ member: CompactBytes, score: Double, limits: EncodingLimits) -> Double? {
        if index == nil {
            if let at = compact.firstIndex(where: { $0.member == member }) {
                let old = compact[at].score
                let element = ScoredMember(member, SortedSetValue.listpackScore(score))
                if old != element.score {
                    compact.remove(at: at)
                    compact.insert(element, at: partitionIndex { element < $0 })
                }
                return old
            }
            // Like Redis, a new member that would outgrow the limits converts the set first and goes into the
            // skiplist (an update keeps the encoding even after CONFIG SET lowered the limits).
            guard compact.count + 1 > limits.zsetMaxListpackEntries || member.count > limits.zsetMaxListpackValue else {
                let element = ScoredMember(member, SortedSetValue.listpackScore(score))
                compact.insert(element, at: partitionIndex { element < $0 })
                memberHeap += SortedSetValue.heap(of: member)
                return nil
            }
            convertToSkiplist()
        }
        guard let old = index!.scores.updateValue(score, forKey: member) else {
            memberHeap += SortedSetValue.heap(of: member)
            index!.order.insert(ScoredMember(member, score))
            return nil
        }
        // An equal score (0 and -0 included, as C compares them) leaves the element as it was.
        guard old != score else {
            if old.sign != score.sign { index!.scores.updateValue(old, forKey: member) }
            return old
        }
        index!.order.remove(ScoredMember(member, old))
        index!.order.insert(ScoredMember(member, score))
        return old
    }

    /// Removes `member`; false when it was absent.
    @discardableResult
    public mutating func remove(_ member: Bytes) -> Bool { remove(CompactBytes(member)) }

    @discardableResult
    mutating func remove(_ member: CompactBytes) -> Bool {
        if index != nil {
            guard let score = index!.scores.removeValue(forKey: member) else { return false }
            index!.order.remove(ScoredMember(member, score))
        } else {
            guard let at = compact.firstIndex(where: { $0.member == member }) else { return false }
            compact.remove(at: at)
        }
        memberHeap -= SortedSetValue.heap(of: member)
        return true
    }

    /// Removes the elements at ascending positions `range` (already clamped) and returns them, ascending.
    @discardableResult
    mutating func removeSubrange(_ range: Range<Int>) -> [ScoredMember] {
        guard !range.isEmpty else { return [] }
        var removed: [ScoredMember] = []
        removed.reserveCapacity(range.count)
        if index != nil {
            forEach(in: range) { removed.append($0) }
            for e in removed {
                index!.scores.removeValue(forKey: e.member)
                index!.order.remove(e)
            }
        } else {
            removed.append(contentsOf: compact[range])
            compact.removeSubrange(range)
        }
        for e in removed { memberHeap -= SortedSetValue.heap(of: e.member) }
        return removed
    }

    /// The largest magnitude Redis's listpack stores as an integer (LLONG_MAX / 2 as a double).
    static let listpackIntegerLimit = 4_611_686_018_427_387_904.0

    /// Redis's listpack keeps a score that is an integer of magnitude <= 2^62 as that integer, so a -0 score reads
    /// back as 0; every other score is unchanged.
    static func listpackScore(_ score: Double) -> Double {
        score == 0 ? 0 : score
    }

    /// A score as ZSCAN shows it from a listpack: integers (see `listpackScore`) in plain decimal, other scores
    /// as %.17g.
    static func listpackScoreText(_ score: Double) -> Bytes {
        if score.magnitude <= listpackIntegerLimit, score.rounded(.towardZero) == score {
            return IntegerText.bytes(Int64(score))
        }
        return formatDouble17g(score)
    }

    private mutating func convertToSkiplist() {
        var built = Index()
        for e in compact {
            built.scores[e.member] = e.score
            built.order.insert(e)
        }
        compact = []
        index = built
    }

    // MARK: Scanning

    /// ZSCAN: a listpack answers everything at once (cursor 0), as in Redis; a skiplist walks its trie with the
    /// trie's stable cursor.
    func scan(cursor: UInt64, count: Int, _ body: (CompactBytes, Double) -> Void) -> UInt64 {
        if let index { return index.scores.scan(cursor: cursor, count: count, body) }
        for e in compact { body(e.member, e.score) }
        return 0
    }
}
