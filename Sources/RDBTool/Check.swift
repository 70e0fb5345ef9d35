import StrataText
import ArgumentParser
import RDB

extension StrataRDB {
    /// Reads the whole file, as redis-check-rdb does, and reports the first problem with its offset and key.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate an RDB file: every record, value and the checksum.")

        @Argument(help: "The RDB file.") var file: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            var keys = 0, expires = 0
            let version: Int
            do {
                version = try DumpScanner(path: file).scan { record in
                    if case .entry(let e) = record {
                        keys += 1
                        if e.expireAt != nil { expires += 1 }
                    }
                }
            } catch {
                throw StrataRDB.fail(error, json: json)
            }
            if json {
                StrataRDB.emit(JSONText.object([("ok", "true"), ("version", String(version)), ("keys", String(keys)),
                                                ("expires", String(expires))]))
            } else {
                StrataRDB.emit("RDB version \(version): \(keys) keys, \(expires) with an expiry. File is valid.")
            }
        }
    }
}
