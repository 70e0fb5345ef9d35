/// Key specs and tips of the set commands, as Redis 7.0 declares them.
extension Engine {
    static var setCommandDetails: [String: CommandDetails] {
        let algebra = CommandDetails(keys: [.keys(1, through: -1, .roAccess)], tips: [CommandTip.unordered])
        let random = CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic])
        let store = CommandDetails.keys(.key(1, .owUpdate), .keys(2, through: -1, .roAccess))
        return [
            "sadd": .keys(.key(1, .rwInsert)),
            "srem": .keys(.key(1, .rwDelete)),
            "scard": .keys(.key(1, .ro)), "sismember": .keys(.key(1, .ro)),
            "smembers": CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.unordered]),
            "smismember": .keys(.key(1, .roAccess)),
            "srandmember": random, "sscan": random,
            "spop": CommandDetails(keys: [.key(1, .rwAccessDelete)], tips: [CommandTip.nondeterministic]),
            "smove": .keys(.key(1, .rwAccessDelete), .key(2, .rwInsert)),
            "sinter": algebra, "sunion": algebra, "sdiff": algebra,
            "sinterstore": .keys(.key(1, .rwUpdate), .keys(2, through: -1, .roAccess)),
            "sunionstore": store, "sdiffstore": store,
            "sintercard": .counted(at: 1, .roAccess),
        ]
    }
}
