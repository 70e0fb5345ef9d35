import RESP

/// The first point where the server under test and the oracle disagreed in a seeded run,
/// with what is needed to replay and read it.
struct RandomizedDivergence: CustomStringConvertible {
    let seed: UInt64
    /// 1-based index of the command in the seed's stream, or nil for the final dataset comparison.
    let step: Int?
    let command: String
    let comparison: String
    let subjectName: String
    let subject: RESPValue
    let oracle: RESPValue
    /// The commands before this one, oldest first, each with its index.
    let recent: [String]
    let reproduction: String

    var description: String {
        """
        randomized run diverged: seed \(seed), \(step.map { "step \($0)" } ?? "final dataset comparison")
        command: \(command) [\(comparison)]
        --- \(subjectName) ---
        \(subject.description)
        --- redis-server ---
        \(oracle.description)
        --- last \(recent.count) commands ---
        \(recent.joined(separator: "\n"))
        replay: \(reproduction)
        """
    }
}
