import Glibc

/// Reads redis.conf text into directive values, with Redis's rules:
///
/// - lines are split at `\n` and trimmed of spaces, tabs, CR and LF; empty lines and lines
///   starting with `#` are skipped; the rest are split into words by `ConfigLineSplitter`;
/// - the first word names the directive, in any case; a later line overrides an earlier one;
/// - directives with a single value need exactly one argument;
/// - `save` lines add up: the first one read from a file replaces the defaults and later ones
///   append, except that after an `include` has been read each `save` line replaces the rules
///   again (Redis 7.0 behaves so); `save ""` clears the rules;
/// - `include <path>` reads another file (a path with `*`, `?` or `[` is a glob whose matches
///   are read as one text; no match is not an error); `dir` changes directory at once, so
///   later relative includes resolve against it;
/// - `rename-command`, `user`, `loadmodule`, `sentinel` and `<module>.<option>` lines are
///   kept as `ConfigFileDirective`s; the retired `list-max-ziplist-entries`,
///   `list-max-ziplist-value` and `lua-replicate-commands` are ignored.
struct ConfigFileLoader {
    private(set) var values: [ConfigValue]
    private(set) var fileDirectives: [ConfigFileDirective] = []
    /// Whether `sentinel <option> ...` lines are allowed.
    let sentinelMode: Bool
    private var saveRulesRead = false
    private var readingFile = false

    init(values: [ConfigValue], sentinelMode: Bool) {
        self.values = values
        self.sentinelMode = sentinelMode
    }

    private static let retiredDirectives: Set<String> = ["list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands"]

    /// Reads one text (a file's content, possibly followed by stdin and command-line options),
    /// then checks that a set `logfile` can be opened for appending and that `replicaof` is
    /// not combined with cluster mode.
    mutating func load(_ text: String) throws(ConfigFileError) {
        readingFile = true
        defer { readingFile = false }
        for (offset, rawLine) in ConfigLineSplitter.lines(of: text).enumerated() {
            let line = ConfigLineSplitter.trimmed(rawLine)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let words = ConfigLineSplitter.split(line)
            if let words, words.count == 2, words[0].lowercased() == "include" {
                try include(words[1])
                continue
            }
            do throws(ConfigValueError) {
                guard let words else { throw ConfigValueError("Unbalanced quotes in configuration line") }
                try apply(words)
            } catch {
                throw .invalidLine(lineNumber: offset + 1, line: line, reason: error.message)
            }
        }
        try checkConsistency()
    }

    private mutating func apply(_ words: [String]) throws(ConfigValueError) {
        guard let first = words.first else { return }
        let name = first.lowercased()
        let arguments = Array(words.dropFirst())
        if let position = ConfigDirective.position(of: name) {
            try set(position, arguments)
        } else if Self.retiredDirectives.contains(name), arguments.count == 1 {
            return
        } else if name == "rename-command" && arguments.count == 2
                    || (name == "user" || name == "loadmodule") && !arguments.isEmpty {
            fileDirectives.append(ConfigFileDirective(name: name, arguments: arguments))
        } else if name.contains(".") {
            guard arguments.count == 1 else { throw ConfigValueError("Module config specified without value") }
            fileDirectives.append(ConfigFileDirective(name: name, arguments: arguments))
        } else if name == "sentinel" {
            guard !arguments.isEmpty else { return }
            guard sentinelMode else { throw ConfigValueError("sentinel directive while not in sentinel mode") }
            fileDirectives.append(ConfigFileDirective(name: name, arguments: arguments))
        } else {
            throw ConfigValueError("Bad directive or wrong number of arguments")
        }
    }

    private mutating func set(_ position: Int, _ arguments: [String]) throws(ConfigValueError) {
        let directive = ConfigDirective.all[position]
        var arguments = arguments
        // Like Redis, the single non-empty argument of a multi-argument directive is split into words, so
        // `--save "3600 1 300 100"` and `save "3600 1"` work.
        if directive.kind.takesManyArguments, arguments.count == 1, !arguments[0].isEmpty,
           let words = ConfigLineSplitter.split(arguments[0]) {
            arguments = words
        }
        guard directive.kind.takesManyArguments || arguments.count == 1 else {
            throw ConfigValueError("wrong number of arguments")
        }
        var appendSaveRules = false
        if case .saveRules = directive.kind {
            appendSaveRules = readingFile && saveRulesRead
            saveRulesRead = saveRulesRead || readingFile
        }
        let value = try directive.kind.parse(arguments, current: values[position], appendSaveRules: appendSaveRules)
        try directive.kind.takeEffect(value)
        values[position] = value
    }

    /// Reads an included file (or the files a pattern matches, as one text) and records the
    /// `include` line for CONFIG REWRITE's sake.
    private mutating func include(_ path: String) throws(ConfigFileError) {
        fileDirectives.append(ConfigFileDirective(name: "include", arguments: [path]))
        let isPattern = path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
        let files = isPattern ? ConfigFileSystem.glob(path) : [path]
        guard !files.isEmpty else { return }
        var text = ""
        for file in files {
            switch ConfigFileSystem.read(file) {
            case let .success(content): text += content
            case let .failure(error): throw .unreadableFile(path: file, reason: error.message)
            }
        }
        try load(text)
    }

    private func checkConsistency() throws(ConfigFileError) {
        if case let .text(logfile?) = self["logfile"], !logfile.isEmpty {
            guard let file = fopen(logfile, "a") else {
                throw .invalidConfiguration(reason: "Can't open the log file: \(ConfigFileSystem.errorText())")
            }
            fclose(file)
        }
        if case .bool(true) = self["cluster-enabled"], case .master(_?) = self["replicaof"] {
            throw .invalidConfiguration(reason: "replicaof directive not allowed in cluster mode")
        }
    }

    private subscript(name: String) -> ConfigValue {
        values[ConfigDirective.position(of: name)!]
    }
}
