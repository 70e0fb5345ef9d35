import StrataText
import ArgumentParser
import Glibc
import RDB

/// `strata-rdb`: inspect, check, export and compare RDB files without a server.
///
/// Exit codes: 0 success (file valid, dumps identical); 1 a problem was found (corrupt file, dumps differ);
/// 2 the file could not be read at all; 64 bad usage.
public struct StrataRDB: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata-rdb",
        abstract: "Inspect, check, export and compare Redis RDB files (versions 1 to 12).",
        discussion: "Exit codes: 0 success, 1 corrupt file or differing dumps, 2 unreadable file, 64 usage error.",
        subcommands: [Check.self, Info.self, Keys.self, Export.self, Diff.self])

    public init() {}

    /// Exit code for "a problem was found".
    static let problemFound: Int32 = 1
    /// Exit code for "could not read the file".
    static let unreadable: Int32 = 2

    /// Prints to stdout without buffering surprises when mixed with stderr progress.
    static func emit(_ line: String) {
        print(line)
    }

    static func fail(_ error: Error, json: Bool) -> ExitCode {
        let (message, offset, key, code): (String, Int?, [UInt8]?, Int32)
        if let e = error as? RDBError {
            message = e.message
            offset = e.offset
            key = e.key
            code = e.message.hasPrefix("cannot open") ? unreadable : problemFound
        } else {
            (message, offset, key, code) = ("\(error)", nil, nil, unreadable)
        }
        if json {
            var pairs: [(String, String)] = [("ok", "false"), ("error", JSONText.string(message))]
            if let offset { pairs.append(("offset", String(offset))) }
            if let key { pairs.append(("key", JSONText.bytes(key))) }
            emit(JSONText.object(pairs))
        } else {
            var text = "error: \(message)"
            if let offset { text += " at byte \(offset)" }
            if let key { text += " in key '\(String(decoding: key, as: UTF8.self))'" }
            fputs(text + "\n", stderr)
        }
        return ExitCode(code)
    }
}

struct FilterOptions: ParsableArguments {
    @Option(help: "Only keys of this database.") var db: Int?
    @Option(help: "Only keys of this type (string, list, set, zset, hash, stream).") var type: String?
    @Option(help: "Only keys matching this glob pattern.") var match: String?
    @Flag(help: "Only keys with an expiry.") var expiring = false

    var filter: KeyFilter { KeyFilter(db: db, type: type, pattern: match, expiringOnly: expiring) }
}
