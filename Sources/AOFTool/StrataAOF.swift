import StrataText
import ArgumentParser
import Glibc

/// `strata-aof`: check and repair Redis 7 multi-part AOF directories (and single AOF files) without a server,
/// like redis-check-aof.
///
/// Exit codes: 0 the AOF is valid (or was repaired); 1 a problem was found (or could not be repaired);
/// 2 the manifest or a file could not be read at all; 64 bad usage — the conventions of strata-rdb.
public struct StrataAOF: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata-aof",
        abstract: "Check and repair Redis 7 multi-part AOF files (manifest, base and incr files).",
        discussion: "Exit codes: 0 valid or repaired, 1 problem found, 2 unreadable manifest or file, 64 usage error.",
        subcommands: [Check.self, Fix.self])

    public init() {}

    static let problemFound: Int32 = 1
    static let unreadable: Int32 = 2

    static func emit(_ line: String) {
        print(line)
    }

    /// The exit code for a problem: unreadable inputs are 2, everything else 1.
    static func exitCode(_ problem: AOFCheck.Problem) -> ExitCode {
        ExitCode(problem.kind == .unreadable ? unreadable : problemFound)
    }

    /// The problem as redis-check-aof words it (text) or as one JSON object.
    static func report(_ problem: AOFCheck.Problem, json: Bool) {
        if json {
            emit(JSONText.object([("ok", "false"), ("kind", JSONText.string(problem.kind.rawValue)), ("file", JSONText.string(problem.file)),
                              ("offset", String(problem.offset)), ("size", String(problem.size)),
                              ("fixable", problem.fixable ? "true" : "false"), ("error", JSONText.string(problem.message))]))
            return
        }
        emit(problem.message)
        if problem.kind == .truncated || problem.kind == .corrupt {
            emit("AOF analyzed: filename=\(problem.file), size=\(problem.size), ok_up_to=\(problem.offset), diff=\(problem.size - problem.offset)")
        }
        if problem.fixable {
            emit("AOF \(problem.file) is not valid. Use `strata-aof fix --truncate` to cut it back to its last complete command.")
        } else if problem.kind == .truncated || problem.kind == .corrupt {
            emit("AOF \(problem.file) is not valid at offset \(problem.offset); this cannot be fixed by truncation.")
        }
    }
}
