/// Quotes a value for writing it back into redis.conf (CONFIG REWRITE) or for turning a
/// command-line option value into a config line, the inverse of `ConfigLineSplitter`:
/// the value is wrapped in double quotes; `\` and `"` are backslash-escaped; LF, CR, tab,
/// BEL and backspace become `\n \r \t \a \b`; other bytes outside printable ASCII become `\xHH`
/// (lowercase hex).
enum ConfigQuoting {
    static func quoted(_ value: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(value.utf8.count + 2)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x07: out += Array(#"\a"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x20...0x7E: out.append(byte)
            default:
                let digits = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
