/// The current value of one directive, in the shape its `ConfigValueKind` reads and writes.
enum ConfigValue: Equatable, Sendable {
    case bool(Bool)
    case number(Int64)
    /// An enumerated word, or for flag directives the chosen words separated by spaces.
    case choice(String)
    /// A string directive; nil when unset (`""` for directives where empty means unset).
    case text(String?)
    case addresses([String])
    case saveRules([SaveRule])
    case bufferLimits([ClientOutputBufferLimit])
    case scores([Int])
    case events(KeyspaceEvents)
    case master(ReplicaOfTarget?)
    case percentiles([Double])
}
