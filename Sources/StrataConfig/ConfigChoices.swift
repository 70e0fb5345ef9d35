/// The allowed words of an enumerated directive, matched case-insensitively. A synonym is
/// accepted on input but reported as its canonical word (`oom-score-adj relative` reads back
/// as `yes`).
struct ConfigChoices: Sendable {
    let words: [String]
    let synonyms: [String: String]

    init(_ words: [String], synonyms: [String: String] = [:]) {
        self.words = words
        self.synonyms = synonyms
    }

    func canonical(_ text: String) throws(ConfigValueError) -> String {
        let word = text.lowercased()
        guard words.contains(word) else {
            throw ConfigValueError("argument(s) must be one of the following: \(words.joined(separator: ", "))")
        }
        return synonyms[word] ?? word
    }

    /// Flag-style directives (`shutdown-on-sigint nosave now`): each argument is a word and
    /// the result lists the chosen words in table order; the first word (`default`) stands for
    /// "none of the others" and is what an empty choice renders as. `save` and `nosave`
    /// exclude each other.
    func flags(_ arguments: [String]) throws(ConfigValueError) -> String {
        var chosen = Set<String>()
        for argument in arguments { chosen.insert(try canonical(argument)) }
        if chosen.contains("save"), chosen.contains("nosave") {
            throw ConfigValueError("shutdown options SAVE and NOSAVE can't be used simultaneously")
        }
        let named = words.dropFirst().filter(chosen.contains)
        return named.isEmpty ? words[0] : named.joined(separator: " ")
    }
}
