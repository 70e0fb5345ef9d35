import Foundation
import XCTest

/// Temporary directories, byte helpers and a throwaway redis-server 7.0.15 for the AOF tests.
extension XCTestCase {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    }

    func b(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// A fresh directory removed after the test.
    func scratchDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "strata-aof-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func contents(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(_ bytes: [UInt8], to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    func files(in dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    /// `*N\r\n$L\r\narg\r\n...` for each command.
    func resp(_ commands: [[String]]) -> [UInt8] {
        commands.flatMap { args in
            Array("*\(args.count)\r\n".utf8) + args.flatMap { Array("$\($0.utf8.count)\r\n".utf8) + Array($0.utf8) + [13, 10] }
        }
    }

    /// Starts redis-server with `--dir dir` and `arguments`, runs `body` with its port and log path if it came up
    /// (nil port if it exited, e.g. refusing its AOF), then shuts it down. A port found busy is replaced by another.
    func withRedisServer(dir: String, _ arguments: [String], _ body: (Int?, String) throws -> Void) throws {
        let log = dir + "/redis.log"
        for _ in 0..<5 {
            let port = 20000 + Int.random(in: 0..<12000)
            try? FileManager.default.removeItem(atPath: log)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
            p.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--daemonize", "no",
                           "--logfile", log] + arguments
            try p.run()
            defer {
                if p.isRunning {
                    _ = try? redisCLI(port, ["shutdown", "nosave"])
                    p.waitUntilExit()
                }
            }
            for _ in 0..<400 {
                if !p.isRunning { break }
                // Loading is over when PING answers PONG rather than -LOADING.
                if (try? redisCLI(port, ["ping"])) == "PONG\n" { return try body(port, log) }
                usleep(50_000)
            }
            p.waitUntilExit()
            if let text = try? String(contentsOfFile: log), text.contains("Could not create server TCP listening socket") { continue }
            return try body(nil, log)
        }
        XCTFail("no free port for redis-server")
    }

    /// Runs redis-cli and returns its standard output.
    func redisCLI(_ port: Int, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
        p.arguments = ["-p", "\(port)"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
