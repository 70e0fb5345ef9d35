/// Whether a new connection may be served: the `maxclients` limit and protected mode.
extension Engine {
    /// The error a refused connection receives before it is closed, or nil to admit it. Counts the connection
    /// in INFO's total_connections_received and, when refused, rejected_connections.
    public func admit(isLocal: Bool) -> String? {
        stats.connectionsReceived += 1
        var refusal: String?
        if clients.count >= config.int("maxclients") {
            refusal = "ERR max number of clients reached"
        } else if settings.protectedMode, settings.requirePass == nil, !isLocal {
            refusal = Engine.protectedModeError
        }
        if refusal != nil { stats.rejectedConnections += 1 }
        return refusal
    }

    /// Sent to clients from other hosts while protected mode is on and no password is set.
    public static let protectedModeError = "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. To accept clients from other hosts, either set a password (requirepass), or disable protected mode with 'CONFIG SET protected-mode no' from a loopback connection (make it permanent with CONFIG REWRITE), or start the server with '--protected-mode no'. Only do so if the server is not reachable from untrusted networks."
}
