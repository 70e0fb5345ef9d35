import RESP

/// The first point where a seeded run went wrong — the server under test and the oracle
/// disagreed, or the harness could not get a reply at all — with what is needed to replay
/// and read it.
struct RandomizedDivergence: CustomStringConvertible {
    let seed: UInt64
    /// 1-based index of the command in the seed's stream, or nil for the final dataset comparison.
    let step: Int?
    let command: String
    /// The two replies with how they were compared, or the harness error.
    let detail: String
    /// True when no reply came at all (timeout, closed connection): the server may have died.
    let lostConnection: Bool
    /// The commands before this one, oldest first, each with its index and redis-server's reply.
    let recent: [String]
    let reproduction: String

    static func replies(comparison: String, subjectName: String, subject: RESPValue, oracle: RESPValue) -> String {
        """
        [\(comparison)]
        --- \(subjectName) ---
        \(subject.description)
        --- redis-server ---
        \(oracle.description)
        """
    }

    var description: String {
        """
        randomized run diverged: seed \(seed), \(step.map { "step \($0)" } ?? "final dataset comparison")
        command: \(command) \(detail)
        --- last \(recent.count) commands ---
        \(recent.joined(separator: "\n"))
        replay: \(reproduction)
        """
    }
}
