/// Key specs and tips of the stream commands, as Redis 7.0 declares them.
extension Engine {
    static var streamCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        return [
            "xrange": read, "xrevrange": read,
            "xpending": CommandDetails(keys: [.key(1, .roAccess)], tips: [CommandTip.nondeterministic]),
            "xlen": .keys(.key(1, .ro)),
            "xadd": CommandDetails(keys: [.key(1, .rwUpdate, notes:
                                        "UPDATE instead of INSERT because of the optional trimming feature")],
                                   tips: [CommandTip.nondeterministic]),
            "xack": .keys(.key(1, .rwUpdate)), "xsetid": .keys(.key(1, .rwUpdate)),
            "xclaim": CommandDetails(keys: [.key(1, .rwUpdate)], tips: [CommandTip.nondeterministic]),
            "xautoclaim": CommandDetails(keys: [.key(1, .rwDelete)], tips: [CommandTip.nondeterministic]),
            "xtrim": CommandDetails(keys: [.key(1, .rwDelete)], tips: [CommandTip.nondeterministic]),
            "xdel": .keys(.key(1, .rwDelete)),
            "xread": CommandDetails(keys: [.streams(from: 1, .roAccess)], keyFinder: .streams),
            "xreadgroup": CommandDetails(keys: [.streams(from: 4, .roAccess)], keyFinder: .streams),
            "xgroup|create": .keys(.key(2, .rwInsert)), "xgroup|createconsumer": .keys(.key(2, .rwInsert)),
            "xgroup|delconsumer": .keys(.key(2, .rwDelete)), "xgroup|destroy": .keys(.key(2, .rwDelete)),
            "xgroup|setid": .keys(.key(2, .rwUpdate)),
            "xinfo|stream": .keys(.key(2, .roAccess)), "xinfo|groups": .keys(.key(2, .roAccess)),
            "xinfo|consumers": CommandDetails(keys: [.key(2, .roAccess)], tips: [CommandTip.nondeterministic]),
        ]
    }
}
