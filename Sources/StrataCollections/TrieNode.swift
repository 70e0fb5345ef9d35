/// A node of a `HashTrie`: up to 32 buckets, each an element or a subtree.
///
/// A value type over shared `TrieNodeStorage`. Mutating methods first make the storage uniquely owned
/// (`prepareForMutation`), copying it when another trie copy still refers to it, so a write copies only the
/// nodes on its path and every other copy keeps seeing the old nodes. The bitmap and subtree count are
/// stored here rather than in the storage, so they sit in the parent's slot: a lookup learns the child's
/// occupied buckets, and positional access the child's size, without touching the child's allocation.
@usableFromInline
struct TrieNode<Key: TrieKey, Value> {
    @usableFromInline typealias Leaf = TrieLeaf<Key, Value>
    @usableFromInline typealias Slot = TrieSlot<Key, Value>
    @usableFromInline typealias Storage = TrieNodeStorage<Key, Value>

    @usableFromInline var storage: Storage
    /// Bit `b` set means bucket `b` is occupied; slots are stored in ascending bucket order.
    /// Zero in collision nodes, whose slots are all leaves with one shared hash.
    @usableFromInline var bitmap: UInt32
    /// Elements in the whole subtree.
    @usableFromInline var count: Int

    /// An empty node with room for `capacity` slots.
    @inlinable
    init(capacity: Int, bitmap: UInt32 = 0, count: Int = 0) {
        let object = Storage.create(minimumCapacity: capacity) { _ in TrieNodeHeader(capacity: capacity) }
        storage = unsafeDowncast(object, to: Storage.self)
        self.bitmap = bitmap
        self.count = count
    }

    /// The node at `depth` holding two distinct keys whose hashes agree on every level above it. They share
    /// a bucket here too only if the next hash bits agree, in which case the pair moves one level further
    /// down; keys with equal full hashes end up together in a collision node.
    @inlinable
    init(pairing first: consuming Leaf, _ second: consuming Leaf, depth: Int) {
        if depth == Self.collisionDepth {
            self.init(capacity: 2, count: 2)
            append(.leaf(first))
            append(.leaf(second))
            return
        }
        let firstBit = Self.bucketBit(first.hash, depth: depth)
        let secondBit = Self.bucketBit(second.hash, depth: depth)
        if firstBit == secondBit {
            self.init(capacity: 1, bitmap: firstBit, count: 2)
            append(.child(TrieNode(pairing: first, second, depth: depth + 1)))
        } else {
            self.init(capacity: 2, bitmap: firstBit | secondBit, count: 2)
            let (low, high) = firstBit < secondBit ? (first, second) : (second, first)
            append(.leaf(low))
            append(.leaf(high))
        }
    }

    // MARK: Bucket rule

    /// The depth of collision nodes: all 64 hash bits are consumed by the 13 levels above (12 of 5 bits,
    /// one of 4), so keys reaching it share their full hash and are kept as a list of leaves in insertion order.
    @inlinable
    static var collisionDepth: Int { 13 }

    /// Bucket rule: level `depth` branches on the 5 hash bits just below the `5 * depth` bits consumed by
    /// the levels above, high bits first (level 0: bits 63...59, level 1: bits 58...54, ...). Level 12 has
    /// only bits 3...0 left; shifted to the top they give an even bucket 0, 2, ..., 30. Either way, buckets
    /// in ascending order hold ascending hashes, so trie order is ascending hash order.
    @inlinable @inline(__always)
    static func bucketBit(_ hash: UInt64, depth: Int) -> UInt32 {
        1 &<< UInt32(truncatingIfNeeded: (hash &<< UInt64(truncatingIfNeeded: 5 &* depth)) &>> 59)
    }

    // MARK: Reading

    @inlinable
    var slotCount: Int { Int(storage.header.slotCount) }

    /// The position of the slot for bucket `bit` among the buckets occupied in `bitmap`.
    @inlinable @inline(__always)
    static func slotIndex(forBit bit: UInt32, in bitmap: UInt32) -> Int {
        (bitmap & (bit &- 1)).nonzeroBitCount
    }

    /// The position of the slot for bucket `bit` among the occupied buckets.
    @inlinable @inline(__always)
    func slotIndex(forBit bit: UInt32) -> Int {
        Self.slotIndex(forBit: bit, in: bitmap)
    }

    /// The first slot, valid as long as `storage` is neither released nor replaced (by `prepareForMutation`).
    /// Reading and writing through it, rather than inside a closure, lets leaves and children be borrowed or
    /// moved in place instead of copied.
    @inlinable @inline(__always)
    var slots: UnsafeMutablePointer<Slot> {
        storage.withUnsafeMutablePointerToElements { $0 }
    }

    @inlinable
    func withSlots<R>(_ body: (UnsafeMutableBufferPointer<Slot>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointers { header, slots in
            try body(UnsafeMutableBufferPointer(start: slots, count: Int(header.pointee.slotCount)))
        }
    }

    /// Whether slot `index` is a leaf holding `key` (true), another leaf (false) or a subtree (nil).
    @inlinable
    func leafHolds(_ key: Key, hash: UInt64, at index: Int) -> Bool? {
        switch slots[index] {
        case .leaf(let leaf): return leaf.holds(key, hash: hash)
        case .child: return nil
        }
    }

    /// The slot index of `key` in a collision node, whose `count` is its number of leaves.
    @inlinable
    func collisionIndex(of key: Key) -> Int? {
        Self.collisionIndex(of: key, in: slots, count: count)
    }

    /// The index of the leaf holding `key` among the `count` leaves of a collision node's `slots`.
    @inlinable
    static func collisionIndex(of key: Key, in slots: UnsafeMutablePointer<Slot>, count: Int) -> Int? {
        for index in 0..<count {
            guard case .leaf(let leaf) = slots[index] else { preconditionFailure("collision node holds a subtree") }
            if leaf.key == key { return index }
        }
        return nil
    }

    /// The value stored for `key` in the trie rooted at this node.
    ///
    /// Walks down with the current node's bitmap, count and slot pointer only, so no node or leaf is retained:
    /// each node is kept alive by its parent's slot, and the root by `self`. Only the returned value is copied.
    @inlinable
    func value(forKey key: Key, hash: UInt64) -> Value? {
        var (bitmap, count, slots) = (self.bitmap, self.count, self.slots)
        for depth in 0..<Self.collisionDepth {
            let bit = Self.bucketBit(hash, depth: depth)
            guard bitmap & bit != 0 else { return nil }
            switch slots[Self.slotIndex(forBit: bit, in: bitmap)] {
            case .leaf(let leaf):
                return leaf.holds(key, hash: hash) ? leaf.value : nil
            case .child(let child):
                (bitmap, count, slots) = (child.bitmap, child.count, child.slots)
            }
        }
        guard let index = Self.collisionIndex(of: key, in: slots, count: count) else { return nil }
        return slots[index].leafValue
    }

    // MARK: Writing (only after `prepareForMutation`)

    /// Makes the storage uniquely owned with room for `extraSlots` more slots: copies it when shared, so other
    /// trie copies keep the original, or moves it into a larger allocation when full.
    @inlinable
    mutating func prepareForMutation(addingSlots extraSlots: Int) {
        let needed = slotCount + extraSlots
        if isKnownUniquelyReferenced(&storage) {
            if needed > Int(storage.header.capacity) {
                storage = relocated(capacity: Swift.max(needed, Swift.min(2 * slotCount, 32)), moving: true)
            }
        } else {
            storage = relocated(capacity: needed, moving: false)
        }
    }

    /// New storage with this node's header and slots, either moved out of (leaving this storage empty) or
    /// copied from the current storage.
    @inlinable
    func relocated(capacity: Int, moving: Bool) -> Storage {
        let target = TrieNode(capacity: capacity).storage
        storage.withUnsafeMutablePointers { header, slots in
            target.withUnsafeMutablePointers { targetHeader, targetSlots in
                let slotCount = Int(header.pointee.slotCount)
                if moving {
                    targetSlots.moveInitialize(from: slots, count: slotCount)
                    header.pointee.slotCount = 0
                } else {
                    targetSlots.initialize(from: slots, count: slotCount)
                }
                targetHeader.pointee.slotCount = UInt32(slotCount)
            }
        }
        return target
    }

    /// Appends a slot to a node being built; the caller has set the bitmap and reserved the room.
    @inlinable
    func append(_ slot: consuming Slot) {
        (slots + slotCount).initialize(to: slot)
        storage.header.slotCount += 1
    }

    /// Inserts a slot for bucket `bit` (0 in collision nodes) at `index`, shifting later slots up.
    @inlinable
    mutating func insertSlot(_ slot: consuming Slot, at index: Int, bit: UInt32) {
        let slots = self.slots
        (slots + index + 1).moveInitialize(from: slots + index, count: slotCount - index)
        (slots + index).initialize(to: slot)
        storage.header.slotCount += 1
        bitmap |= bit
    }

    /// Removes the slot at `index` for bucket `bit` (0 in collision nodes), shifting later slots down.
    @inlinable
    mutating func removeSlot(at index: Int, bit: UInt32) -> Slot {
        bitmap &= ~bit
        return storage.withUnsafeMutablePointers { header, slots in
            let slotCount = Int(header.pointee.slotCount)
            let removed = (slots + index).move()
            (slots + index).moveInitialize(from: slots + index + 1, count: slotCount - index - 1)
            header.pointee.slotCount -= 1
            return removed
        }
    }

    /// Replaces the slot at `index`, returning the old one.
    @inlinable
    func exchangeSlot(at index: Int, with slot: consuming Slot) -> Slot {
        let old = (slots + index).move()
        (slots + index).initialize(to: slot)
        return old
    }

    /// Moves `leaf` into slot `index`, which holds a leaf with an equal key, and returns the value it replaced.
    @inlinable
    func replaceLeaf(at index: Int, with leaf: consuming Leaf) -> Value {
        let slot = slots + index
        guard case .leaf(let replaced) = slot.move() else { preconditionFailure("slot \(index) is a subtree") }
        slot.initialize(to: .leaf(leaf))
        return replaced.value
    }

    /// Runs `body` on the subtree in slot `index`, moved out of the slot meanwhile so that its storage is
    /// uniquely referenced unless another trie copy shares it.
    @inlinable
    func withChild<R>(at index: Int, _ body: (inout TrieNode) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointerToElements { slots in
            let slot = slots + index
            guard case .child(var child) = slot.move() else { preconditionFailure("slot \(index) is a leaf") }
            defer { slot.initialize(to: .child(child)) }
            return try body(&child)
        }
    }

    /// Runs `body` on the value of the leaf in slot `index`, moved out of the slot meanwhile so that a
    /// copy-on-write value is uniquely referenced unless another trie copy shares it.
    @inlinable
    func withLeafValue<R>(at index: Int, _ body: (inout Value) throws -> R) rethrows -> R {
        let slot = slots + index
        guard case .leaf(var leaf) = slot.move() else { preconditionFailure("slot \(index) is a subtree") }
        // `consume` moves the leaf back; putting it back in a `defer` compiled to a copy of the leaf and a destroy.
        do {
            let result = try body(&leaf.value)
            slot.initialize(to: .leaf(consume leaf))
            return result
        } catch {
            slot.initialize(to: .leaf(consume leaf))
            throw error
        }
    }
}

extension TrieSlot {
    /// The value of a slot known to be a leaf.
    @inlinable
    var leafValue: Value {
        guard case .leaf(let leaf) = self else { preconditionFailure("slot is a subtree") }
        return leaf.value
    }
}
