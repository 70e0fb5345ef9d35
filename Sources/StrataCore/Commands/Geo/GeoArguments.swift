import Foundation
import NIOCore
import RESP

/// Parsing of the numeric arguments of the geo commands (doubles as Redis's getDoubleFromObject reads them, see
/// `ScoreText`), with Redis's replies for bad ones.
enum GeoArguments {
    /// Argument `i` as a double, or nil after replying `error`.
    static func double(_ call: Call, _ i: Int, _ out: inout ByteBuffer,
                       error: String = ReplyError.notFloat) -> Double? {
        if let d = ScoreText.parse(call.args[i]) { return d }
        out.writeErrorReply(error)
        return nil
    }

    /// The longitude and latitude at arguments `i` and `i + 1`, or nil after replying Redis's error (the pair is
    /// printed with "%f").
    static func coordinates(_ call: Call, _ i: Int, _ out: inout ByteBuffer) -> (longitude: Double, latitude: Double)? {
        guard let lon = double(call, i, &out), let lat = double(call, i + 1, &out) else { return nil }
        guard GeoHash.isIndexable(longitude: lon, latitude: lat) else {
            out.writeErrorReply("ERR invalid longitude,latitude pair " + String(format: "%f,%f", lon, lat))
            return nil
        }
        return (lon, lat)
    }

    /// The unit at argument `i` as meters per unit, or nil after replying the unit error.
    static func unit(_ call: Call, _ i: Int, _ out: inout ByteBuffer) -> Double? {
        if let m = GeoUnit.meters(call.args[i]) { return m }
        out.writeErrorReply(GeoUnit.error)
        return nil
    }

    /// `radius unit` at argument `i`.
    static func radius(_ call: Call, _ i: Int, _ out: inout ByteBuffer) -> (radius: Double, metersPerUnit: Double)? {
        guard let r = double(call, i, &out, error: "ERR need numeric radius") else { return nil }
        guard r >= 0 else {
            out.writeErrorReply("ERR radius cannot be negative")
            return nil
        }
        guard let m = unit(call, i + 1, &out) else { return nil }
        return (r, m)
    }

    /// `width height unit` at argument `i`.
    static func box(_ call: Call, _ i: Int, _ out: inout ByteBuffer)
        -> (width: Double, height: Double, metersPerUnit: Double)? {
        guard let w = double(call, i, &out, error: "ERR need numeric width"),
              let h = double(call, i + 1, &out, error: "ERR need numeric height") else { return nil }
        guard h >= 0, w >= 0 else {
            out.writeErrorReply("ERR height or width cannot be negative")
            return nil
        }
        guard let m = unit(call, i + 2, &out) else { return nil }
        return (w, h, m)
    }
}

extension ByteBuffer {
    /// A distance as Redis replies it in every protocol: a bulk string with four decimals.
    mutating func writeGeoDistance(_ meters: Double) {
        writeBulkReply(string: String(format: "%.4f", meters))
    }

    /// A coordinate as Redis replies it: the value as a long double in "%.17Lf" with trailing zeros dropped, a bulk
    /// string under RESP2 and a double under RESP3.
    mutating func writeGeoCoordinate(_ value: Double, _ version: RESPVersion) {
        let text = formatLongDoubleHuman(CLongDouble(value))
        switch version {
        case .v2:
            writeBulkReply(text)
        case .v3:
            writeInteger(UInt8(ascii: ","))
            writeBytes(text)
            writeStaticString("\r\n")
        }
    }
}
