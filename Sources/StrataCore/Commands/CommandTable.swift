/// Case-insensitive, allocation-free command lookup. Commands are bucketed by name length and first letter, then
/// compared byte by byte ignoring ASCII case.
public struct CommandTable {
    public let all: [CommandSpec]
    /// Per bucket: the lower-case name bytes and the command.
    private var buckets: [[(name: Bytes, spec: CommandSpec)]]

    public init(_ commands: [CommandSpec]) {
        all = commands.sorted { $0.name < $1.name }
        buckets = Array(repeating: [], count: 64 * 32)
        for c in all {
            let utf8 = Array(c.name.utf8)
            buckets[CommandTable.bucket(count: utf8.count, first: utf8[0])].append((utf8, c))
        }
    }

    @inline(__always) private static func bucket(count: Int, first: UInt8) -> Int {
        (count & 63) * 32 + Int(first | 0x20) & 31
    }

    public func lookup(_ name: Bytes) -> CommandSpec? {
        guard let first = name.first else { return nil }
        for candidate in buckets[CommandTable.bucket(count: name.count, first: first)]
        where CommandTable.sameIgnoringCase(name, candidate.name) {
            return candidate.spec
        }
        return nil
    }

    /// A subcommand of `parent` by its own name.
    public static func subcommand(of parent: CommandSpec, _ name: Bytes) -> CommandSpec? {
        parent.subcommands.first { sameIgnoringCase(name, Array($0.shortName.utf8)) }
    }

    /// `a` equals the lower-case `b` when ASCII letters of `a` are folded.
    @inline(__always) private static func sameIgnoringCase(_ a: Bytes, _ b: Bytes) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count {
            var x = a[i]
            if x >= 65 && x <= 90 { x |= 0x20 }
            if x != b[i] { return false }
        }
        return true
    }
}
