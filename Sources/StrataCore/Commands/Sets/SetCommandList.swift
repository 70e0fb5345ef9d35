/// The set command group: specs as Redis 7.0's COMMAND reports them, wired to the handlers in this folder.
extension Engine {
    static var setCommands: [CommandSpec] {
        let r: CommandFlags = [.readonly, .fast]
        return [
            set("sadd", -3, [.write, .denyOOM, .fast], "1.0.0", "Adds members to a set, creating it if needed.",
                "key member [member ...]", SetMemberCommands.sadd),
            set("srem", -3, [.write, .fast], "1.0.0", "Removes members from a set, deleting it when it empties.",
                "key member [member ...]", SetMemberCommands.srem),
            set("smove", 4, [.write, .fast], "1.0.0", "Moves a member from one set to another.",
                "source destination member", SetMemberCommands.smove, keys: (1, 2, 1)),
            set("sismember", 3, r, "1.0.0", "Tells whether a value is a member of a set.", "key member",
                SetMemberCommands.sismember),
            set("smismember", -3, r, "6.2.0", "Tells for each of several values whether it is a member of a set.",
                "key member [member ...]", SetMemberCommands.smismember),
            set("scard", 2, r, "1.0.0", "Returns the number of members of a set.", "key", SetMemberCommands.scard),
            set("smembers", 2, [.readonly], "1.0.0", "Returns every member of a set.", "key", SetAlgebra.smembers),
            set("spop", -2, [.write, .fast], "1.0.0", "Removes and returns one or more random members of a set.",
                "key [count]", SetRandomCommands.spop),
            set("srandmember", -2, [.readonly], "1.0.0", "Returns one or more random members of a set.",
                "key [count]", SetRandomCommands.srandmember),
            set("sinter", -2, [.readonly], "1.0.0", "Returns the members common to every given set.",
                "key [key ...]", SetAlgebra.combine(.intersection), keys: (1, -1, 1)),
            set("sintercard", -3, [.readonly, .movableKeys], "7.0.0",
                "Counts the members common to every given set, optionally stopping at a limit.",
                "numkeys key [key ...] [LIMIT limit]", SetAlgebra.sintercard, keys: (0, 0, 0)),
            set("sunion", -2, [.readonly], "1.0.0", "Returns the members of any of the given sets.",
                "key [key ...]", SetAlgebra.combine(.union), keys: (1, -1, 1)),
            set("sdiff", -2, [.readonly], "1.0.0", "Returns the members of the first set that no other set has.",
                "key [key ...]", SetAlgebra.combine(.difference), keys: (1, -1, 1)),
            set("sinterstore", -3, [.write, .denyOOM], "1.0.0", "Stores the intersection of sets at a key.",
                "destination key [key ...]", SetAlgebra.store(.intersection), keys: (1, -1, 1)),
            set("sunionstore", -3, [.write, .denyOOM], "1.0.0", "Stores the union of sets at a key.",
                "destination key [key ...]", SetAlgebra.store(.union), keys: (1, -1, 1)),
            set("sdiffstore", -3, [.write, .denyOOM], "1.0.0", "Stores the difference of sets at a key.",
                "destination key [key ...]", SetAlgebra.store(.difference), keys: (1, -1, 1)),
            set("sscan", -3, [.readonly], "2.8.0", "Iterates over the members of a set a few at a time.",
                "key cursor [MATCH pattern] [COUNT count]", CollectionScan.sscan),
        ]
    }

    private static func set(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                            _ syntax: String, _ handler: @escaping CommandHandler, keys: (Int, Int, Int) = (1, 1, 1))
        -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: keys, group: "set", since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
