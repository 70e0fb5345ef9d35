/// Key specs of the pub/sub commands, as Redis 7.0 declares them: shard channels sit where keys would (cluster
/// clients route them by slot) but are marked as not keys.
extension Engine {
    static var pubSubCommandDetails: [String: CommandDetails] {
        [
            "spublish": .keys(.key(1, .notKey)),
            "ssubscribe": .keys(.keys(1, through: -1, .notKey)),
            "sunsubscribe": .keys(.keys(1, through: -1, .notKey)),
        ]
    }
}
