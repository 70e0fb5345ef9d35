import Foundation

/// What a randomized run does, from the environment:
/// - `STRATA_RANDOM_SEED`: one seed or a comma-separated list (decimal or 0x-hex); default
///   `defaultSeeds` plus one seed taken from the clock (printed, so a failure can be replayed);
/// - `STRATA_RANDOM_STEPS`: commands per seed (default `defaultSteps`);
/// - `STRATA_RANDOM_FAMILIES`: restrict the command families (see `RandomCommandFamily`);
/// - `STRATA_RANDOM_SKIP`: command names never to generate (e.g. `XREAD,BZMPOP`), to look past
///   a known divergence;
/// - `STRATA_RANDOM_SELF_CHECK=1`: run a second redis-server instead of strata-server, to
///   check that the generated stream is deterministic (a development aid, not a test);
/// - `STRATA_RANDOM_TRACE=1`: print every command with the oracle's reply.
struct RandomizedSettings {
    static let defaultSeeds: [UInt64] = [1, 2, 3, 0x5EED_2026]
    static let defaultSteps = 4000

    let seeds: [UInt64]
    let steps: Int
    let families: [RandomCommandFamily]
    /// Upper-cased command names the generator leaves out.
    let skipped: Set<String>
    let selfCheck: Bool
    let trace: Bool

    init(environment: [String: String] = ProcessInfo.processInfo.environment,
         clock: () -> UInt64 = { UInt64(Date().timeIntervalSince1970 * 1000) }) throws {
        if let list = environment["STRATA_RANDOM_SEED"], !list.isEmpty {
            seeds = try list.split(separator: ",").map { try Self.parseSeed(String($0)) }
        } else {
            seeds = Self.defaultSeeds + [clock()]
        }
        if let text = environment["STRATA_RANDOM_STEPS"], !text.isEmpty {
            guard let value = Int(text), value > 0 else {
                throw RandomizedConfigurationError("STRATA_RANDOM_STEPS must be a positive integer, not \(text)")
            }
            steps = value
        } else {
            steps = Self.defaultSteps
        }
        families = try RandomCommandFamily.parse(environment["STRATA_RANDOM_FAMILIES"])
        skipped = Set((environment["STRATA_RANDOM_SKIP"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).uppercased()
        })
        selfCheck = environment["STRATA_RANDOM_SELF_CHECK"] == "1"
        trace = environment["STRATA_RANDOM_TRACE"] == "1"
    }

    private static func parseSeed(_ text: String) throws -> UInt64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value = trimmed.hasPrefix("0x") ? UInt64(trimmed.dropFirst(2), radix: 16) : UInt64(trimmed)
        guard let seed = value else { throw RandomizedConfigurationError("bad seed \(text) in STRATA_RANDOM_SEED") }
        return seed
    }

    /// The environment that replays `seed` as this run did.
    func reproduction(seed: UInt64) -> String {
        var words = ["STRATA_RANDOM_SEED=\(seed)", "STRATA_RANDOM_STEPS=\(steps)"]
        if families.count != RandomCommandFamily.allCases.count {
            words.append("STRATA_RANDOM_FAMILIES=" + families.map(\.rawValue).joined(separator: ","))
        }
        if !skipped.isEmpty { words.append("STRATA_RANDOM_SKIP=" + skipped.sorted().joined(separator: ",")) }
        if selfCheck { words.append("STRATA_RANDOM_SELF_CHECK=1") }
        return words.joined(separator: " ") + " swift test --skip-build --filter RandomizedDifferentialTests"
    }
}
