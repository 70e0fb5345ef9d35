/// Minimal JSON writing for the offline tools' `--json` output and JSON-lines export (strata-rdb, strata-aof). Byte strings that are valid UTF-8
/// become JSON strings; any other bytes become `{"base64": "..."}` so nothing is lost.
public enum JSONText {
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func bytes(_ b: [UInt8]) -> String {
        if let s = String(validating: b, as: UTF8.self) { return string(s) }
        return "{\"base64\":\"\(base64(b))\"}"
    }

    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    public static func number(_ d: Double) -> String {
        d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)") : string(d > 0 ? "inf" : d < 0 ? "-inf" : "nan")
    }

    public static func base64(_ b: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < b.count {
            let n = min(3, b.count - i)
            let chunk = (0..<3).map { k in k < n ? UInt32(b[i + k]) : 0 }
            let v = chunk[0] << 16 | chunk[1] << 8 | chunk[2]
            for k in 0..<4 { out.append(k <= n ? alphabet[Int(v >> (18 - 6 * UInt32(k)) & 63)] : "=") }
            i += 3
        }
        return out
    }
}
