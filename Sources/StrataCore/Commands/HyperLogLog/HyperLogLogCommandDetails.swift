/// Key specs of the HyperLogLog commands, as Redis 7.0 declares them.
extension Engine {
    static var hyperLogLogCommandDetails: [String: CommandDetails] {
        [
            "pfadd": .keys(.key(1, .rwInsert)),
            "pfcount": .keys(.keys(1, through: -1, [.rw, .access], notes:
                "RW because it may change the internal representation of the key, and propagate to replicas")),
            "pfmerge": .keys(.key(1, [.rw, .access, .insert]), .keys(2, through: -1, .roAccess)),
            "pfdebug": .keys(.key(2, [.rw, .access])),
        ]
    }
}
