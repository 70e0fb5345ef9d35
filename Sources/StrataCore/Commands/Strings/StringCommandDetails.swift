/// Key specs and tips of the string and bitmap commands, as Redis 7.0 declares them.
extension Engine {
    static var stringCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        let counter = CommandDetails.keys(.key(1, .rwAccessUpdate))
        return [
            "get": read, "getrange": read, "substr": read, "getbit": read, "bitcount": read, "bitpos": read,
            "bitfield_ro": read,
            "strlen": .keys(.key(1, .ro)),
            "lcs": .keys(.keys(1, through: 1, .roAccess)),
            "mget": CommandDetails(keys: [.keys(1, through: -1, .roAccess)], tips: [CommandTip.multiShard]),
            "set": CommandDetails(keys: [.key(1, [.rw, .access, .update, .variableFlags],
                                              notes: "RW and ACCESS due to the optional `GET` argument")],
                                  keyFinder: .set),
            "setnx": .keys(.key(1, [.ow, .insert])),
            "setex": .keys(.key(1, .owUpdate)),
            "psetex": .keys(.key(1, .owUpdate)),
            "getset": counter,
            "getdel": .keys(.key(1, .rwAccessDelete)),
            "getex": .keys(.key(1, .rwAccessUpdate, notes: "RW and UPDATE because it changes the TTL")),
            "mset": CommandDetails(keys: [.keys(1, through: -1, step: 2, .owUpdate)],
                                   tips: [CommandTip.multiShard, CommandTip.allSucceeded]),
            "msetnx": CommandDetails(keys: [.keys(1, through: -1, step: 2, [.ow, .insert])],
                                     tips: [CommandTip.multiShard, "response_policy:agg_min"]),
            "append": .keys(.key(1, .rwInsert)),
            "incr": counter, "decr": counter, "incrby": counter, "decrby": counter, "incrbyfloat": counter,
            "setrange": .keys(.key(1, .rwUpdate)),
            "setbit": counter,
            "bitop": .keys(.key(2, .owUpdate), .keys(3, through: -1, .roAccess)),
            "bitfield": CommandDetails(keys: [.key(1, [.rw, .access, .update, .variableFlags],
                                                   notes: "This command allows both access and modification of the key")],
                                       keyFinder: .bitfield),
        ]
    }
}
