/// The string and bitmap command groups: their specs as COMMAND reports them, wired to the handlers in this
/// folder.
extension Engine {
    static var stringCommands: [CommandSpec] {
        let w: CommandFlags = [.write, .denyOOM], wf: CommandFlags = [.write, .denyOOM, .fast]
        let expiry = "EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds"
        return [
            string("get", 2, [.readonly, .fast], "1.0.0", "Returns the string stored at a key.", "key", GetCommands.get),
            string("set", -3, w, "1.0.0", "Stores a string at a key, optionally with an expiry or a condition.",
                   "key value [NX | XX] [GET] [\(expiry) | KEEPTTL]", SetCommands.set),
            string("setnx", 3, wf, "1.0.0", "Stores a string only if the key does not exist.", "key value",
                   SetCommands.setnx),
            string("setex", 4, w, "2.0.0", "Stores a string with a time to live in seconds.", "key seconds value",
                   SetCommands.setWithTTL(.ex)),
            string("psetex", 4, w, "2.6.0", "Stores a string with a time to live in milliseconds.",
                   "key milliseconds value", SetCommands.setWithTTL(.px)),
            string("getset", 3, wf, "1.0.0", "Stores a string and returns the previous one.", "key value",
                   SetCommands.getset),
            string("getdel", 2, [.write, .fast], "6.2.0", "Returns the string at a key and deletes the key.", "key",
                   GetCommands.getdel),
            string("getex", -2, [.write, .fast], "6.2.0", "Returns the string at a key and changes its expiry.",
                   "key [\(expiry) | PERSIST]", GetCommands.getex),
            string("mget", -2, [.readonly, .fast], "1.0.0", "Returns the strings stored at several keys.",
                   "key [key ...]", MultiKeyCommands.mget, keys: (1, -1, 1)),
            string("mset", -3, w, "1.0.1", "Stores several strings at once.", "key value [key value ...]",
                   MultiKeyCommands.mset, keys: (1, -1, 2)),
            string("msetnx", -3, w, "1.0.1", "Stores several strings only if none of the keys exists.",
                   "key value [key value ...]", MultiKeyCommands.msetnx, keys: (1, -1, 2)),
            string("append", 3, wf, "2.0.0", "Appends to the string at a key, creating it if needed.", "key value",
                   RangeCommands.append),
            string("strlen", 2, [.readonly, .fast], "2.2.0", "Returns the length of the string at a key.", "key",
                   RangeCommands.strlen),
            string("incr", 2, wf, "1.0.0", "Adds one to the integer at a key.", "key", IncrementCommands.step(1)),
            string("decr", 2, wf, "1.0.0", "Subtracts one from the integer at a key.", "key", IncrementCommands.step(-1)),
            string("incrby", 3, wf, "1.0.0", "Adds an integer to the integer at a key.", "key increment",
                   IncrementCommands.incrby),
            string("decrby", 3, wf, "1.0.0", "Subtracts an integer from the integer at a key.", "key decrement",
                   IncrementCommands.decrby),
            string("incrbyfloat", 3, wf, "2.6.0", "Adds a floating-point number to the number at a key.",
                   "key increment", IncrementCommands.incrbyfloat),
            string("getrange", 4, [.readonly], "2.4.0", "Returns a byte range of the string at a key.", "key start end",
                   RangeCommands.getrange),
            string("substr", 4, [.readonly], "1.0.0", "Returns a byte range of the string at a key (old name of GETRANGE).",
                   "key start end", RangeCommands.getrange),
            string("setrange", 4, w, "2.2.0", "Overwrites part of the string at a key, padding with zero bytes.",
                   "key offset value", RangeCommands.setrange),
            string("lcs", -3, [.readonly], "7.0.0", "Finds the longest common subsequence of two strings.",
                   "key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]", LCSCommand.lcs, keys: (1, 2, 1)),
            string("setbit", 4, w, "2.2.0", "Sets or clears one bit of the string at a key.", "key offset value",
                   BitCommands.setbit, group: "bitmap"),
            string("getbit", 3, [.readonly, .fast], "2.2.0", "Returns one bit of the string at a key.", "key offset",
                   BitCommands.getbit, group: "bitmap"),
            string("bitcount", -2, [.readonly], "2.6.0", "Counts the set bits of the string at a key.",
                   "key [start end [BYTE | BIT]]", BitCommands.bitcount, group: "bitmap"),
            string("bitpos", -3, [.readonly], "2.8.7", "Finds the first set or clear bit of the string at a key.",
                   "key bit [start [end [BYTE | BIT]]]", BitCommands.bitpos, group: "bitmap"),
            string("bitop", -4, w, "2.6.0", "Combines strings bitwise and stores the result.",
                   "operation destkey key [key ...]", BitCommands.bitop, keys: (2, -1, 1), group: "bitmap"),
            string("bitfield", -2, w, "3.2.0", "Reads and writes integer fields of arbitrary width inside a string.",
                   "key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | "
                       + "[OVERFLOW WRAP | SAT | FAIL] INCRBY encoding offset increment ...]",
                   BitfieldCommand.bitfield(readOnlyCommand: false), group: "bitmap"),
            string("bitfield_ro", -2, [.readonly, .fast], "6.0.0", "Reads integer fields of arbitrary width inside a string.",
                   "key [GET encoding offset [GET encoding offset ...]]", BitfieldCommand.bitfield(readOnlyCommand: true), group: "bitmap"),
        ]
    }

    private static func string(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                               _ syntax: String, _ handler: @escaping CommandHandler, keys: (Int, Int, Int) = (1, 1, 1),
                               group: String = "string") -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: keys, group: group, since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
