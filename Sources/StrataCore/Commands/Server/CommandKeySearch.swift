/// Finding the keys of a command line as COMMAND GETKEYS does in Redis 7.0: the key specs are walked first
/// (unless one of them has variable flags); when a spec rejects the line, or has variable flags, the command's
/// native key finder answers instead, and a command with neither finds no keys.
enum CommandKeySearch {
    /// One key argument: its position in the line (the command name is position 0) and how it is accessed.
    struct Key: Equatable {
        let position: Int
        let flags: CommandKeySpec.Flags
    }

    /// True when the command can have keys at all: a key spec that is not NOT_KEY, or a native key finder.
    static func hasKeys(_ details: CommandDetails) -> Bool {
        details.keyFinder != nil || details.keySpecs.contains { !$0.flags.contains(.notKey) }
    }

    /// The keys of `line` (its arity already checked).
    static func keys(_ details: CommandDetails, in line: [Bytes]) -> [Key] {
        let specified = details.keySpecs.contains { !$0.flags.contains(.notKey) }
        let variable = details.keySpecs.contains { $0.flags.contains(.variableFlags) }
        if specified && !variable, let keys = walk(details.keySpecs, line) { return keys }
        return details.keyFinder.map { find($0, line) } ?? []
    }

    /// The keys the specs pick, or nil when one of them rejects the line: a key count that is not a strict
    /// non-negative integer, keys past the end, no key where one must be, or an incomplete spec.
    static func walk(_ specs: [CommandKeySpec], _ line: [Bytes]) -> [Key]? {
        let argc = line.count
        var keys: [Key] = []
        for spec in specs where !spec.flags.contains(.notKey) {
            var first: Int
            switch spec.beginSearch {
            case .index(let index):
                first = index
            case .keyword(let keyword, let startFrom):
                guard let found = search(keyword, from: startFrom, line) else { continue }
                first = found + 1
            }
            let last: Int, step: Int
            switch spec.findKeys {
            case .range(let lastKey, let keyStep, let limit):
                step = keyStep
                if lastKey >= 0 {
                    last = first + lastKey
                } else if limit == 0 {
                    last = argc + lastKey
                } else {
                    last = first + (argc - first) / limit + lastKey
                }
            case .keyNum(let keyNumIndex, let firstKey, let keyStep):
                step = keyStep
                guard first + keyNumIndex < argc, let count = IntegerText.parse(line[first + keyNumIndex]),
                      count >= 0, count < Int64(argc) else { return nil }
                first += firstKey
                last = first + Int(count) - 1
            }
            guard last < argc, last >= first, first < argc else { return nil }
            for position in stride(from: first, through: last, by: step) {
                keys.append(Key(position: position, flags: spec.flags))
            }
            if spec.flags.contains(.incomplete) { return nil }
        }
        return keys
    }

    /// The position of `keyword` (ignoring case): scanning forwards from `startFrom` up to the next-to-last
    /// argument, or, for a negative start, backwards from that far before the end down to position 2.
    private static func search(_ keyword: String, from startFrom: Int, _ line: [Bytes]) -> Int? {
        let argc = line.count
        let start = startFrom > 0 ? startFrom : argc + startFrom
        let end = startFrom > 0 ? argc - 1 : 1
        let target = Bytes(keyword).lowercasedASCII
        var i = start
        while i != end, i < argc, i >= 1 {
            if line[i].lowercasedASCII == target { return i }
            i += start <= end ? 1 : -1
        }
        return nil
    }

    /// Redis's native key finders; the keys they report carry no flags except SET's and BITFIELD's.
    private static func find(_ finder: CommandDetails.KeyFinder, _ line: [Bytes]) -> [Key] {
        let argc = line.count
        switch finder {
        case .counted(let store, let countIndex, let firstKey):
            let count = leadingInteger(line[countIndex])
            guard count >= 1, count <= (argc - firstKey) else { return [] }
            let keys = (0..<count).map { Key(position: firstKey + $0, flags: []) }
            return store > 0 ? keys + [Key(position: store, flags: [])] : keys
        case .streams:
            var i = 1, streams: Int?
            scan: while i < argc {
                let option = line[i]
                if option.equalsIgnoringCase("BLOCK") || option.equalsIgnoringCase("COUNT") {
                    i += 1
                } else if option.equalsIgnoringCase("GROUP") {
                    i += 2
                } else if !option.equalsIgnoringCase("NOACK") {
                    if option.equalsIgnoringCase("STREAMS") { streams = i }
                    break scan
                }
                i += 1
            }
            guard let streams else { return [] }
            let remaining = argc - streams - 1
            guard remaining > 0, remaining % 2 == 0 else { return [] }
            return (0..<remaining / 2).map { Key(position: streams + 1 + $0, flags: []) }
        case .set:
            let get = line.dropFirst(3).contains { $0.equalsIgnoringCase("GET") }
            return [Key(position: 1, flags: get ? .rwAccessUpdate : .owUpdate)]
        case .bitfield:
            return [Key(position: 1, flags: bitfieldOnlyReads(line) ? .roAccess : .rwAccessUpdate)]
        }
    }

    /// True when every BITFIELD operation is a complete GET or OVERFLOW (a malformed one counts as a write).
    private static func bitfieldOnlyReads(_ line: [Bytes]) -> Bool {
        var i = 2
        while i < line.count {
            let remaining = line.count - i - 1
            if line[i].equalsIgnoringCase("GET") && remaining >= 2 {
                i += 3
            } else if line[i].equalsIgnoringCase("OVERFLOW") && remaining >= 1 {
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// C's atoi: optional spaces and sign, then as many digits as there are; 0 when there are none.
    private static func leadingInteger(_ text: Bytes) -> Int {
        var i = 0
        while i < text.count, text[i] == 0x20 || (text[i] >= 0x09 && text[i] <= 0x0D) { i += 1 }
        var negative = false
        if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0
        while i < text.count, text[i] >= 0x30, text[i] <= 0x39, value < Int(Int32.max) {
            value = value * 10 + Int(text[i] - 0x30)
            i += 1
        }
        return negative ? -value : value
    }
}
