import Foundation

/// The groups of commands the randomized test draws from, with their share of the stream.
/// `STRATA_RANDOM_FAMILIES=strings,keys` restricts a run to some of them (useful while a
/// type is not implemented yet).
enum RandomCommandFamily: String, CaseIterable {
    case strings, keys, lists, hashes, sets, sortedSets = "zsets", streams, hyperloglog, geo
    case transactions, server

    var weight: Int {
        switch self {
        case .strings: return 13
        case .keys: return 10
        case .lists: return 12
        case .hashes: return 11
        case .sets: return 11
        case .sortedSets: return 15
        case .streams: return 10
        case .hyperloglog: return 5
        case .geo: return 6
        case .transactions: return 3
        case .server: return 2
        }
    }

    /// The families named by a comma-separated list; all of them for nil or an empty list.
    static func parse(_ list: String?) throws -> [RandomCommandFamily] {
        let names = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { return allCases }
        return try names.map { name in
            guard let family = RandomCommandFamily(rawValue: name) else {
                throw RandomizedConfigurationError(
                    "unknown family \(name) in STRATA_RANDOM_FAMILIES; known: "
                        + allCases.map(\.rawValue).joined(separator: ","))
            }
            return family
        }
    }
}

/// A bad STRATA_RANDOM_* environment variable.
struct RandomizedConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
