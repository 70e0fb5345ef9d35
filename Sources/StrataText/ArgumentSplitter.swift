/// Splits a line into arguments the way Redis splits inline commands and `redis.conf` lines:
///
/// - arguments are separated by runs of spaces, tabs, CR or LF (leading VT/FF are skipped too);
/// - `"double quoted"` text may contain `\n \r \t \b \a`, `\xHH` (two hex digits) and `\<any>`
///   for that byte itself;
/// - `'single quoted'` text is literal except for `\'`;
/// - a quote opened inside an unquoted word continues that word (`a"b c"` is `ab c`);
/// - a closing quote must be followed by a separator or the end of the line.
///
/// Returns nil when a quote is left open or a closing quote is followed by another byte.
public func splitArguments(_ line: some Collection<UInt8>) -> [[UInt8]]? {
    var arguments: [[UInt8]] = []
    let balanced =
        line.withContiguousStorageIfAvailable {
            ArgumentSplitter.split(UnsafeRawBufferPointer($0), into: &arguments)
        } ?? Array(line).withUnsafeBytes { ArgumentSplitter.split($0, into: &arguments) }
    return balanced ? arguments : nil
}

/// The implementation of `splitArguments`, appending to an existing array so the request parser
/// can reuse its capacity.
public enum ArgumentSplitter {
    private enum Quoting {
        case none, double, single
    }

    /// Appends the arguments of `line` to `arguments`; on unbalanced quotes returns false and
    /// leaves `arguments` as it was.
    public static func split(_ line: UnsafeRawBufferPointer, into arguments: inout [[UInt8]]) -> Bool {
        let originalCount = arguments.count
        let end = line.count
        var index = 0
        while true {
            while index < end, isLeadingSpace(line[index]) { index += 1 }
            if index == end { return true }
            var argument: [UInt8] = []
            var quoting = Quoting.none
            wordLoop: while true {
                switch quoting {
                case .none:
                    guard index < end else { break wordLoop }
                    let byte = line[index]
                    index += 1
                    switch byte {
                    case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): break wordLoop
                    case UInt8(ascii: "\""): quoting = .double
                    case UInt8(ascii: "'"): quoting = .single
                    default: argument.append(byte)
                    }
                case .double:
                    guard index < end else { return fail(&arguments, originalCount) }
                    let byte = line[index]
                    if byte == UInt8(ascii: "\\"), index + 3 < end, line[index + 1] == UInt8(ascii: "x"),
                        let high = hexValue(line[index + 2]), let low = hexValue(line[index + 3])
                    {
                        argument.append(high << 4 | low)
                        index += 4
                    } else if byte == UInt8(ascii: "\\"), index + 1 < end {
                        argument.append(unescaped(line[index + 1]))
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        index += 1
                        guard closesCleanly(line, at: index) else { return fail(&arguments, originalCount) }
                        break wordLoop
                    } else {
                        argument.append(byte)
                        index += 1
                    }
                case .single:
                    guard index < end else { return fail(&arguments, originalCount) }
                    let byte = line[index]
                    if byte == UInt8(ascii: "\\"), index + 1 < end, line[index + 1] == UInt8(ascii: "'") {
                        argument.append(UInt8(ascii: "'"))
                        index += 2
                    } else if byte == UInt8(ascii: "'") {
                        index += 1
                        guard closesCleanly(line, at: index) else { return fail(&arguments, originalCount) }
                        break wordLoop
                    } else {
                        argument.append(byte)
                        index += 1
                    }
                }
            }
            arguments.append(argument)
        }
    }

    private static func fail(_ arguments: inout [[UInt8]], _ originalCount: Int) -> Bool {
        arguments.removeSubrange(originalCount...)
        return false
    }

    /// A closing quote must be the last byte or be followed by whitespace.
    private static func closesCleanly(_ line: UnsafeRawBufferPointer, at index: Int) -> Bool {
        index == line.count || isLeadingSpace(line[index])
    }

    /// C `isspace`: space, \t, \n, \v, \f, \r.
    private static func isLeadingSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The byte a backslash escape inside double quotes stands for.
    private static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return byte
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
