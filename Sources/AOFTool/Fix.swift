import StrataText
import ArgumentParser
import Glibc

extension StrataAOF {
    /// Cuts a truncated tail off the last file, after keeping a backup copy. Corruption anywhere else is
    /// reported and left alone: removing it would silently drop the commands after it.
    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Truncate the last AOF file to its last complete command (keeps <file>.bak first).")

        @Argument(help: "The manifest, the appendonly directory, or a single AOF file.") var path: String
        @Flag(help: "Required: allow cutting the file back to its last complete command.") var truncate = false
        @Flag(help: "Machine-readable output.") var json = false

        func validate() throws {
            guard truncate else { throw ValidationError("fix changes the AOF only with the explicit --truncate flag") }
        }

        func run() throws {
            var check = AOFCheck()
            let problem: AOFCheck.Problem
            do {
                try check.run(path)
                StrataAOF.emit(json ? JSONText.object([("ok", "true"), ("fixed", "false")]) : "AOF is valid, nothing to fix")
                return
            } catch {
                problem = error
            }
            guard problem.fixable else {
                StrataAOF.report(problem, json: json)
                if !json && (problem.kind == .corrupt || problem.kind == .truncated) {
                    StrataAOF.emit("Refusing to fix: only a truncated tail of the last file is repaired, not corruption in the middle.")
                }
                throw StrataAOF.exitCode(problem)
            }
            let backup: String
            do {
                backup = try Self.backUp(problem.path)
            } catch {
                StrataAOF.emit(json ? JSONText.object([("ok", "false"), ("error", JSONText.string("\(error)"))]) : "Failed to back up \(problem.path): \(error)")
                throw ExitCode(StrataAOF.unreadable)
            }
            guard Glibc.truncate(problem.path, off_t(problem.offset)) == 0 else {
                let message = "Failed to truncate AOF \(problem.file): \(String(cString: strerror(errno)))"
                StrataAOF.emit(json ? JSONText.object([("ok", "false"), ("error", JSONText.string(message))]) : message)
                throw ExitCode(StrataAOF.unreadable)
            }
            if json {
                StrataAOF.emit(JSONText.object([("ok", "true"), ("fixed", "true"), ("file", JSONText.string(problem.file)),
                                            ("from_size", String(problem.size)), ("to_size", String(problem.offset)),
                                            ("backup", JSONText.string(backup))]))
            } else {
                StrataAOF.emit(problem.message)
                StrataAOF.emit("Backup kept as \(backup)")
                StrataAOF.emit("Shrunk the AOF \(problem.file) from \(problem.size) bytes, with \(problem.size - problem.offset) bytes, to \(problem.offset) bytes")
                StrataAOF.emit("Successfully truncated AOF \(problem.file)")
            }
        }

        /// Copies `path` to `<path>.bak` (or `<path>.bak.<unix time>` when that exists); returns the copy's path.
        static func backUp(_ path: String) throws -> String {
            var target = path + ".bak"
            if access(target, F_OK) == 0 { target += ".\(time(nil))" }
            let bytes = try AOFCheck.read(path)
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileErrorText("cannot create \(target): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
                guard n > 0 else { throw FileErrorText("cannot write \(target): \(String(cString: strerror(errno)))") }
                done += n
            }
            guard fsync(fd) == 0 else { throw FileErrorText("cannot fsync \(target): \(String(cString: strerror(errno)))") }
            return target
        }
    }
}

/// A failure message for the backup step.
struct FileErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
