import Foundation
import RESP

/// One seed's run: a fresh, flushed connection to each server (RESP2 or RESP3 by the
/// seed's parity, later switched by random HELLOs), default encoding thresholds, then the
/// generated commands one by one and finally the whole dataset, stopping at the first
/// disagreement.
final class RandomizedRun {
    static let historyLength = 20

    let seed: UInt64
    let settings: RandomizedSettings
    let subjectName: String
    /// The dataset comparison leaves string encodings out (one side was rebuilt from a log of effects).
    var stringEncodingsMayDiffer = false
    private let subject: RedisConnection
    private let oracle: RedisConnection
    private var executed = 0
    private var history: [String] = []

    /// Connects to both servers; unless `keepData`, flushes them and sets the default encoding thresholds.
    init(seed: UInt64, settings: RandomizedSettings, servers: RandomizedServers, keepData: Bool = false) throws {
        self.seed = seed
        self.settings = settings
        subjectName = servers.subject.binary.name
        subject = try servers.subject.connect()
        oracle = try servers.oracle.connect()
        for connection in [subject, oracle] where !keepData {
            var setup = [["FLUSHALL"]] + RandomCommandGenerator.encodingThresholds.map {
                ["CONFIG", "SET", $0.name, $0.defaultValue]
            }
            if seed % 2 == 1 { setup.insert(["HELLO", "3"], at: 0) }
            for command in setup {
                let reply = try connection.send(command)
                if case .error = reply {
                    throw HarnessError.unexpectedReply(command: command.joined(separator: " "),
                                                       port: connection.port, reply: reply.description)
                }
            }
        }
    }

    /// Compares the whole dataset of both servers; the first disagreement, or nil.
    func compareDatasets() -> RandomizedDivergence? { DatasetComparison(run: self).compare() }

    /// Runs the stream and the dataset comparison; the first disagreement, or nil.
    func run() -> RandomizedDivergence? {
        var generator = RandomCommandGenerator(seed: seed, families: settings.families, skipped: settings.skipped)
        while executed < settings.steps {
            for step in generator.next() {
                if let divergence = execute(step) { return divergence }
            }
        }
        return DatasetComparison(run: self).compare()
    }

    /// Sends `step` to both servers and compares the replies; `counted` steps belong to the
    /// generated stream (and get an index), the dataset comparison's do not. A harness error
    /// (no reply in time, connection closed) is reported like a disagreement, with its context.
    func execute(_ step: RandomStep, counted: Bool = true) -> RandomizedDivergence? {
        if counted { executed += 1 }
        let label = (counted ? "#\(executed) " : "(dataset) ") + step.rendered
        do {
            let check = try resolve(step.check)
            let mine = try subject.send(step.command)
            let theirs = try oracle.send(step.command)
            if settings.trace { print("\(label) -> \(theirs.description)") }
            guard !check.agrees(mine, theirs) else {
                remember(label + "  -> " + Self.summary(of: theirs))
                return nil
            }
            return divergence(at: step.rendered, counted: counted, RandomizedDivergence.replies(
                comparison: check.label, subjectName: subjectName, subject: mine, oracle: theirs))
        } catch {
            return harnessFailure(at: step.rendered, counted: counted, error)
        }
    }

    /// A failure to get a reply while running `command`.
    func harnessFailure(at command: String, counted: Bool, _ error: Error) -> RandomizedDivergence {
        divergence(at: command, counted: counted, "\n--- harness error ---\n\(error)", lostConnection: true)
    }

    private func divergence(at command: String, counted: Bool, _ detail: String,
                            lostConnection: Bool = false) -> RandomizedDivergence {
        RandomizedDivergence(seed: seed, step: counted ? executed : nil, command: command, detail: detail,
                             lostConnection: lostConnection, recent: history,
                             reproduction: settings.reproduction(seed: seed))
    }

    /// Asks only the oracle (e.g. for an encoding or the names of stream groups).
    func askOracle(_ command: [String]) throws -> RESPValue { try oracle.send(command) }

    /// Decides oracle-dependent checks just before the command runs.
    private func resolve(_ check: ReplyCheck) throws -> ReplyCheck {
        guard case .orderedIfCompact(let key, let otherwise) = check else { return check }
        let encoding = try oracle.send(["OBJECT", "ENCODING", key]).text ?? ""
        return ReplyCheck.compactEncodings.contains(encoding) ? .plain(.exact) : .plain(otherwise)
    }

    /// A reply on one line, cut to 60 characters, for the history of recent commands.
    private static func summary(of reply: RESPValue) -> String {
        let line = reply.description.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return line.count > 60 ? line.prefix(57) + "..." : line
    }

    private func remember(_ line: String) {
        history.append(line)
        if history.count > Self.historyLength { history.removeFirst() }
    }
}
