/// Key specs and tips of the hash commands, as Redis 7.0 declares them.
extension Engine {
    static var hashCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        let readUnordered = CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.unordered])
        let readRandom = CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic])
        let probe = CommandDetails.keys(.key(1, .ro))
        let increment = CommandDetails.keys(.key(1, .rwAccessUpdate))
        return [
            "hget": read, "hmget": read,
            "hgetall": readUnordered, "hkeys": readUnordered, "hvals": readUnordered,
            "hrandfield": readRandom, "hscan": readRandom,
            "hexists": probe, "hlen": probe, "hstrlen": probe,
            "hset": .keys(.key(1, .rwUpdate)), "hmset": .keys(.key(1, .rwUpdate)),
            "hsetnx": .keys(.key(1, .rwInsert)),
            "hdel": .keys(.key(1, .rwDelete)),
            "hincrby": increment, "hincrbyfloat": increment,
        ]
    }
}
