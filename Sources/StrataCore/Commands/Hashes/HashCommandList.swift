/// The hash command group: specs as Redis 7.0's COMMAND reports them, wired to the handlers in this folder.
extension Engine {
    static var hashCommands: [CommandSpec] {
        let w: CommandFlags = [.write, .denyOOM, .fast], r: CommandFlags = [.readonly, .fast]
        return [
            hash("hset", -4, w, "2.0.0", "Stores one or more fields of a hash, creating it if needed.",
                 "key field value [field value ...]", HashWriteCommands.hset(replyOK: false)),
            hash("hmset", -4, w, "2.0.0", "Stores one or more fields of a hash (older form of HSET, replies OK).",
                 "key field value [field value ...]", HashWriteCommands.hset(replyOK: true)),
            hash("hsetnx", 4, w, "2.0.0", "Stores a field of a hash only if the field does not exist.",
                 "key field value", HashWriteCommands.hsetnx),
            hash("hget", 3, r, "2.0.0", "Returns the value of a field of a hash.", "key field", HashReadCommands.hget),
            hash("hmget", -3, r, "2.0.0", "Returns the values of several fields of a hash.", "key field [field ...]",
                 HashReadCommands.hmget),
            hash("hdel", -3, [.write, .fast], "2.0.0", "Removes fields from a hash, deleting it when it empties.",
                 "key field [field ...]", HashWriteCommands.hdel),
            hash("hlen", 2, r, "2.0.0", "Returns the number of fields of a hash.", "key", HashReadCommands.hlen),
            hash("hstrlen", 3, r, "3.2.0", "Returns the length of the value of a field of a hash.", "key field",
                 HashReadCommands.hstrlen),
            hash("hexists", 3, r, "2.0.0", "Tells whether a field exists in a hash.", "key field",
                 HashReadCommands.hexists),
            hash("hkeys", 2, [.readonly], "2.0.0", "Returns every field of a hash.", "key", HashReadCommands.list(.fields)),
            hash("hvals", 2, [.readonly], "2.0.0", "Returns every value of a hash.", "key", HashReadCommands.list(.values)),
            hash("hgetall", 2, [.readonly], "2.0.0", "Returns every field and value of a hash.", "key",
                 HashReadCommands.list(.pairs)),
            hash("hincrby", 4, w, "2.0.0", "Adds an integer to the integer in a field of a hash.",
                 "key field increment", HashIncrementCommands.hincrby),
            hash("hincrbyfloat", 4, w, "2.6.0", "Adds a floating-point number to the number in a field of a hash.",
                 "key field increment", HashIncrementCommands.hincrbyfloat),
            hash("hrandfield", -2, [.readonly], "6.2.0", "Returns one or more random fields of a hash.",
                 "key [count [WITHVALUES]]", HashRandomField.hrandfield),
            hash("hscan", -3, [.readonly], "2.8.0", "Iterates over the fields and values of a hash a few at a time.",
                 "key cursor [MATCH pattern] [COUNT count]", CollectionScan.hscan),
        ]
    }

    private static func hash(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                             _ syntax: String, _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: (1, 1, 1), group: "hash", since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
