/// Key specs and tips of the sorted-set commands, as Redis 7.0 declares them.
extension Engine {
    static var sortedSetCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        let random = CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic])
        let pop = CommandDetails.keys(.key(1, .rwAccessDelete))
        let blockingPop = CommandDetails.keys(.keys(1, through: -2, .rwAccessDelete))
        let remove = CommandDetails.keys(.key(1, .rwDelete))
        let combine = CommandDetails.counted(at: 1, .roAccess)
        let combineStore = CommandDetails.counted(at: 2, .roAccess, destination: 1)
        return [
            "zcount": read, "zlexcount": read, "zmscore": read, "zscore": read, "zrank": read, "zrevrank": read,
            "zrange": read, "zrangebylex": read, "zrangebyscore": read, "zrevrange": read, "zrevrangebylex": read,
            "zrevrangebyscore": read,
            "zcard": .keys(.key(1, .ro)),
            "zrandmember": random, "zscan": random,
            "zadd": .keys(.key(1, .rwUpdate)),
            "zincrby": .keys(.key(1, .rwAccessUpdate)),
            "zrem": remove, "zremrangebylex": remove, "zremrangebyrank": remove, "zremrangebyscore": remove,
            "zpopmin": pop, "zpopmax": pop,
            "bzpopmin": blockingPop, "bzpopmax": blockingPop,
            "zmpop": .counted(at: 1, .rwAccessDelete), "bzmpop": .counted(at: 2, .rwAccessDelete),
            "zunion": combine, "zinter": combine, "zdiff": combine, "zintercard": combine,
            "zunionstore": combineStore, "zinterstore": combineStore, "zdiffstore": combineStore,
            "zrangestore": .keys(.key(1, .owUpdate), .key(2, .roAccess)),
        ]
    }
}
