/// The list command group: the specs as Redis 7.0's COMMAND reports them, wired to the handlers in this folder.
extension Engine {
    static var listCommands: [CommandSpec] {
        let w: CommandFlags = [.write, .denyOOM], wf: CommandFlags = [.write, .denyOOM, .fast]
        let blocking: CommandFlags = [.write, .noScript, .blocking]
        let position = "<LEFT | RIGHT>"
        return [
            list("lpush", -3, wf, "1.0.0", "Prepends elements to a list, creating it if needed.", "key element [element ...]",
                 ListPushCommands.push(.head, onlyExisting: false)),
            list("rpush", -3, wf, "1.0.0", "Appends elements to a list, creating it if needed.", "key element [element ...]",
                 ListPushCommands.push(.tail, onlyExisting: false)),
            list("lpushx", -3, wf, "2.2.0", "Prepends elements to a list only if it exists.", "key element [element ...]",
                 ListPushCommands.push(.head, onlyExisting: true)),
            list("rpushx", -3, wf, "2.2.0", "Appends elements to a list only if it exists.", "key element [element ...]",
                 ListPushCommands.push(.tail, onlyExisting: true)),
            list("linsert", 5, w, "2.2.0", "Inserts an element before or after the first occurrence of a pivot.",
                 "key <BEFORE | AFTER> pivot element", ListPushCommands.linsert),
            list("lpop", -2, [.write, .fast], "1.0.0", "Removes and returns elements from the head of a list.",
                 "key [count]", ListPopCommands.pop(.head)),
            list("rpop", -2, [.write, .fast], "1.0.0", "Removes and returns elements from the tail of a list.",
                 "key [count]", ListPopCommands.pop(.tail)),
            list("lmpop", -4, [.write, .movableKeys], "7.0.0", "Pops elements from the first non-empty list of several.",
                 "numkeys key [key ...] \(position) [COUNT count]", ListPopCommands.lmpop, keys: (0, 0, 0)),
            list("llen", 2, [.readonly, .fast], "1.0.0", "Returns the length of a list.", "key", ListReadCommands.llen),
            list("lrange", 4, [.readonly], "1.0.0", "Returns a range of a list's elements.", "key start stop",
                 ListReadCommands.lrange),
            list("lindex", 3, [.readonly], "1.0.0", "Returns the element at a position of a list.", "key index",
                 ListReadCommands.lindex),
            list("lpos", -3, [.readonly], "6.0.6", "Finds the positions of an element in a list.",
                 "key element [RANK rank] [COUNT num-matches] [MAXLEN len]", ListReadCommands.lpos),
            list("lset", 4, w, "1.0.0", "Replaces the element at a position of a list.", "key index element",
                 ListEditCommands.lset),
            list("lrem", 4, [.write], "1.0.0", "Removes occurrences of an element from a list.", "key count element",
                 ListEditCommands.lrem),
            list("ltrim", 4, [.write], "1.0.0", "Keeps only a range of a list's elements.", "key start stop",
                 ListEditCommands.ltrim),
            list("lmove", 5, w, "6.2.0", "Moves an element from one end of a list to an end of another.",
                 "source destination \(position) \(position)", ListMoveCommands.lmove, keys: (1, 2, 1)),
            list("rpoplpush", 3, w, "1.2.0", "Moves the last element of a list to the head of another.",
                 "source destination", ListMoveCommands.rpoplpush, keys: (1, 2, 1)),
            list("blpop", -3, blocking, "2.0.0", "Removes the first element of the first non-empty list, waiting for one.",
                 "key [key ...] timeout", BlockingListCommands.bpop(.head), keys: (1, -2, 1)),
            list("brpop", -3, blocking, "2.0.0", "Removes the last element of the first non-empty list, waiting for one.",
                 "key [key ...] timeout", BlockingListCommands.bpop(.tail), keys: (1, -2, 1)),
            list("blmpop", -5, [.write, .blocking, .movableKeys], "7.0.0",
                 "Pops elements from the first non-empty list of several, waiting for one.",
                 "timeout numkeys key [key ...] \(position) [COUNT count]", BlockingListCommands.blmpop, keys: (0, 0, 0)),
            list("blmove", 6, blocking.union(.denyOOM), "6.2.0", "Moves an element between lists, waiting for one.",
                 "source destination \(position) \(position) timeout", BlockingListCommands.blmove, keys: (1, 2, 1)),
            list("brpoplpush", 4, blocking.union(.denyOOM), "2.2.0",
                 "Moves the last element of a list to the head of another, waiting for one.",
                 "source destination timeout", BlockingListCommands.brpoplpush, keys: (1, 2, 1)),
        ]
    }

    private static func list(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                             _ syntax: String, _ handler: @escaping CommandHandler, keys: (Int, Int, Int) = (1, 1, 1)) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: keys, group: "list", since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
