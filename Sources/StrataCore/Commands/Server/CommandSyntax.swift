/// A syntax string that does not follow the documentation notation, with the offending position.
public struct CommandSyntaxError: Error, Equatable, CustomStringConvertible {
    public var syntax: String
    /// How many lexemes (words, brackets, `|`, `...`) were read when parsing failed.
    public var lexemesRead: Int
    public var reason: String

    public var description: String { "\(reason) after \(lexemesRead) lexemes of \"\(syntax)\"" }
}

/// Parses the argument notation of Redis's documentation into COMMAND DOCS arguments.
///
/// Notation rules:
/// - Words in upper case (no lower-case letter: `NX`, `*`, `""`) are literal tokens; other words are named values.
/// - `[...]` is optional, `<...>` only groups; `a | b` inside them (or at top level) picks one alternative.
/// - `x ...` repeats x; `x [x ...]` is one or more x, `[x ...]` zero or more; x may be several items
///   (`field value [field value ...]` repeats the pair as a block).
/// - A group whose first item is a token followed by more items hangs the token on the rest: one value gets it as
///   its `token` (`[EX seconds]`), several become a block with that token (`[AUTH username password]`).
///   Elsewhere a token followed by a value names that value (`STREAMS key [key ...]`).
/// - `TOKEN a | b | c` where b, c are single words like a factors the token out: `[AGGREGATE SUM | MIN | MAX]`
///   is the token AGGREGATE on a choice of SUM, MIN or MAX.
public struct CommandSyntax {
    private let text: String
    private let lexemes: [Substring]
    private let context: ArgumentContext
    private var position = 0

    /// The arguments of `syntax`; `context` refines the types inferred from argument names.
    public static func parse(_ syntax: String, context: ArgumentContext = ArgumentContext()) throws -> [CommandArgument] {
        var parser = CommandSyntax(text: syntax, lexemes: lex(syntax), context: context)
        let alternatives = try parser.alternatives(closer: nil)
        if alternatives.count == 1 { return try parser.sequence(alternatives[0], tokenLeads: false) }
        return [try parser.group(alternatives, optional: false)]
    }

    /// The bracket structure of the notation before the argument rules apply.
    private indirect enum Item: Equatable {
        case word(Substring)
        case group([[Item]], optional: Bool)
        case ellipsis
    }

    /// An item, or a run of items that repeats.
    private enum Unit {
        case item(Item)
        case repeated([Item], optional: Bool)
    }

    /// Splits on spaces; brackets and `|` are lexemes of their own, and `...` is split off a word it ends.
    private static func lex(_ s: String) -> [Substring] {
        var out: [Substring] = []
        var start: String.Index?
        func flush(_ end: String.Index) {
            guard let b = start else { return }
            var word = s[b..<end]
            if word.count > 3, word.hasSuffix("...") {
                out.append(word.dropLast(3))
                word = word.suffix(3)
            }
            out.append(word)
            start = nil
        }
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == " " || c == "[" || c == "]" || c == "<" || c == ">" || c == "|" {
                flush(i)
                if c != " " { out.append(s[i...i]) }
            } else if start == nil {
                start = i
            }
            i = s.index(after: i)
        }
        flush(s.endIndex)
        return out
    }

    private static func isToken(_ word: Substring) -> Bool {
        !word.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }

    private func failure(_ reason: String) -> CommandSyntaxError {
        CommandSyntaxError(syntax: text, lexemesRead: position, reason: reason)
    }

    // MARK: Bracket structure

    /// Items up to `closer` (or the end), split at `|`.
    private mutating func alternatives(closer: Substring?) throws -> [[Item]] {
        var alternatives: [[Item]] = [[]]
        while true {
            guard position < lexemes.count else {
                if closer != nil { throw failure("missing \"\(closer!)\"") }
                break
            }
            let lexeme = lexemes[position]
            position += 1
            if lexeme == closer { break }
            switch lexeme {
            case "|":
                if alternatives[alternatives.count - 1].isEmpty { throw failure("empty alternative") }
                alternatives.append([])
            case "[": alternatives[alternatives.count - 1].append(.group(try self.alternatives(closer: "]"), optional: true))
            case "<": alternatives[alternatives.count - 1].append(.group(try self.alternatives(closer: ">"), optional: false))
            case "]", ">": throw failure("unbalanced \"\(lexeme)\"")
            case "...":
                if alternatives[alternatives.count - 1].isEmpty { throw failure("\"...\" repeats nothing") }
                alternatives[alternatives.count - 1].append(.ellipsis)
            default: alternatives[alternatives.count - 1].append(.word(lexeme))
            }
        }
        if alternatives[alternatives.count - 1].isEmpty, alternatives.count > 1 || closer != nil {
            throw failure(alternatives.count > 1 ? "empty alternative" : "empty group")
        }
        return alternatives
    }

    // MARK: Argument rules

    /// Folds repetitions: `x ...`, `[x ...]`, and `x [x ...]` for any run x.
    private func foldingRepetitions(_ items: [Item]) throws -> [Unit] {
        var units: [Unit] = []
        for item in items {
            switch item {
            case .ellipsis:
                guard case .item(let repeated)? = units.popLast() else { throw failure("\"...\" after a repetition") }
                units.append(.repeated([repeated], optional: false))
            case .group(let alternatives, optional: true) where alternatives.count == 1 && alternatives[0].last == .ellipsis:
                let body = Array(alternatives[0].dropLast())
                let before = units.suffix(body.count).compactMap { unit -> Item? in
                    if case .item(let i) = unit { return i } else { return nil }
                }
                if before == body {
                    units.removeLast(body.count)
                    units.append(.repeated(body, optional: false))
                } else {
                    units.append(.repeated(body, optional: true))
                }
            default:
                units.append(.item(item))
            }
        }
        return units
    }

    /// The arguments of a run of items. When `tokenLeads` (the run is a whole group or alternative) a leading
    /// token applies to everything after it.
    private func sequence(_ items: [Item], tokenLeads: Bool) throws -> [CommandArgument] {
        let units = try foldingRepetitions(items)
        if tokenLeads, units.count > 1, case .item(.word(let token)) = units[0], CommandSyntax.isToken(token) {
            let rest = try arguments(units.dropFirst())
            var argument = rest.count == 1 && rest[0].token == nil ? rest[0] : .group(.block, rest)
            argument.token = String(token)
            return [argument]
        }
        return try arguments(units[...])
    }

    /// Within a run a token names the value after it (`COUNT count`); followed by several named words
    /// (`SET encoding offset value`) it heads a block of them; followed by nothing it can name, it stands alone.
    private func arguments(_ units: ArraySlice<Unit>) throws -> [CommandArgument] {
        var out: [CommandArgument] = []
        var i = units.startIndex
        while i < units.endIndex {
            guard case .item(.word(let word)) = units[i], CommandSyntax.isToken(word) else {
                out.append(try argument(units[i]))
                i += 1
                continue
            }
            i += 1
            let words = units[i...].prefix { if case .item(.word(let w)) = $0 { return !CommandSyntax.isToken(w) } else { return false } }
            var named: CommandArgument?
            if words.count > 1 {
                named = .group(.block, try words.map(argument))
            } else if i < units.endIndex, case let value = try argument(units[i]), value.token == nil {
                named = value
            }
            if var value = named {
                value.token = String(word)
                out.append(value)
                i += max(words.count, 1)
            } else {
                out.append(.pureToken(String(word)))
            }
        }
        return out
    }

    private func argument(_ unit: Unit) throws -> CommandArgument {
        switch unit {
        case .item(.word(let word)):
            if CommandSyntax.isToken(word) { return .pureToken(String(word)) }
            let name = String(word)
            return CommandArgument(name, context.kind(of: name))
        case .item(.group(let alternatives, let optional)):
            return try group(alternatives, optional: optional)
        case .item(.ellipsis):
            throw failure("misplaced \"...\"")
        case .repeated(let body, let optional):
            let members = try sequence(body, tokenLeads: true)
            var argument = members.count == 1 ? members[0] : .group(.block, members)
            argument.flags.insert(.multiple)
            if case .word(let w)? = body.first, CommandSyntax.isToken(w) { argument.flags.insert(.multipleToken) }
            if optional { argument.flags.insert(.optional) }
            return argument
        }
    }

    /// One argument for a bracketed (or top-level) set of alternatives: a oneof when there are several.
    private func group(_ alternatives: [[Item]], optional: Bool) throws -> CommandArgument {
        let alternatives = CommandSyntax.factoringLeadingToken(alternatives)
        var argument: CommandArgument
        if alternatives.count == 1 {
            let members = try sequence(alternatives[0], tokenLeads: true)
            argument = members.count == 1 ? members[0] : .group(.block, members)
        } else {
            argument = .group(.oneof, try alternatives.map { alternative in
                let members = try sequence(alternative, tokenLeads: true)
                return members.count == 1 ? members[0] : .group(.block, members)
            })
        }
        if optional { argument.flags.insert(.optional) }
        return argument
    }

    /// `TOKEN a | b | c` → `TOKEN <a | b | c>` when every alternative after the first is one word of a's kind.
    private static func factoringLeadingToken(_ alternatives: [[Item]]) -> [[Item]] {
        guard alternatives.count > 1, alternatives[0].count == 2,
              case .word(let token) = alternatives[0][0], isToken(token),
              case .word(let first) = alternatives[0][1] else { return alternatives }
        let choices = alternatives.dropFirst()
        for choice in choices {
            guard choice.count == 1, case .word(let w) = choice[0], isToken(w) == isToken(first) else { return alternatives }
        }
        return [[.word(token), .group([[.word(first)]] + choices, optional: false)]]
    }
}
