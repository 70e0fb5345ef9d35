/// Splits one redis.conf line into its words, with the quoting rules redis.conf shares with
/// Redis's inline commands:
///
/// - words are separated by space, tab, CR or LF (VT and FF are skipped only before a word);
/// - `"double quoted"` text understands `\n \r \t \b \a`, `\xHH` (exactly two hex digits) and
///   `\<other>` for that character itself;
/// - `'single quoted'` text is literal except that `\'` is a quote;
/// - a quote opened in the middle of a word continues the word (`a"b c"` is `ab c`);
/// - a closing quote must be followed by a separator or the end of the line.
///
/// `split` returns nil when a quote is left open or a closing quote is followed by another
/// character; Redis reports such a line as "Unbalanced quotes in configuration line".
enum ConfigLineSplitter {
    static func split(_ line: String) -> [String]? {
        let bytes = Array(line.utf8)
        var words: [String] = []
        var index = 0
        while true {
            while index < bytes.count, isSeparator(bytes[index]) { index += 1 }
            if index == bytes.count { return words }
            var word: [UInt8] = []
            while index < bytes.count, !endsWord(bytes[index]) {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = readDoubleQuoted(bytes, from: index + 1, into: &word) else { return nil }
                    index = end
                case UInt8(ascii: "'"):
                    guard let end = readSingleQuoted(bytes, from: index + 1, into: &word) else { return nil }
                    index = end
                default:
                    word.append(bytes[index])
                    index += 1
                }
            }
            words.append(String(decoding: word, as: UTF8.self))
        }
    }

    /// Reads up to and including the closing `"`; returns the index after it, or nil when the
    /// quote is never closed or is followed by something other than a separator.
    private static func readDoubleQuoted(_ bytes: [UInt8], from start: Int, into word: inout [UInt8]) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                return closingQuoteEnds(bytes, at: index) ? index + 1 : nil
            }
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                word.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            if escaped == UInt8(ascii: "x"), index + 3 < bytes.count,
               let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                word.append(high << 4 | low)
                index += 4
                continue
            }
            word.append(controlCharacter(escaped) ?? escaped)
            index += 2
        }
        return nil
    }

    /// Reads up to and including the closing `'`, where `\'` stands for a quote.
    private static func readSingleQuoted(_ bytes: [UInt8], from start: Int, into word: inout [UInt8]) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") {
                word.append(UInt8(ascii: "'"))
                index += 2
            } else if byte == UInt8(ascii: "'") {
                return closingQuoteEnds(bytes, at: index) ? index + 1 : nil
            } else {
                word.append(byte)
                index += 1
            }
        }
        return nil
    }

    private static func closingQuoteEnds(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 1 == bytes.count || isSeparator(bytes[index + 1])
    }

    private static func controlCharacter(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return nil
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Space, tab, LF and CR end an unquoted word.
    private static func endsWord(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Space, tab, LF, VT, FF, CR: C's `isspace` in the C locale.
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The text cut at every LF byte (so CRLF files split too, leaving a CR to trim), keeping
    /// empty lines so line numbers count every line.
    static func lines(of text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The line without spaces, tabs, CR and LF at either end, as each config line is read.
    static func trimmed(_ line: Substring) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = line.firstIndex(where: { !isBlank($0) }), let end = line.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(line[start...end])
    }
}
