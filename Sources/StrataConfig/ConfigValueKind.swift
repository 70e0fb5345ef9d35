import Glibc

/// The type of a directive: how its arguments are read (`parse`), shown by CONFIG GET
/// (`render`) and written back by CONFIG REWRITE (`rewriteLines`).
enum ConfigValueKind: Sendable {
    /// `yes` or `no`, any case.
    case bool
    case number(NumericRule)
    case choice(ConfigChoices)
    /// Several words from a set, as in `shutdown-on-sigint nosave now`.
    case choiceFlags(ConfigChoices)
    case text(TextRule)
    /// `dir`: the working directory; setting it changes directory, reading it reports the
    /// absolute current directory.
    case directory
    /// `save <seconds> <changes> ...`
    case saveRules
    /// `bind <address> ...`, at most 16 addresses; `""` means none.
    case bindAddresses
    /// `client-output-buffer-limit <class> <hard> <soft> <seconds> ...`
    case clientOutputBufferLimits
    /// `oom-score-adj-values <master> <replica> <child>`, each in -2000...2000.
    case oomScoreAdjValues
    /// `notify-keyspace-events <letters>`
    case keyspaceEvents
    /// `replicaof <host> <port>` or `replicaof no one`.
    case replicaOf
    /// `latency-tracking-info-percentiles <p> ...`
    case percentiles

    /// Whether the directive takes a variable number of arguments; the others take exactly
    /// one (else "wrong number of arguments"), and CONFIG SET splits a multi-argument value
    /// at each space.
    var takesManyArguments: Bool {
        switch self {
        case .choiceFlags, .saveRules, .bindAddresses, .clientOutputBufferLimits, .oomScoreAdjValues, .replicaOf, .percentiles:
            return true
        case .bool, .number, .choice, .text, .directory, .keyspaceEvents:
            return false
        }
    }

    /// Reads arguments into a value. `current` is the value being replaced: client output
    /// buffer limits only change the classes mentioned, and `save` lines read from a file
    /// append to it when `appendSaveRules` is set.
    func parse(_ arguments: [String], current: ConfigValue?, appendSaveRules: Bool = false) throws(ConfigValueError) -> ConfigValue {
        switch self {
        case .bool:
            switch arguments[0].lowercased() {
            case "yes": return .bool(true)
            case "no": return .bool(false)
            default: throw ConfigValueError("argument must be 'yes' or 'no'")
            }
        case let .number(rule):
            return .number(try rule.parse(arguments[0]))
        case let .choice(choices):
            return .choice(try choices.canonical(arguments[0]))
        case let .choiceFlags(choices):
            return .choice(try choices.flags(arguments))
        case let .text(rule):
            try rule.validate(arguments[0])
            return .text(rule.emptyIsUnset && arguments[0].isEmpty ? nil : arguments[0])
        case .directory:
            return .text(arguments[0])
        case .saveRules:
            let rules = try SaveRule.parseList(arguments)
            guard appendSaveRules, arguments != [""], case let .saveRules(existing)? = current else { return .saveRules(rules) }
            return .saveRules(existing + rules)
        case .bindAddresses:
            guard arguments.count <= 16 else { throw ConfigValueError("Too many bind addresses specified.") }
            return .addresses(arguments == [""] ? [] : arguments)
        case .clientOutputBufferLimits:
            guard case let .bufferLimits(limits)? = current else {
                let none = ClientOutputBufferLimit(hard: 0, soft: 0, softSeconds: 0)
                return .bufferLimits(try ClientOutputBufferLimit.apply(arguments, to: [none, none, none]))
            }
            return .bufferLimits(try ClientOutputBufferLimit.apply(arguments, to: limits))
        case .oomScoreAdjValues:
            guard arguments.count == 3 else { throw ConfigValueError("wrong number of arguments") }
            return .scores(try arguments.map { (text) throws(ConfigValueError) -> Int in
                guard let (value, _) = CInteger.lenient(text[...]), (-2000...2000).contains(value) else {
                    throw ConfigValueError("Invalid oom-score-adj-values, elements must be between -2000 and 2000.")
                }
                return Int(value)
            })
        case .keyspaceEvents:
            return .events(try KeyspaceEvents(parsing: arguments[0]))
        case .replicaOf:
            return .master(try ReplicaOfTarget.parse(arguments))
        case .percentiles:
            return .percentiles(try LatencyPercentiles.parse(arguments))
        }
    }

    /// Makes a newly read value take effect where the directive acts on the process itself:
    /// `dir` changes the working directory (failing with the `chdir` error text).
    func takeEffect(_ value: ConfigValue) throws(ConfigValueError) {
        guard case .directory = self, case let .text(path?) = value, chdir(path) != 0 else { return }
        throw ConfigValueError(ConfigFileSystem.errorText())
    }

    var isDirectory: Bool {
        if case .directory = self { return true }
        return false
    }

    /// The CONFIG GET text of a value.
    func render(_ value: ConfigValue) -> String {
        switch (self, value) {
        case let (_, .bool(flag)): return flag ? "yes" : "no"
        case let (.number(rule), .number(number)): return rule.render(number)
        case let (_, .choice(word)): return word
        case (.directory, _): return Self.currentDirectory()
        case let (_, .text(text)): return text ?? ""
        case let (_, .addresses(addresses)): return addresses.joined(separator: " ")
        case let (_, .saveRules(rules)): return SaveRule.render(rules)
        case let (_, .bufferLimits(limits)): return ClientOutputBufferLimit.render(limits)
        case let (_, .scores(scores)): return scores.map(String.init).joined(separator: " ")
        case let (_, .events(events)): return events.rendered
        case let (_, .master(target)): return target.map { "\($0.host) \($0.port)" } ?? ""
        case let (_, .percentiles(values)): return values.map(LatencyPercentiles.render).joined(separator: " ")
        default: preconditionFailure("config value \(value) does not fit kind \(self)")
        }
    }

    /// The lines CONFIG REWRITE wants for the directive. A line marked `force` is appended
    /// when the file has no line of this directive left to replace; an unforced line only
    /// replaces an existing one. Returning no lines removes the directive's existing lines.
    func rewriteLines(name: String, value: ConfigValue, defaultValue: ConfigValue) -> [RewriteLine] {
        let differs = value != defaultValue
        switch (self, value) {
        case let (_, .bool(flag)):
            return [RewriteLine("\(name) \(flag ? "yes" : "no")", force: differs)]
        case let (.number(rule), .number(number)):
            return [RewriteLine("\(name) \(rule.rewriteForm(number))", force: differs)]
        case let (_, .choice(word)):
            return [RewriteLine("\(name) \(word)", force: differs)]
        case (.directory, _):
            return [RewriteLine("\(name) \(ConfigQuoting.quoted(Self.currentDirectory()))", force: true)]
        case let (_, .text(text)):
            guard let text else { return [] }
            return [RewriteLine("\(name) \(ConfigQuoting.quoted(text))", force: differs)]
        case let (_, .addresses(addresses)):
            guard differs else { return [] }
            return [RewriteLine("\(name) \(addresses.isEmpty ? "\"\"" : addresses.joined(separator: " "))", force: true)]
        case let (_, .saveRules(rules)):
            guard !rules.isEmpty else { return [RewriteLine("\(name) \"\"", force: true)] }
            return rules.map { RewriteLine("\(name) \($0.seconds) \($0.changes)", force: true) }
        case let (_, .bufferLimits(limits)):
            guard case let .bufferLimits(defaults) = defaultValue else { return [] }
            return zip(ClientOutputBufferLimit.classNames, zip(limits, defaults)).map { className, pair in
                RewriteLine("\(name) \(pair.0.rewriteArguments(className: className))", force: pair.0 != pair.1)
            }
        case let (_, .scores(scores)):
            return [RewriteLine("\(name) \(scores.map(String.init).joined(separator: " "))", force: differs)]
        case let (_, .events(events)):
            return [RewriteLine("\(name) \(ConfigQuoting.quoted(events.rendered))", force: !events.isEmpty)]
        case let (_, .master(target)):
            guard let target else { return [] }
            return [RewriteLine("\(name) \(target.host) \(target.port)", force: true)]
        case let (_, .percentiles(values)):
            let list = values.isEmpty ? "\"\"" : values.map(LatencyPercentiles.render).joined(separator: " ")
            return [RewriteLine("\(name) \(list)", force: true)]
        default:
            preconditionFailure("config value \(value) does not fit kind \(self)")
        }
    }

    /// The absolute working directory, or "" if it cannot be read.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        return String(cString: buffer)
    }
}

/// One line CONFIG REWRITE may write for a directive; see `ConfigValueKind.rewriteLines`.
struct RewriteLine: Equatable {
    let text: String
    let force: Bool

    init(_ text: String, force: Bool) {
        self.text = text
        self.force = force
    }
}
