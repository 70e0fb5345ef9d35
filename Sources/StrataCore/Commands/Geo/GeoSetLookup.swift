import NIOCore
import RESP

extension Call {
    /// The sorted set under `key` for a geo command (missing: an empty `.missing`), or nil after replying
    /// WRONGTYPE for another type.
    func geoSet(_ key: Bytes, forWrite: Bool = false, _ out: inout ByteBuffer) -> GeoSetLookup? {
        switch forWrite ? writableSortedSet(key) : readSortedSet(key) {
        case .missing:
            return .missing
        case .found(let set):
            return .found(set)
        case .wrongType:
            out.writeErrorReply(ReplyError.wrongType)
            return nil
        }
    }
}

/// What a geo command found under its key.
enum GeoSetLookup {
    case missing
    case found(SortedSetValue)

    var set: SortedSetValue? {
        if case .found(let s) = self { return s }
        return nil
    }
}

extension SortedSetValue {
    /// The position a member's score encodes, or nil when the member is absent.
    func geoPosition(of member: Bytes) -> (longitude: Double, latitude: Double)? {
        score(of: member).map(GeoHash.coordinates(ofScore:))
    }
}
