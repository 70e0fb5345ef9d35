import RESP

/// The end of a randomized run: databases 0 and 1 (MOVE, COPY … DB and SWAPDB reach the
/// second) compared key by key — the key set, each key's type, encoding and TTL, and its
/// value dumped per type, sorted where the type's order is undefined. Stream dumps include
/// the groups, their consumers and pending entries, minus idle times.
struct DatasetComparison {
    let run: RandomizedRun

    func compare() -> RandomizedDivergence? {
        do {
            return try compareDatabases()
        } catch {
            return run.harnessFailure(at: "(asking redis-server for the dataset)", counted: false, error)
        }
    }

    private func compareDatabases() throws -> RandomizedDivergence? {
        for database in ["1", "0"] {
            if let divergence = check(["SELECT", database]) ?? check(["DBSIZE"])
                ?? check(RandomStep(["KEYS", "*"], .unordered)) { return divergence }
            let keys = (try run.askOracle(["KEYS", "*"])).arrayElements.compactMap(\.text).sorted()
            for key in keys {
                if let divergence = try compareKey(key) { return divergence }
            }
        }
        return nil
    }

    private func compareKey(_ key: String) throws -> RandomizedDivergence? {
        var common = [RandomStep(["TYPE", key]), RandomStep(["OBJECT", "ENCODING", key]),
                      RandomStep(["TTL", key], .approximately(2))]
        // A string rebuilt by replaying its effects may be encoded differently ("3" written by INCRBYFLOAT is
        // embstr, SET "3" makes it int), in Redis as in Strata.
        if run.stringEncodingsMayDiffer, try run.askOracle(["TYPE", key]).text == "string" { common.remove(at: 1) }
        for step in common {
            if let divergence = check(step) { return divergence }
        }
        for step in try valueSteps(key, type: run.askOracle(["TYPE", key]).text ?? "") {
            if let divergence = check(step) { return divergence }
        }
        return nil
    }

    private func valueSteps(_ key: String, type: String) throws -> [RandomStep] {
        switch type {
        case "string": return [RandomStep(["GET", key])]
        case "list": return [RandomStep(["LRANGE", key, "0", "-1"])]
        case "hash":
            return [RandomStep(["HGETALL", key], .orderedIfCompact(key: key, otherwise: .projected(
                "pairs sorted", Projection.sortedPairs)))]
        case "set": return [RandomStep(["SMEMBERS", key], .orderedIfCompact(key: key, otherwise: .unordered))]
        case "zset": return [RandomStep(["ZRANGE", key, "0", "-1", "WITHSCORES"])]
        case "stream": return try streamSteps(key)
        default: return []
        }
    }

    private func streamSteps(_ key: String) throws -> [RandomStep] {
        var steps = [RandomStep(["XRANGE", key, "-", "+"]),
                     RandomStep(["XINFO", "STREAM", key], .projected("without radix tree", RandomizedProjection.streamInfo)),
                     RandomStep(["XINFO", "GROUPS", key])]
        let groups = try run.askOracle(["XINFO", "GROUPS", key]).arrayElements.compactMap { group in
            group.pairs?.first { $0.0.text == "name" }?.1.text
        }
        for group in groups {
            steps.append(RandomStep(["XINFO", "CONSUMERS", key, group],
                                    .projected("names and pending", RandomizedProjection.consumers)))
            steps.append(RandomStep(["XPENDING", key, group, "-", "+", "1000"],
                                    .projected("without idle times", RandomizedProjection.pending)))
        }
        return steps
    }

    private func check(_ command: [String]) -> RandomizedDivergence? { check(RandomStep(command)) }

    private func check(_ step: RandomStep) -> RandomizedDivergence? { run.execute(step, counted: false) }
}

extension RESPValue {
    /// The elements of an array or set reply; none for anything else.
    var arrayElements: [RESPValue] {
        switch self {
        case .array(let items?), .set(let items): return items
        default: return []
        }
    }
}
