/// The master a `replicaof <host> <port>` directive points at; `replicaof no one` means none.
struct ReplicaOfTarget: Equatable, Sendable {
    var host: String
    var port: Int

    /// Reads the two arguments: `no one` (any case) gives nil; the port must be a whole C
    /// integer in 0...65535 ("Invalid master port").
    static func parse(_ arguments: [String]) throws(ConfigValueError) -> ReplicaOfTarget? {
        guard arguments.count == 2 else { throw ConfigValueError("wrong number of arguments") }
        if arguments[0].lowercased() == "no", arguments[1].lowercased() == "one" { return nil }
        guard let (port, overflowed) = CInteger.lenient(arguments[1][...]), !overflowed, (0...65535).contains(port) else {
            throw ConfigValueError("Invalid master port")
        }
        return ReplicaOfTarget(host: arguments[0], port: Int(port))
    }
}
