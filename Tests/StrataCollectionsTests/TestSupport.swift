import Foundation
import StrataCollections

/// A deterministic generator (SplitMix64) so a failing randomized test can be replayed from its printed seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Returns a generator seeded from `STRATA_TEST_SEED` if set, else randomly, printing the seed either way.
func makeSeededGenerator(_ test: String) -> SeededGenerator {
    let seed = ProcessInfo.processInfo.environment["STRATA_TEST_SEED"].flatMap { UInt64($0) }
        ?? .random(in: .min ... .max)
    print("\(test): seed \(seed) (replay with STRATA_TEST_SEED=\(seed))")
    return SeededGenerator(seed: seed)
}

/// A key whose hash is chosen by the test, so keys can deliberately share full hashes (collision nodes) or
/// long hash prefixes (deep paths).
struct ChosenHashKey: TrieKey, Hashable, CustomStringConvertible {
    let id: Int
    let trieHash: UInt64

    var description: String { "key\(id)#\(String(trieHash, radix: 16))" }
}

/// Hashes that stress the trie's shape: duplicates (full collisions), pairs differing only in the last few
/// bits (paths down to the last level), the extremes 0 and UInt64.max, and random ones.
func adversarialHashes(count: Int, using generator: inout SeededGenerator) -> [UInt64] {
    var hashes: [UInt64] = [0, .max, .max - 1, 1]
    while hashes.count < count {
        let base = generator.next()
        switch generator.next() % 4 {
        case 0: hashes += [base, base]
        case 1: hashes += [base, base ^ 1, base ^ 0x10]
        default: hashes.append(base)
        }
    }
    return Array(hashes.prefix(count))
}

/// The 16-byte key number `n`, as the keyspace would hold it.
func byteKey(_ n: Int) -> [UInt8] {
    Array("key:\(String(n, radix: 16))".utf8).padded(to: 16)
}

extension Array where Element == UInt8 {
    func padded(to length: Int) -> [UInt8] {
        self + [UInt8](repeating: UInt8(ascii: "."), count: Swift.max(0, length - count))
    }
}
