import StrataCollections

/// A Redis hash. Small hashes use the "listpack" encoding (`HashListpack`: pairs in insertion order in one
/// buffer); a hash converts, once and for good, to the "hashtable" encoding (`HashTable`) when it gets more
/// than `hash-max-listpack-entries` fields or a field or value longer than `hash-max-listpack-value` bytes —
/// the limits read at the time of each write, as Redis does.
public struct HashValue {
    /// The encoding in use.
    enum Storage {
        case listpack(HashListpack)
        case table(HashTable)
    }

    /// The encoding behind one reference, so a `StoredValue` holding a hash is one word wide and needs no box: an
    /// `indirect` case allocates a new box on every edit. Copy-on-write: a shared box is copied (shallowly: the
    /// encodings are copy-on-write themselves) before the first change.
    private final class Box {
        var storage: Storage

        init(_ storage: Storage) {
            self.storage = storage
        }
    }

    private var box = Box(.listpack(HashListpack()))

    /// Heap bytes of the box object.
    static let boxBytes = MemoryEstimate.mallocSize(16 + MemoryLayout<Storage>.size)

    private(set) var storage: Storage {
        get { box.storage }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.storage) }
            yield &box.storage
        }
    }

    public init() {}

    /// A hash in the given encoding, built in bulk by the caller (loading an RDB or a RESTORE payload), which has
    /// checked that its fields are distinct and that the encoding is the one the same pairs inserted one by one
    /// would end in.
    init(storage: Storage) {
        box = Box(storage)
    }

    public var count: Int {
        switch storage {
        case .listpack(let lp): return lp.count
        case .table(let t): return t.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    public var encodingName: String {
        if case .table = storage { return "hashtable" }
        return "listpack"
    }

    var memoryEstimate: Int {
        switch storage {
        case .listpack(let lp): return lp.memoryEstimate
        case .table(let t): return t.memoryEstimate
        }
    }

    /// The value of `field`, or nil.
    public func value(_ field: Bytes) -> Bytes? {
        switch storage {
        case .listpack(let lp): return lp.value(field).map(Array.init)
        case .table(let t): return t.value(field)?.bytes
        }
    }

    /// Calls `body` with `field`'s value (nil when absent) without copying it.
    public func withValue<R>(_ field: Bytes, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        switch storage {
        case .listpack(let lp):
            guard let value = lp.value(field) else { return try body(nil) }
            return try value.withUnsafeBytes { try body($0) }
        case .table(let t):
            guard let value = t.value(field) else { return try body(nil) }
            return try value.withUnsafeBytes { try body($0) }
        }
    }

    /// The length of `field`'s value, or nil (HSTRLEN without copying the value).
    public func valueLength(_ field: Bytes) -> Int? {
        switch storage {
        case .listpack(let lp): return lp.value(field)?.count
        case .table(let t): return t.value(field)?.count
        }
    }

    public func contains(_ field: Bytes) -> Bool {
        switch storage {
        case .listpack(let lp): return lp.find(field) != nil
        case .table(let t): return t.value(field) != nil
        }
    }

    /// Stores `value` under `field`, converting to the hashtable encoding first when the field or the value is
    /// too long for a listpack and afterwards when the hash has too many fields. True when the field is new.
    @discardableResult
    public mutating func set(_ field: Bytes, _ value: Bytes, limits: EncodingLimits) -> Bool {
        switch storage {
        case .listpack(var lp):
            storage = .listpack(HashListpack())  // drop the enum's reference so `lp` is uniquely held
            let longest = limits.hashMaxListpackValue
            if field.count > longest || value.count > longest {
                var table = HashValue.table(from: lp)
                let created = table.set(CompactBytes(field), CompactBytes(value))
                storage = .table(table)
                return created
            }
            let created = lp.set(field, value)
            storage = lp.count > limits.hashMaxListpackEntries ? .table(HashValue.table(from: lp)) : .listpack(lp)
            return created
        case .table(var t):
            storage = .listpack(HashListpack())
            defer { storage = .table(t) }
            return t.set(CompactBytes(field), CompactBytes(value))
        }
    }

    /// Removes `field`; true when it was present.
    @discardableResult
    public mutating func remove(_ field: Bytes) -> Bool {
        switch storage {
        case .listpack(var lp):
            storage = .listpack(HashListpack())
            defer { storage = .listpack(lp) }
            return lp.remove(field)
        case .table(var t):
            storage = .listpack(HashListpack())
            defer { storage = .table(t) }
            return t.remove(field)
        }
    }

    /// Calls `body` with every field and value, without copying them: insertion order for a listpack, trie order
    /// for a hashtable.
    public func forEach(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows {
        switch storage {
        case .listpack(let lp):
            try lp.forEach(body)
        case .table(let t):
            for (field, value) in t.trie {
                try field.withUnsafeBytes { f in try value.withUnsafeBytes { v in try body(f, v) } }
            }
        }
    }

    /// Calls `body` with a function from position (0..<count) to pair, O(1) per call for a listpack (after one
    /// pass to index it) and O(log n) for a hashtable: random sampling.
    public func withPositionalAccess<R>(
        _ body: ((Int) -> (field: ArraySlice<UInt8>, value: ArraySlice<UInt8>)) throws -> R
    ) rethrows -> R {
        switch storage {
        case .listpack(let lp):
            let starts = lp.pairStarts()
            return try body { lp.pair(at: starts[$0]) }
        case .table(let t):
            return try body { i in
                let e = t.trie.element(atOffset: i)
                return (e.key.bytes[...], e.value.bytes[...])
            }
        }
    }

    /// One step of HSCAN: a listpack answers everything at once with cursor 0 (as Redis does); a hashtable
    /// visits about `count` fields from `cursor` on and returns the next cursor (0 when done).
    public func scan(cursor: UInt64, count: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) -> UInt64 {
        switch storage {
        case .listpack(let lp):
            lp.forEach(body)
            return 0
        case .table(let t):
            return t.trie.scan(cursor: cursor, count: count) { field, value in
                field.withUnsafeBytes { f in value.withUnsafeBytes { v in body(f, v) } }
            }
        }
    }

    private static func table(from lp: HashListpack) -> HashTable {
        var table = HashTable()
        lp.forEach { field, value in table.set(CompactBytes(Array(field)), CompactBytes(Array(value))) }
        return table
    }
}
