import Foundation
import Glibc
import RESP

/// A server process started for one test: own port, own temporary directory, output in
/// `server.log` there. `init` returns once the server answers PING; `stop` ends it by PID.
final class ServerProcess {
    let binary: ServerBinary
    let port: Int
    let directory: URL
    private let process = Process()

    var logURL: URL { directory.appendingPathComponent("server.log") }
    var pid: Int32 { process.processIdentifier }

    /// Whether `deinit` removes `directory` (not when the directory was handed in, e.g. for a restart).
    private let ownsDirectory: Bool

    static func strata(_ arguments: [String] = [], configFile: String? = nil, directory: URL? = nil) throws -> ServerProcess {
        try ServerProcess(.strata, arguments: arguments, configFile: configFile, directory: directory)
    }

    static func redis(_ arguments: [String] = [], configFile: String? = nil, directory: URL? = nil) throws -> ServerProcess {
        try ServerProcess(.redis, arguments: arguments, configFile: configFile, directory: directory)
    }

    /// Starts `binary` with the standard arguments followed by `arguments` (so they win), and
    /// the config file first when given, as both servers expect; waits up to `startTimeout`.
    /// With `directory`, the server works in that existing directory and leaves it in place.
    init(_ binary: ServerBinary, arguments: [String] = [], configFile: String? = nil,
         port: Int? = nil, directory: URL? = nil, startTimeout: Double = 20) throws {
        self.binary = binary
        self.port = try port ?? FreePort.next()
        ownsDirectory = directory == nil
        self.directory = try directory ?? Self.makeTemporaryDirectory()
        process.executableURL = URL(fileURLWithPath: try binary.path())
        process.arguments = (configFile.map { [$0] } ?? [])
            + binary.standardArguments(port: self.port, directory: self.directory.path) + arguments
        process.currentDirectoryURL = self.directory
        // A restart in the same directory appends to the log of the previous run.
        guard FileManager.default.fileExists(atPath: logURL.path)
                || FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw HarnessError.startFailed(binary: binary.name, port: self.port,
                                           reason: "cannot create \(logURL.path)", logTail: "")
        }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try waitUntilServing(timeout: startTimeout)
    }

    deinit {
        if process.isRunning { _ = stop() }
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    func connect(timeout: Double = 10) throws -> RedisConnection {
        try RedisConnection(port: port, timeout: timeout)
    }

    var isRunning: Bool { process.isRunning }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// SIGTERM, then SIGKILL if the process is still alive after `grace` seconds.
    /// Returns the exit status (or the signal number when killed by one).
    @discardableResult
    func stop(grace: Double = 10) -> Int32 {
        if process.isRunning { kill(pid, SIGTERM) }
        if !waitForExit(timeout: grace) {
            kill(pid, SIGKILL)
            _ = waitForExit(timeout: grace)
        }
        return process.terminationStatus
    }

    /// Polls until the process has exited; false if it is still running after `timeout`.
    func waitForExit(timeout: Double) -> Bool {
        let deadline = Deadline(seconds: timeout)
        while process.isRunning && !deadline.hasPassed { usleep(10_000) }
        return !process.isRunning
    }

    private func waitUntilServing(timeout: Double) throws {
        let deadline = Deadline(seconds: timeout)
        var lastProblem = "no answer to PING within \(timeout)s"
        while !deadline.hasPassed {
            guard process.isRunning else {
                throw failure("exited with status \(process.terminationStatus)")
            }
            do {
                // Any answer but LOADING means commands are served (NOAUTH included).
                let reply = try connect(timeout: 2).send(["PING"])
                guard case .error(let message) = reply, message.hasPrefix("LOADING") else { return }
                lastProblem = "PING answered \(reply.description)"
            } catch {
                lastProblem = "\(error)"
            }
            usleep(20_000)
        }
        _ = stop()
        throw failure(lastProblem)
    }

    private func failure(_ reason: String) -> HarnessError {
        let tail = log.split(separator: "\n", omittingEmptySubsequences: false).suffix(30)
        return .startFailed(binary: binary.name, port: port, reason: reason,
                            logTail: tail.joined(separator: "\n"))
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("strata-integ-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
