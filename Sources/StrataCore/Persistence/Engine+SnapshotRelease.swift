import StrataCollections

/// A snapshot lent to a background thread for writing and handed back afterwards, so that the engine's thread is
/// the one that releases it (see `TrieDismantler` for why).
final class SnapshotHandoff: @unchecked Sendable {
    /// Written by the background thread only while it writes the file; taken back by the engine's thread after.
    private(set) var snapshot: Snapshot?

    init(_ snapshot: Snapshot) { self.snapshot = snapshot }

    /// The snapshot, for the background writer.
    var lent: Snapshot { snapshot! }

    /// Takes the snapshot back once the writer is done with it.
    func takeBack() -> Snapshot? {
        defer { snapshot = nil }
        return snapshot
    }
}

extension Engine {
    /// Nodes let go of per step, and the pause between steps: about a millisecond of work at most, so the event
    /// loop serves clients between them.
    static let releaseStepBudget = 512
    static let releaseStepMillis: Int64 = 1

    /// Releases a written snapshot on the engine's thread, a few hundred trie nodes per event-loop turn, instead of
    /// in one cascade: the nodes it alone holds are the old versions of everything written since it was taken.
    func releaseGradually(_ snapshot: Snapshot?) {
        guard let snapshot else { return }
        let stepsScheduled = !snapshotsBeingReleased.isEmpty
        snapshotsBeingReleased.append(contentsOf: snapshot.databases.map { TrieDismantler($0.entries) })
        guard let host else {
            while !snapshotsBeingReleased.isEmpty { stepSnapshotRelease(budget: .max) }
            return
        }
        if !stepsScheduled { scheduleReleaseStep(host) }
    }

    private func scheduleReleaseStep(_ host: EngineHost) {
        guard !snapshotsBeingReleased.isEmpty else { return }
        host.schedule(atMillis: Engine.clockMillis() + Engine.releaseStepMillis) {
            self.stepSnapshotRelease(budget: Engine.releaseStepBudget)
            self.scheduleReleaseStep(host)
        }
    }

    private func stepSnapshotRelease(budget: Int) {
        guard !snapshotsBeingReleased.isEmpty else { return }
        snapshotsBeingReleased[snapshotsBeingReleased.count - 1].step(budget: budget)
        if snapshotsBeingReleased[snapshotsBeingReleased.count - 1].isFinished { snapshotsBeingReleased.removeLast() }
    }
}
