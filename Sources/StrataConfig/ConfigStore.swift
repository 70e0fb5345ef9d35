import StrataText
import Glibc

/// The server's configuration: every directive's current value, loaded from redis.conf and the
/// command line, read by the server and the core through typed accessors, and changed by
/// CONFIG SET / written back by CONFIG REWRITE.
///
/// Not synchronised: use it from the thread that runs commands.
public final class ConfigStore {
    private var values: [ConfigValue]
    /// The absolute path of the config file loaded, if any.
    public private(set) var configFile: String?
    /// The `include`, `rename-command`, `user`, `loadmodule`, `sentinel` and module-option
    /// lines read, in order.
    public private(set) var fileDirectives: [ConfigFileDirective] = []
    /// Called after a successful load or CONFIG SET with the canonical names whose values
    /// changed, so the server can apply them live.
    public var onChange: (([String]) -> Void)?
    /// Called after `onChange` when `loglevel` or `logfile` changed.
    public var onLoggingChange: (() -> Void)?

    /// All directives at Redis's defaults.
    public init() {
        values = ConfigDirective.all.map(\.defaultValue)
    }

    // MARK: Loading

    /// Loads the config file, then stdin when asked, then the command-line options, as one
    /// text read by `ConfigFileLoader`. Nothing is read when the command line names none of
    /// them. Nothing changes when an error is thrown.
    public func load(commandLine: CommandLineArguments) throws(ConfigFileError) {
        guard commandLine.configFile != nil || commandLine.readsStandardInput || !commandLine.options.isEmpty else { return }
        var text = ""
        var path: String?
        if let file = commandLine.configFile {
            let absolute = ConfigFileSystem.absolutePath(file)
            switch ConfigFileSystem.read(absolute) {
            case let .success(content): text = content
            case let .failure(error): throw .unreadableFile(path: absolute, reason: error.message)
            }
            path = absolute
        }
        if commandLine.readsStandardInput { text += ConfigFileSystem.readStandardInput() }
        text += "\n" + commandLine.options
        var loader = ConfigFileLoader(values: values, sentinelMode: commandLine.sentinelMode)
        try loader.load(text)
        configFile = path
        fileDirectives = loader.fileDirectives
        commit(loader.values)
    }

    // MARK: CONFIG GET

    /// CONFIG GET for one pattern. A pattern without `*`, `?` or `[` looks up that one
    /// parameter (any case, hidden ones included) and reports it under the name as given;
    /// otherwise every visible name and alias matching the glob case-insensitively is
    /// reported, in table order.
    public func get(pattern: String) -> [(name: String, value: String)] {
        if !pattern.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            guard let position = ConfigDirective.position(of: pattern) else { return [] }
            return [(pattern, render(position))]
        }
        var matches: [(name: String, value: String)] = []
        for (position, directive) in ConfigDirective.all.enumerated() where directive.access != .hidden {
            for name in [directive.name, directive.alias].compactMap({ $0 })
            where GlobPattern.matches(Array(pattern.utf8), Array(name.utf8), ignoringCase: true) {
                matches.append((name, render(position)))
            }
        }
        return matches
    }

    // MARK: CONFIG SET

    /// CONFIG SET with one or more parameters, all or nothing. Checks run in Redis's order:
    /// every name must exist, be settable (`protected` ones only when
    /// `enable-protected-configs` is `yes`, or `local` and `isLocalClient`) and appear once;
    /// then the values are read in order and the first bad one is reported. Multi-argument
    /// values are split at each space. Setting `dir` changes directory (undone if a later
    /// value is refused).
    public func set(_ pairs: [(name: String, value: String)], isLocalClient: Bool = false) throws(ConfigSetError) {
        var positions: [Int] = []
        var seen = Set<String>()
        for pair in pairs {
            guard let position = ConfigDirective.position(of: pair.name) else { throw .unknownOption(pair.name) }
            switch ConfigDirective.all[position].access {
            case .immutable:
                throw .rejected(parameter: pair.name, reason: "can't set immutable config")
            case .protected where !protectedConfigsAllowed(isLocalClient):
                throw .rejected(parameter: pair.name, reason: "can't set protected config")
            default:
                break
            }
            guard seen.insert(pair.name.lowercased()).inserted else {
                throw .rejected(parameter: pair.name, reason: "duplicate parameter")
            }
            positions.append(position)
        }
        var updated = values
        let changesDirectory = positions.contains { ConfigDirective.all[$0].kind.isDirectory }
        let directoryBefore = changesDirectory ? ConfigValueKind.currentDirectory() : nil
        do throws(ConfigSetError) {
            for (pair, position) in zip(pairs, positions) {
                updated[position] = try parse(pair, at: position, current: updated[position])
            }
        } catch {
            if let directoryBefore { chdir(directoryBefore) }
            throw error
        }
        commit(updated)
    }

    private func parse(_ pair: (name: String, value: String), at position: Int, current: ConfigValue) throws(ConfigSetError) -> ConfigValue {
        let kind = ConfigDirective.all[position].kind
        let arguments = kind.takesManyArguments
            ? pair.value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            : [pair.value]
        do throws(ConfigValueError) {
            let value = try kind.parse(arguments, current: current)
            try kind.takeEffect(value)
            return value
        } catch {
            throw .rejected(parameter: pair.name.lowercased(), reason: error.message)
        }
    }

    private func protectedConfigsAllowed(_ isLocalClient: Bool) -> Bool {
        switch enumValue("enable-protected-configs") {
        case "yes": return true
        case "local": return isLocalClient
        default: return false
        }
    }

    // MARK: CONFIG REWRITE

    /// CONFIG REWRITE: edits the loaded config file as `ConfigRewriter` describes and replaces
    /// it atomically. A missing file is written from scratch.
    public func rewrite() throws(ConfigRewriteError) {
        guard let configFile else { throw .noConfigFile }
        var existing = ""
        switch ConfigFileSystem.read(configFile) {
        case let .success(content): existing = content
        case .failure where errno == ENOENT: break
        case let .failure(error): throw .failed(reason: error.message)
        }
        do throws(ConfigValueError) {
            try ConfigFileSystem.replaceAtomically(configFile, with: ConfigRewriter.rewrite(existing, values: values))
        } catch {
            throw .failed(reason: error.message)
        }
    }

    // MARK: Typed access

    /// The value as CONFIG GET shows it; `name` may be canonical or an alias.
    public func string(_ name: String) -> String {
        render(position(name))
    }

    /// A numeric value (memory amounts in bytes, percentages negated); unsigned values beyond
    /// `Int.max` read as `Int.max`.
    public func int(_ name: String) -> Int {
        let position = position(name)
        guard case let .number(number) = values[position] else { preconditionFailure("\(name) is not numeric") }
        if case let .number(rule) = ConfigDirective.all[position].kind, rule.unsigned, number < 0 { return .max }
        return Int(number)
    }

    public func bool(_ name: String) -> Bool {
        guard case let .bool(flag) = values[position(name)] else { preconditionFailure("\(name) is not yes/no") }
        return flag
    }

    /// The lowercase word of an enumerated directive (for flag directives, the words joined by
    /// spaces).
    public func enumValue(_ name: String) -> String {
        guard case let .choice(word) = values[position(name)] else { preconditionFailure("\(name) is not enumerated") }
        return word
    }

    /// The words of a multi-argument directive, such as the `bind` addresses.
    public func strings(_ name: String) -> [String] {
        let position = position(name)
        if case let .addresses(addresses) = values[position] { return addresses }
        return render(position).split(separator: " ").map(String.init)
    }

    /// The classes of `notify-keyspace-events` (its CONFIG GET text hides `n` behind `A`, so it cannot be re-parsed).
    public var keyspaceEvents: KeyspaceEvents {
        guard case let .events(events) = values[position("notify-keyspace-events")] else { return [] }
        return events
    }

    /// `client-output-buffer-limit`, one entry per class: normal, replica, pubsub.
    public var clientOutputBufferLimits: [ClientOutputBufferLimit] {
        guard case let .bufferLimits(limits) = values[position("client-output-buffer-limit")] else { return [] }
        return limits
    }

    /// The `save` rules, in order.
    public var saveRules: [(seconds: Int, changes: Int)] {
        guard case let .saveRules(rules) = values[position("save")] else { return [] }
        return rules.map { ($0.seconds, $0.changes) }
    }

    // MARK: Internals

    private func position(_ name: String) -> Int {
        guard let position = ConfigDirective.position(of: name) else { preconditionFailure("unknown config directive '\(name)'") }
        return position
    }

    private func render(_ position: Int) -> String {
        ConfigDirective.all[position].kind.render(values[position])
    }

    private func commit(_ updated: [ConfigValue]) {
        let changed = ConfigDirective.all.indices.filter { updated[$0] != values[$0] }
            .map { ConfigDirective.all[$0].name }
        values = updated
        guard !changed.isEmpty else { return }
        onChange?(changed)
        if changed.contains("loglevel") || changed.contains("logfile") { onLoggingChange?() }
    }
}
