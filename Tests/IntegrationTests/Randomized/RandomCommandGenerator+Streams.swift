/// Stream commands with explicit IDs only (an auto-generated ID is the server's clock).
/// `streamClock` keeps growing so that most XADDs append; smaller IDs exercise the errors.
/// Consumer-group replies that carry idle times are compared without them.
extension RandomCommandGenerator {
    mutating func streamCommand() -> RandomStep {
        oneOf([
            (14, { g in g.xadd() }),
            (3, { g in RandomStep(["XLEN", g.key()]) }),
            (5, { g in RandomStep(["XRANGE", g.key(), g.rangeID(), g.rangeID()] + g.streamCount()) }),
            (3, { g in RandomStep(["XREVRANGE", g.key(), g.rangeID(), g.rangeID()] + g.streamCount()) }),
            (3, { g in RandomStep(["XDEL", g.key()] + (0..<g.rng.int(1...3)).map { _ in g.existingID() }) }),
            (3, { g in RandomStep(["XTRIM", g.key()] + g.trimStrategy()) }),
            (4, { g in g.xread() }),
            (4, { g in
                RandomStep(["XGROUP", "CREATE", g.key(), g.group(), g.rng.chance(20) ? "$" : g.existingID()]
                           + (g.rng.chance(40) ? ["MKSTREAM"] : []) + g.entriesRead())
            }),
            (1, { g in
                RandomStep(["XGROUP", "SETID", g.key(), g.group(), g.rng.chance(20) ? "$" : g.existingID()] + g.entriesRead())
            }),
            (1, { g in RandomStep(["XGROUP", "DESTROY", g.key(), g.group()]) }),
            (1, { g in RandomStep(["XGROUP", g.rng.pick(["CREATECONSUMER", "DELCONSUMER"]), g.key(), g.group(), g.consumer()]) }),
            (5, { g in g.xreadgroup() }),
            (3, { g in RandomStep(["XACK", g.key(), g.group()] + (0..<g.rng.int(1...3)).map { _ in g.existingID() }) }),
            (3, { g in g.xpending() }),
            (2, { g in g.xclaim() }),
            (2, { g in
                RandomStep(["XAUTOCLAIM", g.key(), g.group(), g.consumer(), g.minIdle(), g.rangeID()] + g.streamCount()
                           + (g.rng.chance(30) ? ["JUSTID"] : []))
            }),
            (2, { g in RandomStep(["XINFO", "STREAM", g.key()], .projected("without radix tree", RandomizedProjection.streamInfo)) }),
            (2, { g in RandomStep(["XINFO", "GROUPS", g.key()]) }),
            (1, { g in
                RandomStep(["XINFO", "CONSUMERS", g.key(), g.group()], .projected("names and pending", RandomizedProjection.consumers))
            }),
            (1, { g in
                var words = ["XSETID", g.key(), g.existingID()]
                if g.rng.chance(30) { words += ["ENTRIESADDED", g.integer(0...30)] }
                if g.rng.chance(30) { words += ["MAXDELETEDID", g.existingID()] }
                return RandomStep(words)
            }),
        ])
    }

    mutating func group() -> String { rng.pick(["g1", "g2"]) }

    mutating func consumer() -> String { rng.pick(["c1", "c2", "c3"]) }

    /// An ID for XADD: usually past the current top of every stream, sometimes with an
    /// automatic sequence, sometimes too small or malformed.
    private mutating func newID() -> String {
        streamClock += rng.int(0...2)
        switch rng.int(1...20) {
        case 1: return rng.pick(["0-0", "0-1", "1-1", "1"])
        case 2: return rng.pick(["abc", "1-x", "-1", "18446744073709551615-18446744073709551615"])
        case 3, 4: return "\(streamClock)-*"
        default: return "\(streamClock)-\(rng.int(0...3))"
        }
    }

    /// An ID at or below the stream clock, for lookups, deletions and group positions.
    mutating func existingID() -> String {
        switch rng.int(1...15) {
        case 1: return rng.pick(["0", "0-0", "abc"])
        default: return "\(rng.int(0...streamClock))-\(rng.int(0...3))"
        }
    }

    /// An XRANGE bound: `-`, `+`, an ID (possibly without sequence) or an exclusive one.
    private mutating func rangeID() -> String {
        switch rng.int(1...8) {
        case 1: return "-"
        case 2: return "+"
        case 3: return "(" + existingID()
        case 4: return String(rng.int(0...streamClock))
        default: return existingID()
        }
    }

    private mutating func streamCount() -> [String] { rng.chance(40) ? ["COUNT", integer(0...4)] : [] }

    private mutating func entriesRead() -> [String] { rng.chance(15) ? ["ENTRIESREAD", integer(0...10)] : [] }

    private mutating func minIdle() -> String { rng.pick(["0", "0", "3600000", "-1", "abc"]) }

    private mutating func xadd() -> RandomStep {
        var words = ["XADD", key()]
        if rng.chance(10) { words.append("NOMKSTREAM") }
        if rng.chance(15) { words += trimStrategy() }
        words.append(newID())
        words += (0..<rng.int(1...3)).flatMap { _ in [rng.pick(["f", "g", "h", "n"]), value()] }
        if rng.chance(3) { words.removeLast() }
        return RandomStep(words)
    }

    /// `MAXLEN|MINID [=|~] threshold [LIMIT n]` (LIMIT is valid only with `~`).
    private mutating func trimStrategy() -> [String] {
        let minID = rng.chance(40)
        var words = [minID ? "MINID" : "MAXLEN"]
        let approximate = rng.chance(15)
        if approximate { words.append("~") } else if rng.chance(30) { words.append("=") }
        words.append(minID ? existingID() : integer(0...8))
        if rng.chance(approximate ? 40 : 5) { words += ["LIMIT", integer(0...200)] }
        return words
    }

    private mutating func xread() -> RandomStep {
        let keys = (0..<rng.int(1...2)).map { _ in key() }
        let ids = keys.map { _ in rng.chance(10) ? "$" : existingID() }
        var words = ["XREAD"] + streamCount() + ["STREAMS"] + keys + ids
        if rng.chance(5) { words.removeLast() }
        return RandomStep(words)
    }

    private mutating func xreadgroup() -> RandomStep {
        let keys = (0..<rng.int(1...2)).map { _ in key() }
        let ids = keys.map { _ in rng.chance(70) ? ">" : existingID() }
        var words = ["XREADGROUP", "GROUP", group(), consumer()] + streamCount()
        if rng.chance(15) { words.append("NOACK") }
        return RandomStep(words + ["STREAMS"] + keys + ids)
    }

    private mutating func xpending() -> RandomStep {
        var words = ["XPENDING", key(), group()]
        if rng.chance(60) {
            if rng.chance(25) { words += ["IDLE", minIdle()] }
            words += [rangeID(), rangeID(), integer(0...5)]
            if rng.chance(30) { words.append(consumer()) }
        }
        return RandomStep(words, .projected("without idle times", RandomizedProjection.pending))
    }

    private mutating func xclaim() -> RandomStep {
        var words = ["XCLAIM", key(), group(), consumer(), minIdle()] + (0..<rng.int(1...3)).map { _ in existingID() }
        if rng.chance(20) { words += ["IDLE", rng.pick(["7200000", "0", "-5"])] }
        if rng.chance(15) { words += ["RETRYCOUNT", integer(0...5)] }
        if rng.chance(15) { words.append("FORCE") }
        if rng.chance(30) { words.append("JUSTID") }
        if rng.chance(10) { words += ["LASTID", existingID()] }
        return RandomStep(words)
    }
}
