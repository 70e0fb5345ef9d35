/// What the core needs from the process around it (the network server, or a test double): facts for INFO and
/// the actions only the process can take.
public protocol EngineHost: AnyObject {
    /// The TCP port being served (INFO server, CONFIG).
    var tcpPort: Int { get }
    /// Path of the running executable and the config file, for INFO server.
    var executablePath: String { get }
    /// Stops the server after SHUTDOWN; returns an error text when shutdown is refused.
    func shutdown(_ options: ShutdownOptions) -> String?
    /// Runs `body` on the engine's thread at (or just after) the Unix time `atMillis`.
    func schedule(atMillis: Int64, _ body: @escaping () -> Void)
}

/// SHUTDOWN's options.
public struct ShutdownOptions: Equatable {
    public enum Save: Equatable { case `default`, save, noSave }
    public var save = Save.default
    public var now = false
    public var force = false
    public var abort = false
    public init() {}
}
