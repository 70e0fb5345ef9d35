import StrataText

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
/// character; Redis reports such a line as "Unbalanced quotes in configuration line". The rules are
/// implemented once, in StrataText's `splitArguments`, which the inline-command parser uses too.
enum ConfigLineSplitter {
    static func split(_ line: String) -> [String]? {
        splitArguments(Array(line.utf8))?.map { String(decoding: $0, as: UTF8.self) }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
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
