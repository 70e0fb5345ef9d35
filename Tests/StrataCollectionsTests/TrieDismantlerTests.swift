@testable import StrataCollections
import XCTest

/// Releasing a snapshot's trie a budget at a time frees what only the snapshot held, gradually, and never touches
/// the live trie it still shares nodes with.
final class TrieDismantlerTests: XCTestCase {
    /// A value whose release can be observed through a weak reference.
    final class Tracked {
        let n: Int
        init(_ n: Int) { self.n = n }
    }

    func testASnapshotIsReleasedInStepsWithoutTouchingTheLiveTrie() {
        var live = HashTrie<CompactBytes, Tracked>()
        for n in 0..<5000 { live[CompactBytes(byteKey(n))] = Tracked(n) }
        var snapshot: HashTrie<CompactBytes, Tracked>? = live
        // The live trie moves on: half the keys get new values, a tenth go away, so the snapshot alone holds the
        // old values and the old versions of the nodes on their paths.
        var onlyInSnapshot: [Weak] = []
        for n in stride(from: 0, to: 5000, by: 2) {
            onlyInSnapshot.append(Weak(live[CompactBytes(byteKey(n))]))
            live[CompactBytes(byteKey(n))] = Tracked(-n)
        }
        for n in stride(from: 1, to: 5000, by: 10) {
            onlyInSnapshot.append(Weak(live[CompactBytes(byteKey(n))]))
            live[CompactBytes(byteKey(n))] = nil
        }
        var dismantler = TrieDismantler(snapshot.take()!)
        var steps = 0
        while !dismantler.isFinished {
            dismantler.step(budget: 20)
            steps += 1
            if steps == 1 { XCTAssertTrue(onlyInSnapshot.contains { $0.value != nil }, "everything went in one step") }
        }
        XCTAssertGreaterThan(steps, 10)
        XCTAssertTrue(onlyInSnapshot.allSatisfy { $0.value == nil }, "a value only the snapshot held is still alive")
        XCTAssertNil(live.invariantViolation())
        XCTAssertEqual(live.count, 5000 - 500)
        for n in 0..<5000 {
            let value = live[CompactBytes(byteKey(n))]
            if n % 10 == 1 {
                XCTAssertNil(value)
            } else {
                XCTAssertEqual(value?.n, n % 2 == 0 ? -n : n, "key \(n)")
            }
        }
    }

    func testAnUnsharedTrieIsReleasedCompletely() {
        var trie = HashTrie<CompactBytes, Tracked>()
        var values: [Weak] = []
        for n in 0..<2000 {
            let value = Tracked(n)
            values.append(Weak(value))
            trie[CompactBytes(byteKey(n))] = value
        }
        var dismantler = TrieDismantler(trie)
        trie = HashTrie()
        while !dismantler.isFinished { dismantler.step(budget: 7) }
        XCTAssertTrue(values.allSatisfy { $0.value == nil })
    }

    struct Weak {
        weak var value: Tracked?
        init(_ value: Tracked?) { self.value = value }
    }
}
