/// Key specs of the geo commands, as Redis 7.0 declares them.
extension Engine {
    static var geoCommandDetails: [String: CommandDetails] {
        let read = CommandDetails.keys(.key(1, .roAccess))
        /// GEORADIUS and GEORADIUSBYMEMBER: the source, then optional STORE / STOREDIST destinations found among
        /// the options from argument `options` on.
        func radius(options: Int) -> CommandDetails {
            .keys(.key(1, .roAccess), .key(after: "STORE", from: options, .owUpdate),
                  .key(after: "STOREDIST", from: options, .owUpdate))
        }
        return [
            "geoadd": .keys(.key(1, .rwUpdate)),
            "geodist": read, "geohash": read, "geopos": read, "georadius_ro": read, "georadiusbymember_ro": read,
            "geosearch": read,
            "georadius": radius(options: 6), "georadiusbymember": radius(options: 5),
            "geosearchstore": .keys(.key(1, .owUpdate), .key(2, .roAccess)),
        ]
    }
}
