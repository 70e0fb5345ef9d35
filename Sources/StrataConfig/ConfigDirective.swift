/// One redis.conf directive Strata accepts: its canonical name, an optional old name that
/// means the same (`slaveof` for `replicaof`), its type and Redis 7.0's default.
public struct ConfigDirective: Sendable {
    /// Whether CONFIG SET may change a directive.
    public enum Access: Sendable {
        /// Settable at run time.
        case mutable
        /// Only read from the config file and command line ("can't set immutable config").
        case immutable
        /// Settable at run time only when `enable-protected-configs` allows the client
        /// ("can't set protected config").
        case protected
        /// Settable, but CONFIG GET patterns skip it: only its exact name finds it.
        case hidden
    }

    public let name: String
    public let alias: String?
    public let access: Access
    let kind: ConfigValueKind
    let defaultValue: ConfigValue

    /// The default as CONFIG GET shows it (`dir` shows the current directory instead).
    public var defaultText: String { kind.render(defaultValue) }

    /// Declares a directive whose default is given as redis.conf arguments.
    init(_ name: String, alias: String? = nil, _ kind: ConfigValueKind, default arguments: [String], _ access: Access = .mutable) {
        self.name = name
        self.alias = alias
        self.access = access
        self.kind = kind
        do {
            self.defaultValue = try kind.parse(arguments, current: nil)
        } catch {
            preconditionFailure("default of \(name) does not parse: \(error.message)")
        }
    }

    static func bool(_ name: String, alias: String? = nil, _ defaultValue: Bool, _ access: Access = .mutable) -> ConfigDirective {
        ConfigDirective(name, alias: alias, .bool, default: [defaultValue ? "yes" : "no"], access)
    }

    /// A decimal integer directive; `clampedTo` narrows accepted values afterwards (`hz`).
    static func integer(_ name: String, alias: String? = nil, _ defaultValue: Int64, _ range: ClosedRange<Int64>,
                        _ access: Access = .mutable, unsigned: Bool = false, clampedTo clamp: ClosedRange<Int64>? = nil) -> ConfigDirective {
        let rule = NumericRule(syntax: .decimal, lower: range.lowerBound, upper: range.upperBound, unsigned: unsigned, clamp: clamp)
        return ConfigDirective(name, alias: alias, .number(rule), default: [String(defaultValue)], access)
    }

    static func memory(_ name: String, alias: String? = nil, _ defaultValue: String, lower: Int64, upper: Int64,
                       syntax: NumericRule.Syntax = .memory, unsigned: Bool = false) -> ConfigDirective {
        let rule = NumericRule(syntax: syntax, lower: lower, upper: upper, unsigned: unsigned)
        return ConfigDirective(name, alias: alias, .number(rule), default: [defaultValue])
    }

    static func choice(_ name: String, _ words: [String], _ defaultValue: String, _ access: Access = .mutable,
                       synonyms: [String: String] = [:]) -> ConfigDirective {
        ConfigDirective(name, .choice(ConfigChoices(words, synonyms: synonyms)), default: [defaultValue], access)
    }

    /// A string directive whose empty value means "unset" (its default).
    static func optionalText(_ name: String, alias: String? = nil, _ access: Access = .mutable,
                             check: TextRule.Check = .none) -> ConfigDirective {
        ConfigDirective(name, alias: alias, .text(TextRule(emptyIsUnset: true, check: check)), default: [""], access)
    }

    /// A string directive where the empty string is an ordinary value.
    static func text(_ name: String, _ defaultValue: String, _ access: Access = .mutable,
                     check: TextRule.Check = .none) -> ConfigDirective {
        ConfigDirective(name, .text(TextRule(emptyIsUnset: false, check: check)), default: [defaultValue], access)
    }
}
