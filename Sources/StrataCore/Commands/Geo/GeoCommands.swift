import NIOCore
import RESP

/// GEOADD, GEOPOS, GEODIST and GEOHASH: points stored as sorted-set members scored by their 52-bit geohash.
enum GeoCommands {
    /// `key [NX | XX] [CH] longitude latitude member [...]`: ZADD of the members with their geohash scores.
    /// Every coordinate is checked before the key is looked at.
    static func geoadd(_ call: Call, _ out: inout ByteBuffer) {
        var nx = false, xx = false, ch = false
        var first = 2
        while first < call.argc {
            if call.arg(first, is: "nx") { nx = true } else if call.arg(first, is: "xx") { xx = true } else if call.arg(first, is: "ch") { ch = true } else { break }
            first += 1
        }
        let triples = call.argc - first
        guard triples > 0, triples % 3 == 0, !(nx && xx) else { return out.writeErrorReply(ReplyError.syntax) }
        var points: [(member: Bytes, score: Double)] = []
        points.reserveCapacity(triples / 3)
        for i in stride(from: first, to: call.argc, by: 3) {
            guard let (lon, lat) = GeoArguments.coordinates(call, i, &out) else { return }
            let hash = GeoHash(longitude: lon, latitude: lat, step: GeoHash.maxStep)!
            points.append((call.args[i + 2], Double(hash.alignedBits)))
        }
        let key = call.args[1]
        guard let lookup = call.geoSet(key, forWrite: true, &out) else { return }
        let limits = call.engine.settings.encodingLimits
        var added = 0, updated = 0
        func apply(_ set: inout SortedSetValue) {
            for (member, score) in points {
                guard nx || xx else {
                    // No condition: one insert tells whether the member was new or moved.
                    if let old = set.insert(member, score: score, limits: limits) {
                        if old != score { updated += 1 }
                    } else {
                        added += 1
                    }
                    continue
                }
                if let old = set.score(of: member) {
                    guard !nx, old != score else { continue }
                    updated += 1
                } else {
                    guard !xx else { continue }
                    added += 1
                }
                _ = set.insert(member, score: score, limits: limits)
            }
        }
        switch lookup {
        case .missing:
            guard !xx else { return out.writeIntegerReply(0) }
            var set = SortedSetValue()
            apply(&set)
            call.engine.setKey(call.db, key, .zset(set), now: call.now)
            call.notify(.sortedSet, "zadd", key)
            call.engine.dirty += added + updated
        case .found(let current):
            // Only touch the key when something changes (a no-op must not count as a modification).
            let changes = points.contains { member, score in
                guard let old = current.score(of: member) else { return !xx }
                return !nx && old != score
            }
            guard changes else { return out.writeIntegerReply(0) }
            call.editSortedSet(key, event: "zadd") { set in
                apply(&set)
                return added + updated
            }
        }
        out.writeIntegerReply(ch ? added + updated : added)
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
