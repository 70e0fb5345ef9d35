/// Where LZF compression remembers, per hash slot, the latest input position with that hash (0: none).
protocol LZFSlots {
    /// Stores `position` in `slot` and returns what the slot held before.
    mutating func exchange(_ slot: Int, _ position: Int) -> Int
}

/// Memory reused from one LZF compression to the next by a long-running writer (a whole RDB file): liblzf's full
/// table of 65536 slots and an output buffer, so compressing a string allocates and clears nothing.
///
/// Each slot holds a generation stamp (high 24 bits) and a position (low 40 bits); a slot stamped by an earlier
/// compression reads as empty, which is exactly a freshly zeroed table, so the output is the same bytes.
final class LZFScratch {
    private let table: UnsafeMutablePointer<UInt64>
    private var generation: UInt64 = 0
    private(set) var output: UnsafeMutablePointer<UInt8>
    private var outputCapacity: Int

    static let slotCount = 1 << 16
    /// The number of strings a writer compresses with per-call tables before it sets up a scratch (a DUMP
    /// payload compresses one or two: not worth 512 KiB).
    static let reuseAfter = 8
    private static let positionBits: UInt64 = 40
    private static let largestGeneration: UInt64 = 1 << 24 - 1
    /// Output buffers bigger than this are given back after the string that needed them.
    private static let keptOutputCapacity = 1 << 20

    init() {
        table = .allocate(capacity: LZFScratch.slotCount)
        table.initialize(repeating: 0, count: LZFScratch.slotCount)
        outputCapacity = 4096
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        table.deallocate()
        output.deallocate()
    }

    /// Compresses `input` into `output` (nil when the result would exceed `limit` bytes, as `LZF.compress`) and
    /// returns the compressed size.
    func compress(_ input: UnsafeRawBufferPointer, limit: Int) -> Int? {
        guard input.count < 1 << LZFScratch.positionBits, limit > 0 else { return nil }
        if outputCapacity < limit + 4 || outputCapacity > LZFScratch.keptOutputCapacity {
            output.deallocate()
            outputCapacity = max(4096, limit + 4)
            output = .allocate(capacity: outputCapacity)
        }
        if generation == LZFScratch.largestGeneration {
            table.update(repeating: 0, count: LZFScratch.slotCount)
            generation = 0
        }
        generation += 1
        var slots = Slots(table: table, stamp: generation << LZFScratch.positionBits)
        return LZF.compress(input, into: output, limit: limit, slots: &slots)
    }

    /// The table as this compression sees it.
    private struct Slots: LZFSlots {
        let table: UnsafeMutablePointer<UInt64>
        let stamp: UInt64

        @inline(__always) mutating func exchange(_ slot: Int, _ position: Int) -> Int {
            let held = table[slot]
            table[slot] = stamp | UInt64(truncatingIfNeeded: position)
            return held & ~(1 << LZFScratch.positionBits - 1) == stamp ? Int(held & (1 << LZFScratch.positionBits - 1)) : 0
        }
    }
}
