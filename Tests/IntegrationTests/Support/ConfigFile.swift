import Foundation

/// A config file in its own temporary directory, removed when the value is released.
final class ConfigFile {
    let path: String
    private let directory: URL

    init(_ contents: String) throws {
        directory = try ServerProcess.makeTemporaryDirectory()
        path = directory.appendingPathComponent("strata.conf").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
