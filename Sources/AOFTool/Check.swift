import StrataText
import ArgumentParser

extension StrataAOF {
    /// Validates the manifest and every file it lists, in load order, and reports the first problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate an AOF: the manifest, the base (RDB preamble included) and every incr file.")

        @Argument(help: "The manifest, the appendonly directory, or a single AOF file.") var path: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            var check = AOFCheck()
            do {
                try check.run(path)
            } catch {
                StrataAOF.report(error, json: json)
                throw StrataAOF.exitCode(error)
            }
            if json {
                StrataAOF.emit(JSONText.object([("ok", "true"), ("files", JSONText.array(check.files.map(Self.json)))]))
                return
            }
            for f in check.files {
                let format = f.rdbKeys != nil ? "RDB preamble with \(f.rdbKeys!) keys, " : ""
                let role = f.role == "file" ? "AOF" : "\(f.role.uppercased()) AOF"
                StrataAOF.emit(f.size == 0 ? "\(role) \(f.name) is empty" : "\(role) \(f.name) is valid (\(format)\(f.commands) commands, \(f.size) bytes)")
            }
            if check.isMultiPart { StrataAOF.emit("All AOF files and manifest are valid") }
        }

        static func json(_ f: AOFCheck.FileReport) -> String {
            var pairs = [("name", JSONText.string(f.name)), ("role", JSONText.string(f.role)), ("size", String(f.size)),
                         ("commands", String(f.commands))]
            if let keys = f.rdbKeys { pairs.append(("rdb_keys", String(keys))) }
            return JSONText.object(pairs)
        }
    }
}
