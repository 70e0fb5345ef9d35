import StrataCollections

import NIOCore
import RESP

/// GEOSEARCH, GEOSEARCHSTORE and the older GEORADIUS family: one search routine (Redis's georadiusGeneric) whose
/// positional arguments and accepted options depend on the command's form.
enum GeoSearchCommand {
    /// The command forms.
    enum Form {
        /// GEORADIUS[_RO] key longitude latitude radius unit [options]; STORE/STOREDIST unless read-only.
        case radius(readOnly: Bool)
        /// GEORADIUSBYMEMBER[_RO] key member radius unit [options].
        case radiusByMember(readOnly: Bool)
        /// GEOSEARCH key FROMMEMBER|FROMLONLAT BYRADIUS|BYBOX [options].
        case search
        /// GEOSEARCHSTORE destination source ... [STOREDIST].
        case searchStore

        var isSearch: Bool {
            switch self {
            case .search, .searchStore: return true
            case .radius, .radiusByMember: return false
            }
        }

        var acceptsStoreOption: Bool {
            switch self {
            case .radius(let ro), .radiusByMember(let ro): return !ro
            case .search, .searchStore: return false
            }
        }
    }

    enum Order { case none, ascending, descending }

    static func handler(_ form: Form) -> CommandHandler {
        { call, out in run(call, form, &out) }
    }

    /// Everything the arguments asked for.
    private struct Request {
        var longitude = 0.0, latitude = 0.0
        var shape: GeoShape.Kind?
        var metersPerUnit = 1.0
        var fromMember = false, fromLonLat = false
        var withDist = false, withHash = false, withCoord = false
        var any = false
        var count = 0
        var order = Order.none
        var storeKey: Bytes?
        var storeDist = false
    }

    private static let memberError = "ERR could not decode requested zset member"

    private static func run(_ call: Call, _ form: Form, _ out: inout ByteBuffer) {
        let sourceIndex = form == .searchStore ? 2 : 1
        guard let lookup = call.geoSet(call.args[sourceIndex], &out) else { return }
        let set = lookup.set
        var request = Request()
        var base: Int
        switch form {
        case .radius:
            base = 6
            guard let (lon, lat) = GeoArguments.coordinates(call, 2, &out),
                  let (r, m) = GeoArguments.radius(call, 4, &out) else { return }
            (request.longitude, request.latitude, request.shape, request.metersPerUnit) = (lon, lat, .radius(r), m)
        case .radiusByMember:
            base = 5
            // Without a source key the center and radius are not examined; the options still are.
            if let set {
                guard let (lon, lat) = set.geoPosition(of: call.args[2]) else { return out.writeErrorReply(memberError) }
                guard let (r, m) = GeoArguments.radius(call, 3, &out) else { return }
                (request.longitude, request.latitude, request.shape, request.metersPerUnit) = (lon, lat, .radius(r), m)
            }
        case .search:
            base = 2
        case .searchStore:
            base = 3
            request.storeKey = call.args[1]
        }
        guard parseOptions(call, form, from: base, set, &request, &out) else { return }
        guard validate(call, form, request, &out) else { return }

        guard let set else {
            if let storeKey = request.storeKey {
                return call.storeSortedSetResult(SortedSetValue(), at: storeKey, event: "", &out)
            }
            return out.writeArrayHeader(0)
        }
        if request.count != 0 && request.order == .none && !request.any { request.order = .ascending }
        let shape = GeoShape(longitude: request.longitude, latitude: request.latitude, kind: request.shape!,
                             metersPerUnit: request.metersPerUnit)
        var matches = set.geoMatches(in: shape, limit: request.any ? request.count : nil)
        if matches.isEmpty && request.storeKey == nil { return out.writeArrayHeader(0) }
        let returned = request.count == 0 ? matches.count : min(request.count, matches.count)
        if request.order != .none {
            let descending = request.order == .descending
            if returned == matches.count {
                GeoResultOrder.sortAll(&matches, descending: descending)
            } else {
                GeoResultOrder.sortPrefix(&matches, first: returned, descending: descending)
            }
        }
        if let storeKey = request.storeKey {
            return store(call, form, matches.prefix(returned), request, into: storeKey, &out)
        }
        let extras = (request.withDist ? 1 : 0) + (request.withHash ? 1 : 0) + (request.withCoord ? 1 : 0)
        out.writeArrayHeader(returned)
        for match in matches.prefix(returned) {
            if extras > 0 { out.writeArrayHeader(extras + 1) }
            out.writeBulkReply(match.member.bytes)
            if request.withDist { out.writeGeoDistance(match.distance / request.metersPerUnit) }
            if request.withHash { out.writeIntegerReply(Int(match.score)) }
            if request.withCoord {
                out.writeArrayHeader(2)
                out.writeGeoCoordinate(match.longitude, call.proto)
                out.writeGeoCoordinate(match.latitude, call.proto)
            }
        }
    }

    /// The options after the positional arguments, in any order (Redis's loop, including which option may follow
    /// which). False after replying an error.
    private static func parseOptions(_ call: Call, _ form: Form, from base: Int, _ set: SortedSetValue?,
                                     _ request: inout Request, _ out: inout ByteBuffer) -> Bool {
        var i = base
        func left(_ n: Int) -> Bool { i + n < call.argc }
        while i < call.argc {
            if call.arg(i, is: "withdist") {
                request.withDist = true
            } else if call.arg(i, is: "withhash") {
                request.withHash = true
            } else if call.arg(i, is: "withcoord") {
                request.withCoord = true
            } else if call.arg(i, is: "any") {
                request.any = true
            } else if call.arg(i, is: "asc") {
                request.order = .ascending
            } else if call.arg(i, is: "desc") {
                request.order = .descending
            } else if call.arg(i, is: "count") && left(1) {
                guard let n = call.integer(i + 1, &out) else { return false }
                guard n > 0 else {
                    out.writeErrorReply("ERR COUNT must be > 0")
                    return false
                }
                request.count = Int(n)
                i += 1
            } else if (call.arg(i, is: "store") || call.arg(i, is: "storedist")) && left(1) && form.acceptsStoreOption {
                request.storeKey = call.args[i + 1]
                request.storeDist = call.arg(i, is: "storedist")
                i += 1
            } else if call.arg(i, is: "storedist") && form == .searchStore {
                request.storeDist = true
            } else if call.arg(i, is: "frommember") && left(1) && form.isSearch && !request.fromLonLat {
                if let set {
                    guard let (lon, lat) = set.geoPosition(of: call.args[i + 1]) else {
                        out.writeErrorReply(memberError)
                        return false
                    }
                    (request.longitude, request.latitude) = (lon, lat)
                }
                request.fromMember = true
                i += 1
            } else if call.arg(i, is: "fromlonlat") && left(2) && form.isSearch && !request.fromMember {
                guard let (lon, lat) = GeoArguments.coordinates(call, i + 1, &out) else { return false }
                (request.longitude, request.latitude) = (lon, lat)
                request.fromLonLat = true
                i += 2
            } else if call.arg(i, is: "byradius") && left(2) && form.isSearch && !isBox(request.shape) {
                guard let (r, m) = GeoArguments.radius(call, i + 1, &out) else { return false }
                (request.shape, request.metersPerUnit) = (.radius(r), m)
                i += 2
            } else if call.arg(i, is: "bybox") && left(3) && form.isSearch && !isRadius(request.shape) {
                guard let (w, h, m) = GeoArguments.box(call, i + 1, &out) else { return false }
                (request.shape, request.metersPerUnit) = (.box(width: w, height: h), m)
                i += 3
            } else {
                out.writeErrorReply(ReplyError.syntax)
                return false
            }
            i += 1
        }
        return true
    }

    private static func isBox(_ kind: GeoShape.Kind?) -> Bool {
        if case .box = kind { return true }
        return false
    }

    private static func isRadius(_ kind: GeoShape.Kind?) -> Bool {
        if case .radius = kind { return true }
        return false
    }

    /// The checks Redis makes once all options are read, in its order.
    private static func validate(_ call: Call, _ form: Form, _ request: Request, _ out: inout ByteBuffer) -> Bool {
        let name = call.args[0].text
        if request.storeKey != nil && (request.withDist || request.withHash || request.withCoord) {
            let what = form == .searchStore ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS"
            out.writeErrorReply("ERR \(what) is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
            return false
        }
        if form.isSearch && !(request.fromMember || request.fromLonLat) {
            out.writeErrorReply("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for \(name)")
            return false
        }
        if form.isSearch && request.shape == nil {
            out.writeErrorReply("ERR exactly one of BYRADIUS and BYBOX can be specified for \(name)")
            return false
        }
        if request.any && request.count == 0 {
            out.writeErrorReply("ERR the ANY argument requires COUNT argument")
            return false
        }
        return true
    }

    /// Stores the results as a sorted set scored by geohash (or by distance in the request's unit with STOREDIST),
    /// replacing the destination; no results delete it. Replies with the number stored.
    private static func store(_ call: Call, _ form: Form, _ matches: ArraySlice<GeoMatch>, _ request: Request,
                              into key: Bytes, _ out: inout ByteBuffer) {
        let limits = call.engine.settings.encodingLimits
        let longest = matches.reduce(0) { max($0, $1.member.count) }
        var set = SortedSetValue(fittingCount: matches.count, longestMember: longest, limits: limits)
        for match in matches {
            let score = request.storeDist ? match.distance / request.metersPerUnit : match.score
            _ = set.insert(match.member, score: score, limits: limits)
        }
        call.storeSortedSetResult(set, at: key, event: form.isSearch ? "geosearchstore" : "georadiusstore", &out)
        // Redis counts a geo store as one change per stored member.
        if matches.count > 1 { call.engine.dirty += matches.count - 1 }
    }
}

extension GeoSearchCommand.Form: Equatable {}
