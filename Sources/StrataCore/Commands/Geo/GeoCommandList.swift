/// The geo command group as COMMAND reports it.
extension Engine {
    static var geoCommands: [CommandSpec] {
        let w: CommandFlags = [.write, .denyOOM], ro: CommandFlags = [.readonly]
        let unit = "<M | KM | FT | MI>"
        let options = "[WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]"
        let store = "[STORE key] [STOREDIST key]"
        let from = "<FROMMEMBER member | FROMLONLAT longitude latitude>"
        let by = "<BYRADIUS radius \(unit) | BYBOX width height \(unit)>"
        return [
            geo("geoadd", -5, w, "3.2.0", "Adds points to a geo set, or moves them.",
                "key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]", GeoCommands.geoadd),
            geo("geopos", -2, ro, "3.2.0", "Returns the coordinates of members of a geo set.", "key member [member ...]",
                GeoCommands.geopos),
            geo("geodist", -4, ro, "3.2.0", "Returns the distance between two members of a geo set.",
                "key member1 member2 [M | KM | FT | MI]", GeoCommands.geodist),
            geo("geohash", -2, ro, "3.2.0", "Returns the standard geohash strings of members of a geo set.",
                "key member [member ...]", GeoCommands.geohash),
            geo("geosearch", -7, ro, "6.2.0", "Finds the members of a geo set inside a circle or a box.",
                "key \(from) \(by) [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]",
                GeoSearchCommand.handler(.search)),
            geo("geosearchstore", -8, w, "6.2.0", "Stores the members of a geo set inside a circle or a box.",
                "destination source \(from) \(by) [ASC | DESC] [COUNT count [ANY]] [STOREDIST]",
                GeoSearchCommand.handler(.searchStore), keys: (1, 2, 1)),
            geo("georadius", -6, [.write, .denyOOM, .movableKeys], "3.2.0",
                "Finds the members of a geo set within a radius of a point, optionally storing them.",
                "key longitude latitude radius \(unit) \(options) \(store)", GeoSearchCommand.handler(.radius(readOnly: false))),
            geo("georadiusbymember", -5, [.write, .denyOOM, .movableKeys], "3.2.0",
                "Finds the members of a geo set within a radius of a member, optionally storing them.",
                "key member radius \(unit) \(options) \(store)", GeoSearchCommand.handler(.radiusByMember(readOnly: false))),
            geo("georadius_ro", -6, ro, "3.2.10", "Finds the members of a geo set within a radius of a point.",
                "key longitude latitude radius \(unit) \(options)", GeoSearchCommand.handler(.radius(readOnly: true))),
            geo("georadiusbymember_ro", -5, ro, "3.2.10", "Finds the members of a geo set within a radius of a member.",
                "key member radius \(unit) \(options)", GeoSearchCommand.handler(.radiusByMember(readOnly: true))),
        ]
    }

    private static func geo(_ name: String, _ arity: Int, _ flags: CommandFlags, _ since: String, _ summary: String,
                            _ syntax: String, _ handler: @escaping CommandHandler, keys: (Int, Int, Int) = (1, 1, 1))
        -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, keys: keys, group: "geo", since: since, summary: summary,
                    syntax: syntax, handler: handler)
    }
}
