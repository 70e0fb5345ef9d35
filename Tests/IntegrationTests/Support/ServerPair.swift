import RESP

/// A Strata server and a Redis server started side by side with the same extra arguments,
/// for running differential cases against both.
struct ServerPair {
    let strata: ServerProcess
    let redis: ServerProcess

    init(_ arguments: [String] = []) throws {
        strata = try .strata(arguments)
        redis = try .redis(arguments)
    }

    /// A new connection to each server, flushed, speaking `version`.
    func connections(_ version: RESPVersion) throws -> (strata: RedisConnection, redis: RedisConnection) {
        let pair = (strata: try strata.connect(), redis: try redis.connect())
        for connection in [pair.strata, pair.redis] {
            if version == .v3 { _ = try connection.send(["HELLO", "3"]) }
            let flushed = try connection.send(["FLUSHALL"])
            guard case .simpleString = flushed else {
                throw HarnessError.unexpectedReply(command: "FLUSHALL", port: connection.port,
                                                   reply: flushed.description)
            }
        }
        return pair
    }
}
