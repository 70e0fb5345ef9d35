/// Key specs of the list commands, as Redis 7.0 declares them.
extension Engine {
    static var listCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        let push = CommandDetails.keys(.key(1, .rwInsert))
        let pop = CommandDetails.keys(.key(1, .rwAccessDelete))
        let blockingPop = CommandDetails.keys(.keys(1, through: -2, .rwAccessDelete))
        let move = CommandDetails.keys(.key(1, .rwAccessDelete), .key(2, .rwInsert))
        return [
            "lindex": read, "lrange": read, "lpos": read,
            "llen": .keys(.key(1, .ro)),
            "lpush": push, "rpush": push, "lpushx": push, "rpushx": push, "linsert": push,
            "lpop": pop, "rpop": pop,
            "blpop": blockingPop, "brpop": blockingPop,
            "lmove": move, "blmove": move, "rpoplpush": move, "brpoplpush": move,
            "lmpop": .counted(at: 1, .rwAccessDelete), "blmpop": .counted(at: 2, .rwAccessDelete),
            "lrem": .keys(.key(1, .rwDelete)), "ltrim": .keys(.key(1, .rwDelete)),
            "lset": .keys(.key(1, .rwUpdate)),
        ]
    }
}
