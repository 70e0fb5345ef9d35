import Foundation
import XCTest
@testable import StrataConfig

/// A scratch directory for config files, removed afterwards; it also restores the working
/// directory, which `dir` directives change.
final class ScratchDirectory {
    let path: String
    private let originalDirectory = FileManager.default.currentDirectoryPath

    init() {
        path = NSTemporaryDirectory() + "strata-config-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        _ = FileManager.default.changeCurrentDirectoryPath(originalDirectory)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `content` to `name` inside the directory and returns the full path.
    @discardableResult
    func write(_ name: String, _ content: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(content.utf8))
        return file
    }

    func read(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path + "/" + name) ?? Data(), as: UTF8.self)
    }
}

/// A store loaded from a config file with `content` plus the given command-line options.
func loadedStore(_ content: String, options: [String] = [], in scratch: ScratchDirectory) throws -> ConfigStore {
    let file = scratch.write("redis.conf", content)
    let store = ConfigStore()
    try store.load(commandLine: CommandLineArguments([file] + options))
    return store
}

/// The error loading `content` fails with, or nil.
func loadError(_ content: String, options: [String] = [], in scratch: ScratchDirectory) -> ConfigFileError? {
    do {
        _ = try loadedStore(content, options: options, in: scratch)
        return nil
    } catch let error as ConfigFileError {
        return error
    } catch {
        XCTFail("unexpected error \(error)")
        return nil
    }
}

/// The text redis-server 7.0.15 prints for a rejected line, with Strata's banner.
func fatalReport(line number: Int, _ line: String, _ reason: String) -> String {
    "\n*** FATAL CONFIG FILE ERROR (Strata \(StrataVersion.current)) ***\nReading the configuration file, at line \(number)\n>>> '\(line)'\n\(reason)"
}
