/// The `notify-keyspace-events` classes, one character each:
/// `g` generic, `$` string, `l` list, `s` set, `h` hash, `z` sorted set, `x` expired,
/// `e` evicted, `t` stream, `d` module, `n` new key, `m` key miss, `K` keyspace channel,
/// `E` keyevent channel; `A` is shorthand for `g$lshzxetd`.
public struct KeyspaceEvents: OptionSet, Equatable, Sendable {
    public let rawValue: UInt16

    public static let generic = KeyspaceEvents(rawValue: 1 << 0)
    public static let string = KeyspaceEvents(rawValue: 1 << 1)
    public static let list = KeyspaceEvents(rawValue: 1 << 2)
    public static let set = KeyspaceEvents(rawValue: 1 << 3)
    public static let hash = KeyspaceEvents(rawValue: 1 << 4)
    public static let sortedSet = KeyspaceEvents(rawValue: 1 << 5)
    public static let expired = KeyspaceEvents(rawValue: 1 << 6)
    public static let evicted = KeyspaceEvents(rawValue: 1 << 7)
    public static let stream = KeyspaceEvents(rawValue: 1 << 8)
    public static let module = KeyspaceEvents(rawValue: 1 << 9)
    public static let newKey = KeyspaceEvents(rawValue: 1 << 10)
    public static let keyMiss = KeyspaceEvents(rawValue: 1 << 11)
    public static let keyspace = KeyspaceEvents(rawValue: 1 << 12)
    public static let keyevent = KeyspaceEvents(rawValue: 1 << 13)

    /// What `A` stands for.
    public static let all: KeyspaceEvents = [.generic, .string, .list, .set, .hash, .sortedSet, .expired, .evicted, .stream, .module]

    /// The type classes in the order CONFIG GET lists them when not all are set.
    private static let typeLetters: [(Character, KeyspaceEvents)] = [
        ("g", .generic), ("$", .string), ("l", .list), ("s", .set), ("h", .hash), ("z", .sortedSet),
        ("x", .expired), ("e", .evicted), ("t", .stream), ("d", .module), ("n", .newKey),
    ]

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    init(parsing text: String) throws(ConfigValueError) {
        var events: KeyspaceEvents = []
        for letter in text {
            switch letter {
            case "A": events.formUnion(.all)
            case "K": events.insert(.keyspace)
            case "E": events.insert(.keyevent)
            case "m": events.insert(.keyMiss)
            default:
                guard let match = Self.typeLetters.first(where: { $0.0 == letter }) else {
                    throw ConfigValueError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")
                }
                events.insert(match.1)
            }
        }
        self = events
    }

    /// The classes `text` names, or nil when it has an unknown letter.
    public static func parse(_ text: String) -> KeyspaceEvents? { try? KeyspaceEvents(parsing: text) }

    /// CONFIG GET form: `A` when every class of `A` is set (then `n` is not shown, as in
    /// Redis), else the type letters in order; then `K`, `E`, `m`.
    public var rendered: String {
        var text = ""
        if isSuperset(of: .all) {
            text = "A"
        } else {
            for (letter, event) in Self.typeLetters where contains(event) { text.append(letter) }
        }
        if contains(.keyspace) { text.append("K") }
        if contains(.keyevent) { text.append("E") }
        if contains(.keyMiss) { text.append("m") }
        return text
    }
}
