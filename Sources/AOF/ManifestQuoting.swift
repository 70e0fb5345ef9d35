/// How Redis writes a file name into the manifest (`sdsneedsrepr` + `sdscatrepr`): as is when every byte is
/// printable ASCII other than space, backslash and double quote; otherwise double-quoted with `\\`, `\"`, `\n`,
/// `\r`, `\t`, `\a`, `\b` and `\xHH` escapes, which the manifest's line splitter reads back.
enum ManifestQuoting {
    static func quotedIfNeeded(_ name: [UInt8]) -> [UInt8] {
        let plain = name.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") }
        guard !plain else { return name }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in name {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x07: out += Array("\\a".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x20..<0x7F: out.append(byte)
            default:
                let hex = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
