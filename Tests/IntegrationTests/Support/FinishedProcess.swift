import Foundation

/// What a server run to completion left behind: its exit status and both output streams.
/// For starts that must fail, such as a config file with a bad directive.
struct FinishedProcess {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// Runs `binary` with exactly `arguments`, waiting at most `timeout` seconds for it to exit
    /// (and killing it if it does not).
    init(_ binary: ServerBinary, arguments: [String], timeout: Double = 20) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary.path())
        process.arguments = arguments
        let directory = try ServerProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        for url in [outURL, errURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Deadline(seconds: timeout)
        while process.isRunning && !deadline.hasPassed { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        status = process.terminationStatus
        standardOutput = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        standardError = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    }
}
