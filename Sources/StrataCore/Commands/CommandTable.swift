/// Case-insensitive, allocation-free command lookup. Commands are bucketed by name length and first letter, then
/// compared byte by byte ignoring ASCII case.
public struct CommandTable {
    public let all: [CommandSpec]
    private var buckets: [[Int]]

    public init(_ commands: [CommandSpec]) {
        all = commands.sorted { $0.name < $1.name }
        buckets = Array(repeating: [], count: 64 * 32)
        for (i, c) in all.enumerated() {
            let utf8 = Array(c.name.utf8)
            buckets[CommandTable.bucket(count: utf8.count, first: utf8[0])].append(i)
        }
    }

    @inline(__always) private static func bucket(count: Int, first: UInt8) -> Int {
        (count & 63) * 32 + Int(first | 0x20) & 31
    }

    public func lookup(_ name: Bytes) -> CommandSpec? {
        guard let first = name.first else { return nil }
        for i in buckets[CommandTable.bucket(count: name.count, first: first)] where CommandTable.same(name, all[i].name) {
            return all[i]
        }
        return nil
    }

    /// A subcommand of `parent` by its own name.
    public static func subcommand(of parent: CommandSpec, _ name: Bytes) -> CommandSpec? {
        parent.subcommands.first { same(name, String($0.shortName)) }
    }

    private static func same(_ a: Bytes, _ b: String) -> Bool {
        var i = 0
        for c in b.utf8 {
            guard i < a.count else { return false }
            var x = a[i]
            if x >= 65 && x <= 90 { x |= 0x20 }
            if x != c { return false }
            i += 1
        }
        return i == a.count
    }
}
