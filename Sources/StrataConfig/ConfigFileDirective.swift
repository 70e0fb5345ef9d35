/// A config-file line that is not a CONFIG GET/SET parameter, kept in file order for the parts
/// of the server that act on it: `include`, `rename-command <command> <new-name>`,
/// `user <name> <rules>...`, `loadmodule <path> <args>...`, `sentinel <args>...`, and module
/// options written `<module>.<option> <value>`. `name` is lowercase.
public struct ConfigFileDirective: Equatable, Sendable {
    public let name: String
    public let arguments: [String]
}
