import Foundation

/// Why the harness could not drive a server, with the context needed to diagnose it.
enum HarnessError: Error, CustomStringConvertible {
    /// A socket system call failed; `errno` is the C error number.
    case socket(call: String, errno: Int32, port: Int)
    /// No complete reply arrived within the timeout.
    case timeout(port: Int, seconds: Double, partialBytes: Int)
    /// The server closed the connection while a reply was expected.
    case closed(port: Int)
    /// The server sent bytes the RESP parser rejects.
    case malformedReply(port: Int, underlying: Error)
    /// The server binary does not exist where it was looked for.
    case missingBinary(path: String, hint: String)
    /// A setup command got a reply the harness cannot proceed with.
    case unexpectedReply(command: String, port: Int, reply: String)
    /// The process exited or never answered PING; `logTail` is the end of its log.
    case startFailed(binary: String, port: Int, reason: String, logTail: String)

    var description: String {
        switch self {
        case let .socket(call, code, port):
            return "\(call) failed on port \(port): \(String(cString: strerror(code))) (errno \(code))"
        case let .timeout(port, seconds, partial):
            return "no complete reply from port \(port) within \(seconds)s (\(partial) bytes buffered)"
        case let .closed(port):
            return "server on port \(port) closed the connection"
        case let .malformedReply(port, underlying):
            return "unparseable reply from port \(port): \(underlying)"
        case let .missingBinary(path, hint):
            return "server binary not found at \(path): \(hint)"
        case let .unexpectedReply(command, port, reply):
            return "\(command) on port \(port) answered \(reply)"
        case let .startFailed(binary, port, reason, logTail):
            return "\(binary) on port \(port) did not start: \(reason)\n--- log tail ---\n\(logTail)"
        }
    }
}
