import NIOCore
import RESP

/// GEOADD, GEOPOS, GEODIST and GEOHASH: points stored as sorted-set members scored by their 52-bit geohash.
enum GeoCommands {
    /// `key [NX | XX] [CH] longitude latitude member [...]`: ZADD of the members with their geohash scores.
    /// Every coordinate is checked before the key is looked at.
    static func geoadd(_ call: Call, _ out: inout ByteBuffer) {
        var condition = Condition()
        var ch = false
        var first = 2
        while first < call.argc {
            if call.arg(first, is: "nx") {
                condition.nx = true
            } else if call.arg(first, is: "xx") {
                condition.xx = true
            } else if call.arg(first, is: "ch") {
                ch = true
            } else {
                break
            }
            first += 1
        }
        let triples = call.argc - first
        guard triples > 0, triples % 3 == 0, !(condition.nx && condition.xx) else {
            return out.writeErrorReply(ReplyError.syntax)
        }
        var points: [(member: Bytes, score: Double)] = []
        points.reserveCapacity(triples / 3)
        for i in stride(from: first, to: call.argc, by: 3) {
            guard let (lon, lat) = GeoArguments.coordinates(call, i, &out) else { return }
            let hash = GeoHash(longitude: lon, latitude: lat, step: GeoHash.maxStep)!
            points.append((call.args[i + 2], Double(hash.alignedBits)))
        }
        let key = call.args[1]
        let limits = call.engine.settings.encodingLimits
        var added = 0, updated = 0
        switch call.writableSortedSet(key) {
        case .wrongType:
            return out.writeErrorReply(ReplyError.wrongType)
        case .missing:
            guard !condition.xx else { return out.writeIntegerReply(0) }
            var set = SortedSetValue()
            (added, updated) = condition.add(points, to: &set, limits: limits)
            call.engine.setKey(call.db, key, .zset(set), now: call.now)
            call.notify(.sortedSet, "zadd", key)
            call.engine.dirty += added + updated
        case .present:
            // Only touch the key when something changes (a no-op must not count as a modification).
            guard call.peekSortedSet(key, { current in points.contains { condition.changes(current, $0.member, $0.score) } }) else {
                return out.writeIntegerReply(0)
            }
            call.editSortedSet(key, event: "zadd") { set in
                (added, updated) = condition.add(points, to: &set, limits: limits)
                return added + updated
            }
        }
        propagateAsZadd(call, options: 2..<first, points)
        out.writeIntegerReply(ch ? added + updated : added)
    }

    /// GEOADD is logged as the ZADD it amounts to, as Redis 7.0 does: `zadd key [options] score member ...` with
    /// each geohash score as integer text.
    private static func propagateAsZadd(_ call: Call, options: Range<Int>, _ points: [(member: Bytes, score: Double)]) {
        guard call.logsEffects else { return }
        var effect = [Bytes("zadd"), call.args[1]] + call.args[options]
        effect.reserveCapacity(effect.count + points.count * 2)
        for point in points {
            effect.append(IntegerText.bytes(Int64(point.score)))
            effect.append(point.member)
        }
        call.propagate(effect)
    }

    /// GEOADD's NX / XX: which members it may add or move (ZADD's rules for those two options).
    struct Condition {
        var nx = false, xx = false

        /// True when adding `member` at `score` would change `set`.
        func changes(_ set: SortedSetValue, _ member: Bytes, _ score: Double) -> Bool {
            guard let old = set.score(of: member) else { return !xx }
            return !nx && old != score
        }

        /// Adds or moves the points the condition allows; returns how many were added and how many moved.
        func add(_ points: [(member: Bytes, score: Double)], to set: inout SortedSetValue,
                 limits: EncodingLimits) -> (added: Int, updated: Int) {
            var added = 0, updated = 0
            for (member, score) in points {
                if !nx && !xx {
                    // No condition: one insert tells whether the member was new or moved.
                    if let old = set.insert(member, score: score, limits: limits) {
                        if old != score { updated += 1 }
                    } else {
                        added += 1
                    }
                    continue
                }
                guard changes(set, member, score) else { continue }
                if set.score(of: member) == nil { added += 1 } else { updated += 1 }
                _ = set.insert(member, score: score, limits: limits)
            }
            return (added, updated)
        }
    }

    /// `key [member ...]`: each member's position, or a null array for a missing one.
    static func geopos(_ call: Call, _ out: inout ByteBuffer) {
        guard let lookup = call.geoSet(call.args[1], &out) else { return }
        out.writeArrayHeader(call.argc - 2)
        for member in call.args[2...] {
            guard let (lon, lat) = lookup.set?.geoPosition(of: member) else {
                out.writeNullArrayReply(call.proto)
                continue
            }
            out.writeArrayHeader(2)
            out.writeGeoCoordinate(lon, call.proto)
            out.writeGeoCoordinate(lat, call.proto)
        }
    }

    /// `key member1 member2 [M | KM | FT | MI]`: the distance, or null when the key or either member is missing.
    static func geodist(_ call: Call, _ out: inout ByteBuffer) {
        var metersPerUnit = 1.0
        if call.argc == 5 {
            guard let m = GeoArguments.unit(call, 4, &out) else { return }
            metersPerUnit = m
        } else if call.argc > 5 {
            return out.writeErrorReply(ReplyError.syntax)
        }
        guard let lookup = call.geoSet(call.args[1], &out) else { return }
        guard let set = lookup.set, let a = set.geoPosition(of: call.args[2]),
              let b = set.geoPosition(of: call.args[3]) else { return out.writeNullReply(call.proto) }
        let meters = GeoDistance.meters(fromLongitude: a.longitude, latitude: a.latitude,
                                        toLongitude: b.longitude, latitude: b.latitude)
        out.writeGeoDistance(meters / metersPerUnit)
    }

    /// `key [member ...]`: each member's standard 11-character geohash, or null for a missing one.
    static func geohash(_ call: Call, _ out: inout ByteBuffer) {
        guard let lookup = call.geoSet(call.args[1], &out) else { return }
        out.writeArrayHeader(call.argc - 2)
        for member in call.args[2...] {
            guard let score = lookup.set?.score(of: member) else {
                out.writeNullReply(call.proto)
                continue
            }
            out.writeBulkReply(GeoHash.standardString(ofScore: score))
        }
    }
}
