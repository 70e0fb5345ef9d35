/// Key specs, tips and explicit ACL categories of the generic (keyspace) commands, as Redis 7.0 declares them.
extension Engine {
    static var keyCommandDetails: [String: CommandDetails] {
        let multiKeySum = [CommandTip.multiShard, CommandTip.sum]
        let expire = CommandDetails.keys(.key(1, .rwUpdate))
        let ttl = CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic])
        let object = CommandDetails(keys: [.key(2, .ro)], tips: [CommandTip.nondeterministic])
        return [
            "del": CommandDetails(keys: [.keys(1, through: -1, [.rm, .delete])], tips: multiKeySum),
            "unlink": CommandDetails(keys: [.keys(1, through: -1, [.rm, .delete])], tips: multiKeySum),
            "exists": CommandDetails(keys: [.keys(1, through: -1, .ro)], tips: multiKeySum),
            "touch": CommandDetails(keys: [.keys(1, through: -1, .ro)], tips: multiKeySum),
            "type": .keys(.key(1, .ro)),
            "expire": expire, "pexpire": expire, "expireat": expire, "pexpireat": expire, "persist": expire,
            "expiretime": .keys(.key(1, .roAccess)), "pexpiretime": .keys(.key(1, .roAccess)),
            "ttl": ttl, "pttl": ttl,
            "keys": CommandDetails(tips: [CommandTip.allShards, CommandTip.unordered], categories: ["dangerous"]),
            "randomkey": .tips(CommandTip.allShards, CommandTip.nondeterministic),
            "scan": .tips(CommandTip.nondeterministic, "request_policy:special"),
            "rename": .keys(.key(1, .rwAccessDelete), .key(2, .owUpdate)),
            "renamenx": .keys(.key(1, .rwAccessDelete), .key(2, [.ow, .insert])),
            "copy": .keys(.key(1, .roAccess), .key(2, .owUpdate)),
            "move": .keys(.key(1, .rwAccessUpdate)),
            "object|encoding": object, "object|freq": object, "object|idletime": object, "object|refcount": object,
            "dump": CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic]),
            "restore": CommandDetails(keys: [.key(1, .owUpdate)], categories: ["dangerous"]),
            "watch": .keys(.keys(1, through: -1, .ro)),
        ]
    }
}
