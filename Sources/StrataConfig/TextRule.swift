/// How a string directive treats the empty string and which values it accepts.
struct TextRule: Sendable {
    /// Extra checks some string directives make, with Redis's messages.
    enum Check: Sendable {
        case none
        /// A bare file name (no `/` or `\`); `noun` names it in the message and
        /// `allowsEmpty` says whether `""` is accepted.
        case baseName(directive: String, noun: String, allowsEmpty: Bool)
        /// A host name of letters, digits, `-` and `.`, shorter than 256 characters.
        case hostname
        /// A process title template using only the known `{variables}` and not expanding to
        /// blank text.
        case processTitleTemplate
    }

    /// When true, `""` means "not set" (CONFIG REWRITE then drops the directive).
    let emptyIsUnset: Bool
    let check: Check

    func validate(_ text: String) throws(ConfigValueError) {
        switch check {
        case .none:
            return
        case let .baseName(directive, noun, allowsEmpty):
            if text.isEmpty, !allowsEmpty { throw ConfigValueError("\(directive) can't be empty") }
            if text.contains("/") || text.contains("\\") {
                throw ConfigValueError("\(directive) can't be a path, just a \(noun)")
            }
        case .hostname:
            if text.utf8.count >= 256 { throw ConfigValueError("Hostnames must be less than 256 characters") }
            let allowed = text.utf8.allSatisfy { byte in
                CInteger.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
            if !allowed { throw ConfigValueError("Hostnames may only contain alphanumeric characters, hyphens or dots") }
        case .processTitleTemplate:
            if !Self.isValidTitleTemplate(text) {
                throw ConfigValueError("template format is invalid or contains unknown variables")
            }
        }
    }

    /// The variables a process title template may use, with a sample expansion; `{title}`
    /// alone must not be the only visible content.
    private static let titleVariables: [String: String] = [
        "title": "", "listen-addr": "*:6379", "server-mode": "", "port": "6379", "tls-port": "0",
        "unixsocket": "", "config-file": "",
    ]

    private static func isValidTitleTemplate(_ template: String) -> Bool {
        var expanded = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            expanded += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                  let value = titleVariables[String(rest[rest.index(after: open)..<close])]
            else { return false }
            expanded += value
            rest = rest[rest.index(after: close)...]
        }
        expanded += rest
        return !expanded.allSatisfy { $0 == " " }
    }
}
