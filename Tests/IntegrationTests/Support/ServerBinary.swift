import Foundation

/// Which server a test runs, where its executable is, and the arguments every test passes
/// it: loopback only, no persistence, the chosen port and a private working directory.
enum ServerBinary {
    /// Strata's `strata-server`: `$STRATA_SERVER_BIN` if set, else `<package root>/.build/debug`.
    case strata
    /// Debian's `redis-server` 7.0.15, the behaviour oracle.
    case redis

    var name: String { self == .strata ? "strata-server" : "redis-server" }

    func path() throws -> String {
        let path: String
        let hint: String
        switch self {
        case .strata:
            if let override = ProcessInfo.processInfo.environment["STRATA_SERVER_BIN"] {
                path = override
            } else {
                path = Self.packageRoot.appendingPathComponent(".build/debug/strata-server").path
            }
            hint = "build it with `swift build --product strata-server` or set STRATA_SERVER_BIN"
        case .redis:
            path = "/usr/bin/redis-server"
            hint = "install it with `apt-get install redis-server`"
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HarnessError.missingBinary(path: path, hint: hint)
        }
        return path
    }

    func standardArguments(port: Int, directory: String) -> [String] {
        let common = ["--save", "", "--appendonly", "no", "--bind", "127.0.0.1",
                      "--port", String(port), "--dir", directory]
        return self == .redis ? common + ["--daemonize", "no"] : common
    }

    /// The directory holding Package.swift, found from this source file's real location.
    private static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return url
    }
}
