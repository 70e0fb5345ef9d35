/// The stream command group: specs as Redis 7.0's COMMAND reports them, wired to the handlers in this folder.
extension Engine {
    static var streamCommands: [CommandSpec] {
        [
            stream("xadd", -5, [.write, .denyOOM, .fast], "5.0.0",
                   "Appends an entry to a stream, optionally trimming it.",
                   "key [NOMKSTREAM] [MAXLEN | MINID [= | ~] threshold [LIMIT count]] * | id field value "
                       + "[field value ...]", StreamAddTrimCommands.xadd),
            stream("xtrim", -4, [.write], "5.0.0", "Removes the oldest entries of a stream.",
                   "key MAXLEN | MINID [= | ~] threshold [LIMIT count]", StreamAddTrimCommands.xtrim),
            stream("xdel", -3, [.write, .fast], "5.0.0", "Deletes entries from a stream by ID.", "key id [id ...]",
                   StreamRangeCommands.xdel),
            stream("xlen", 2, [.readonly, .fast], "5.0.0", "Returns the number of entries in a stream.", "key",
                   StreamRangeCommands.xlen),
            stream("xrange", -4, [.readonly], "5.0.0", "Returns the entries of a stream within a range of IDs.",
                   "key start end [COUNT count]", StreamRangeCommands.range(reverse: false)),
            stream("xrevrange", -4, [.readonly], "5.0.0",
                   "Returns the entries of a stream within a range of IDs, newest first.",
                   "key end start [COUNT count]", StreamRangeCommands.range(reverse: true)),
            stream("xread", -4, [.readonly, .blocking, .movableKeys], "5.0.0",
                   "Reads entries newer than the given IDs from streams, optionally waiting for them.",
                   "[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]",
                   StreamReadCommands.read(group: false), keys: (0, 0, 0)),
            stream("xreadgroup", -7, [.write, .blocking, .movableKeys], "5.0.0",
                   "Reads entries from streams for a consumer of a group, optionally waiting for them.",
                   "GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]",
                   StreamReadCommands.read(group: true), keys: (0, 0, 0)),
            xgroupCommand,
            stream("xack", -4, [.write, .fast], "5.0.0", "Acknowledges entries delivered to a consumer group.",
                   "key group id [id ...]", StreamPendingCommands.xack),
            stream("xpending", -3, [.readonly], "5.0.0", "Inspects the pending entries of a consumer group.",
                   "key group [[IDLE min-idle-time] start end count [consumer]]", StreamPendingCommands.xpending),
            stream("xclaim", -6, [.write, .fast], "5.0.0", "Takes over pending entries of a consumer group.",
                   "key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] "
                       + "[RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]", StreamClaimCommands.xclaim),
            stream("xautoclaim", -6, [.write, .fast], "6.2.0",
                   "Takes over pending entries idle for long enough, scanning from an ID.",
                   "key group consumer min-idle-time start [COUNT count] [JUSTID]", StreamClaimCommands.xautoclaim),
            xinfoCommand,
            stream("xsetid", -3, [.write, .denyOOM, .fast], "5.0.0", "Sets a stream's last ID and counters.",
                   "key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]", StreamSetIDCommand.xsetid),
        ]
    }

    private static func stream(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                               _ syntax: String, _ handler: @escaping CommandHandler,
                               keys: (Int, Int, Int) = (1, 1, 1)) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: keys, group: "stream", since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
