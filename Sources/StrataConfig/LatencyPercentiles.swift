import Foundation

/// `latency-tracking-info-percentiles`: the percentiles INFO latencystats reports, each a
/// number in 0...100; the single argument `""` means none.
enum LatencyPercentiles {
    static func parse(_ arguments: [String]) throws(ConfigValueError) -> [Double] {
        if arguments == [""] { return [] }
        return try arguments.map { (text) throws(ConfigValueError) -> Double in
            guard let value = Double(text), !value.isNaN else {
                throw ConfigValueError("Invalid latency-tracking-info-percentiles parameters")
            }
            guard (0...100).contains(value) else {
                throw ConfigValueError("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]")
            }
            return value
        }
    }

    /// `%f` with trailing zeros (and a trailing dot) removed: `50`, `99.9`.
    static func render(_ value: Double) -> String {
        var text = String(format: "%f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
