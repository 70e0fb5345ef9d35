/// Redis's glob matching, as CONFIG GET uses it (case-insensitively):
/// `*` any run of characters, `?` any one character, `[abc]` / `[a-z]` / `[^...]` a character
/// class (range ends may come in either order), `\x` the character `x` itself.
enum GlobPattern {
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool) -> Bool {
        let fold: (UInt8) -> UInt8 = { caseInsensitive && $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return match(Array(pattern.utf8).map(fold)[...], Array(text.utf8).map(fold)[...])
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var pattern = pattern
        var text = text
        while let token = pattern.first {
            switch token {
            case UInt8(ascii: "*"):
                while pattern.first == UInt8(ascii: "*") { pattern = pattern.dropFirst() }
                if pattern.isEmpty { return true }
                var rest = text
                while true {
                    if match(pattern, rest) { return true }
                    if rest.isEmpty { return false }
                    rest = rest.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard !text.isEmpty else { return false }
                text = text.dropFirst()
                pattern = pattern.dropFirst()
            case UInt8(ascii: "["):
                guard let character = text.first else { return false }
                guard let rest = matchClass(pattern.dropFirst(), character) else { return false }
                pattern = rest
                text = text.dropFirst()
            default:
                var literal = token
                if token == UInt8(ascii: "\\"), pattern.count >= 2 {
                    pattern = pattern.dropFirst()
                    literal = pattern.first!
                }
                guard text.first == literal else { return false }
                text = text.dropFirst()
                pattern = pattern.dropFirst()
            }
        }
        return text.isEmpty
    }

    /// Matches `character` against the class starting after `[`; returns the pattern after
    /// the closing `]` when it matches (an unclosed class runs to the end of the pattern).
    private static func matchClass(_ body: ArraySlice<UInt8>, _ character: UInt8) -> ArraySlice<UInt8>? {
        var pattern = body
        let negated = pattern.first == UInt8(ascii: "^")
        if negated { pattern = pattern.dropFirst() }
        var matched = false
        while let token = pattern.first, token != UInt8(ascii: "]") {
            if token == UInt8(ascii: "\\"), pattern.count >= 2 {
                pattern = pattern.dropFirst()
                if pattern.first == character { matched = true }
                pattern = pattern.dropFirst()
            } else if pattern.count >= 3, pattern[pattern.startIndex + 1] == UInt8(ascii: "-") {
                let (a, b) = (token, pattern[pattern.startIndex + 2])
                if (min(a, b)...max(a, b)).contains(character) { matched = true }
                pattern = pattern.dropFirst(3)
            } else {
                if token == character { matched = true }
                pattern = pattern.dropFirst()
            }
        }
        pattern = pattern.dropFirst()
        return matched != negated ? pattern : nil
    }
}
