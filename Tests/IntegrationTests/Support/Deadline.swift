import Foundation

/// A point in time a bounded wait gives up at (monotonic clock).
struct Deadline {
    private let end: ContinuousClock.Instant

    init(seconds: Double) { end = .now + .milliseconds(Int(seconds * 1000)) }

    var hasPassed: Bool { ContinuousClock.now >= end }

    var remainingMilliseconds: Int32 {
        let left = end - .now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, Int64(Int32.max)))
    }
}
