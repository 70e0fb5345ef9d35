extension RESPValue: CustomStringConvertible {
    /// The value as `redis-cli` shows it on a terminal: `OK`, `(integer) 1`, `"bulk"`,
    /// `(nil)`, `(error) ERR ...`, and aggregates as numbered lines (`1) `, `1# key => value`
    /// for maps, `1~ ` for sets) with nested aggregates indented under their entry.
    public var description: String { rendered(indent: 0) }

    private func rendered(indent: Int) -> String {
        switch self {
        case .simpleString(let text): return text
        case .error(let message): return "(error) " + message
        case .integer(let value): return "(integer) \(value)"
        case .bulkString(nil), .array(nil), .null: return "(nil)"
        case .bulkString(let bytes?): return Self.quoted(bytes)
        case .double(let value): return "(double) " + String(decoding: formatDouble17g(value), as: UTF8.self)
        case .boolean(let value): return value ? "(true)" : "(false)"
        case .bigNumber(let digits): return "(big number) " + digits
        case .verbatim(_, let text): return String(decoding: text, as: UTF8.self)
        case .array(let elements?), .push(let elements):
            return Self.entries(elements, marker: ")", empty: "(empty array)", indent: indent) { $0.rendered(indent: $1) }
        case .set(let elements):
            return Self.entries(elements, marker: "~", empty: "(empty set)", indent: indent) { $0.rendered(indent: $1) }
        case .map(let pairs), .attribute(let pairs):
            return Self.entries(pairs, marker: "#", empty: "(empty hash)", indent: indent) { pair, inner in
                pair.key.rendered(indent: inner) + " => " + pair.value.rendered(indent: inner)
            }
        }
    }

    /// Numbered lines, numbers right-aligned; `render` gets the indentation its own later lines need.
    private static func entries<Entry>(
        _ entries: [Entry], marker: String, empty: String, indent: Int, render: (Entry, Int) -> String
    ) -> String {
        guard !entries.isEmpty else { return empty }
        let width = String(entries.count).count
        var text = ""
        for (index, entry) in entries.enumerated() {
            let number = String(index + 1)
            let prefix = String(repeating: " ", count: width - number.count) + number + marker + " "
            if index > 0 { text += "\n" + String(repeating: " ", count: indent) }
            text += prefix + render(entry, indent + prefix.count)
        }
        return text
    }

    /// Double-quoted, with `\\ \" \n \r \t \a \b` escaped and other unprintable bytes as `\xHH`.
    private static func quoted(_ bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): text += "\\\\"
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\r"): text += "\\r"
            case UInt8(ascii: "\t"): text += "\\t"
            case 0x07: text += "\\a"
            case 0x08: text += "\\b"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16)
                text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return text + "\""
    }
}
