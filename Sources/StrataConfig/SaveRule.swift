/// One `save <seconds> <changes>` snapshot trigger: save when at least `changes` writes
/// happened within `seconds`.
struct SaveRule: Equatable, Sendable {
    var seconds: Int
    var changes: Int

    /// Reads `save` arguments: pairs of C integers, seconds >= 1 and changes >= 0; the single
    /// argument `""` means "no rules". Any other shape is "Invalid save parameters".
    static func parseList(_ arguments: [String]) throws(ConfigValueError) -> [SaveRule] {
        if arguments == [""] { return [] }
        guard arguments.count % 2 == 0 else { throw ConfigValueError("Invalid save parameters") }
        var rules: [SaveRule] = []
        for pair in stride(from: 0, to: arguments.count, by: 2) {
            guard let seconds = CInteger.lenient(arguments[pair][...])?.value, seconds >= 1,
                  let changes = CInteger.lenient(arguments[pair + 1][...])?.value, changes >= 0
            else { throw ConfigValueError("Invalid save parameters") }
            rules.append(SaveRule(seconds: Int(seconds), changes: Int(truncatingIfNeeded: changes)))
        }
        return rules
    }

    /// CONFIG GET form: all pairs on one line, `3600 1 300 100 60 10000`.
    static func render(_ rules: [SaveRule]) -> String {
        rules.map { "\($0.seconds) \($0.changes)" }.joined(separator: " ")
    }
}
