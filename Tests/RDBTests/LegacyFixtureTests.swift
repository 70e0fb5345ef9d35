import Foundation
import RDB
import XCTest

/// The hand-built fixtures (Tools/fixtures/make-legacy-rdb-fixtures.py): older encodings and newer versions, each
/// compared key by key with the JSON expectation written next to it.
final class LegacyFixtureTests: XCTestCase {
    func testZiplistZipmapIntsetAndTextScoresOfRDB6() throws { try compare("legacy-v6-ziplist-zipmap") }
    func testQuicklistVersion1OfRDB7WithoutChecksum() throws { try compare("legacy-v7-quicklist") }
    func testSetListpackOfRDB11() throws { try compare("v11-set-listpack") }
    func testStreamVersion3OfRDB12() throws { try compare("v12-stream-v3") }
    /// The Redis 7.0 dump, against the expectation its generator read back from the live redis-server.
    func testRedis70DumpMatchesWhatTheServerServed() throws { try compare("redis-7.0-all-types") }

    func compare(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = RedisFixtureTests.fixtures
        let expectation = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name + ".json"))) as! [String: [String: Any]]
        let (records, _) = try RedisFixtureTests.readAll(dir.appendingPathComponent(name + ".rdb").path)
        var seen = Set<String>()
        for case .entry(let e) in records {
            let id = "\(e.db)/\(String(decoding: e.key, as: UTF8.self))"
            seen.insert(id)
            guard let want = expectation[id] else {
                XCTFail("unexpected key \(id)", file: file, line: line)
                continue
            }
            XCTAssertEqual(e.value.typeName, want["type"] as? String, id, file: file, line: line)
            XCTAssertEqual(e.expireAt, (want["expire_at"] as? NSNumber)?.int64Value, id, file: file, line: line)
            XCTAssertEqual(Self.render(e.value), Self.render(json: want["value"]!, type: want["type"] as! String), id, file: file, line: line)
        }
        XCTAssertEqual(seen, Set(expectation.keys), file: file, line: line)
    }

    /// A comparable text form of a decoded value (sets sorted: their order is not part of the format).
    static func render(_ v: RDBValue) -> String {
        func t(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
        func score(_ d: Double) -> String { d == .infinity ? "inf" : d == -.infinity ? "-inf" : "\(d)" }
        switch v {
        case .string(let s):
            return String(validating: s, as: UTF8.self) ?? "hex:" + s.map { String(format: "%02x", $0) }.joined()
        case .list(let items): return items.map(t).joined(separator: "|")
        case .set(let members): return members.map(t).sorted().joined(separator: "|")
        // Hashes sorted (a hashtable's order is not part of the file); sorted sets in score order (Redis writes
        // skiplists from the highest score down).
        case .hash(let pairs): return pairs.map { t($0.field) + "=" + t($0.value) }.sorted().joined(separator: "|")
        case .zset(let members):
            return members.sorted { ($0.score, t($0.member)) < ($1.score, t($1.member)) }
                .map { t($0.member) + "=" + score($0.score) }.joined(separator: "|")
        case .stream(let s):
            let entries = s.entries.map { e in e.id.description + ":" + e.fields.map { t($0.field) + "=" + t($0.value) }.joined(separator: ",") }
            let groups = s.groups.map { g in
                "\(t(g.name))@\(g.lastID) read=\(g.entriesRead.map(String.init) ?? "?") pel=\(g.pending.map { "\($0.id)>\(t($0.consumer))" }) consumers=\(g.consumers.map { t($0.name) })"
            }
            return "last=\(s.lastID) " + entries.joined(separator: "|") + " " + groups.joined(separator: "|")
        }
    }

    static func render(json: Any, type: String) -> String {
        func score(_ x: Any) -> String { (x as? String) ?? "\((x as! NSNumber).doubleValue)" }
        switch type {
        case "string": return (json as? String) ?? "hex:" + ((json as! [String: String])["hex"]!)
        case "list": return (json as! [String]).joined(separator: "|")
        case "set": return (json as! [String]).sorted().joined(separator: "|")
        case "hash": return (json as! [[String]]).map { $0[0] + "=" + $0[1] }.sorted().joined(separator: "|")
        case "zset":
            func number(_ x: Any) -> Double { (x as? String).map { $0 == "inf" ? .infinity : -.infinity } ?? (x as! NSNumber).doubleValue }
            return (json as! [[Any]]).sorted { (number($0[1]), $0[0] as! String) < (number($1[1]), $1[0] as! String) }
                .map { ($0[0] as! String) + "=" + score($0[1]) }.joined(separator: "|")
        default:
            let s = json as! [String: Any]
            let entries = (s["entries"] as! [[Any]]).map { e -> String in
                let fields = e[1] as! [String]
                return (e[0] as! String) + ":" + stride(from: 0, to: fields.count, by: 2).map { fields[$0] + "=" + fields[$0 + 1] }.joined(separator: ",")
            }
            let groups = (s["groups"] as! [[Any]]).map { g -> String in
                let consumers = g[3] as! [String]
                return "\(g[0])@\(g[1]) read=\(g[2]) pel=\(["\(g[1])>\(consumers[0])"]) consumers=\(consumers)"
            }
            return "last=\(s["last-id"]!) " + entries.joined(separator: "|") + " " + groups.joined(separator: "|")
        }
    }
}
