import Foundation
import RDB
import XCTest

/// Reads the dump Redis 7.0 wrote from Tools/fixtures/make-rdb-fixtures.sh and checks every key.
final class RedisFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/rdb").standardized

    static func readAll(_ path: String) throws -> (records: [RDBDecoder.Record], version: Int) {
        var decoder = RDBDecoder(try FileInput(path: path))
        try decoder.readHeader()
        var records: [RDBDecoder.Record] = []
        while true {
            let r = try decoder.next()
            records.append(r)
            if r == .end { return (records, decoder.version) }
        }
    }

    func testEveryKeyOfTheRedis70DumpDecodes() throws {
        let (records, version) = try Self.readAll(Self.fixtures.appendingPathComponent("redis-7.0-all-types.rdb").path)
        XCTAssertEqual(version, 10)
        var aux: [String: String] = [:]
        var entries: [String: RDBEntry] = [:]
        for case .aux(let k, let v) in records { aux[String(decoding: k, as: UTF8.self)] = String(decoding: v, as: UTF8.self) }
        for case .entry(let e) in records { entries[String(decoding: e.key, as: UTF8.self)] = e }
        XCTAssertEqual(aux["redis-ver"], "7.0.15")
        XCTAssertEqual(entries.count, 18)

        func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
        XCTAssertEqual(entries["str"]?.value, .string(Array("hello".utf8)))
        XCTAssertEqual(entries["int"]?.value, .string(Array("12345".utf8)))
        XCTAssertEqual(entries["long"]?.value, .string(Array(repeating: UInt8(ascii: "a"), count: 100)))
        XCTAssertEqual(entries["list"]?.value, .list(["a", "b", "c", "1", "2"].map { Array($0.utf8) }))
        XCTAssertEqual(entries["list"]?.encoding, .listQuicklist2)
        XCTAssertEqual(entries["biglist"]?.value, .list((1...1000).map { Array(String($0).utf8) }))
        XCTAssertEqual(entries["intset"]?.value, .set(["1", "2", "3"].map { Array($0.utf8) }))
        XCTAssertEqual(entries["intset"]?.encoding, .setIntset)
        guard case .set(let members)? = entries["set"]?.value else { return XCTFail("set") }
        XCTAssertEqual(Set(members.map(text)), ["a", "b", "c"])
        guard case .zset(let z)? = entries["zset"]?.value else { return XCTFail("zset") }
        XCTAssertEqual(z.map { text($0.member) }, ["c", "a", "b"])
        XCTAssertEqual(z.map(\.score), [-.infinity, 1, 2.5])
        XCTAssertEqual(entries["zset"]?.encoding, .zsetListpack)
        guard case .zset(let bz)? = entries["bigzset"]?.value else { return XCTFail("bigzset") }
        XCTAssertEqual(entries["bigzset"]?.encoding, .zset2)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: bz.map { (text($0.member), $0.score) }),
                       Dictionary(uniqueKeysWithValues: (1...200).map { ("m\($0)", Double($0)) }))
        guard case .hash(let h)? = entries["hash"]?.value else { return XCTFail("hash") }
        XCTAssertEqual(h.map { text($0.field) + "=" + text($0.value) }, ["f1=v1", "f2=2"])
        guard case .hash(let bh)? = entries["bighash"]?.value else { return XCTFail("bighash") }
        XCTAssertEqual(entries["bighash"]?.encoding, .hash)
        XCTAssertEqual(Set(bh.map { text($0.field) + "=" + text($0.value) }), Set((1...600).map { "f\($0)=v\($0)" }))
        XCTAssertEqual(entries["exp"]?.expireAt, 4_102_444_800_000)
        XCTAssertNil(entries["str"]?.expireAt)
        XCTAssertEqual(entries["bigset"]?.encoding, .set)
        guard case .string(let dense)? = entries["densehll"]?.value else { return XCTFail("densehll") }
        XCTAssertEqual(dense.count, 16 + 16384 * 6 / 8)  // dense HyperLogLog: header + 16384 6-bit registers
        guard case .string(let hll)? = entries["hll"]?.value else { return XCTFail("hll") }
        XCTAssertEqual(Array(hll.prefix(4)), Array("HYLL".utf8))
        guard case .zset(let geo)? = entries["geo"]?.value else { return XCTFail("geo") }
        XCTAssertEqual(geo.first?.score, 3_479_099_956_230_698)
        XCTAssertEqual(entries["other"]?.db, 1)

        guard case .stream(let s)? = entries["stream"]?.value else { return XCTFail("stream") }
        XCTAssertEqual(s.length, 2)
        XCTAssertEqual(s.entries.map(\.id), [RDBStreamID(ms: 1, seq: 1), RDBStreamID(ms: 1, seq: 2)])
        XCTAssertEqual(s.entries[1].fields.map { text($0.field) + "=" + text($0.value) }, ["f=v2", "g=w"])
        XCTAssertEqual(s.lastID, RDBStreamID(ms: 1, seq: 2))
        XCTAssertEqual(s.entriesAdded, 2)
        XCTAssertEqual(s.groups.count, 1)
        XCTAssertEqual(s.groups[0].lastID, RDBStreamID(ms: 1, seq: 1))
        XCTAssertEqual(s.groups[0].entriesRead, 1)
        XCTAssertEqual(s.groups[0].pending.map(\.id), [RDBStreamID(ms: 1, seq: 1)])
        XCTAssertEqual(s.groups[0].pending.first.map { text($0.consumer) }, "c1")
        XCTAssertEqual(s.groups[0].consumers.map { text($0.name) }, ["c1"])
    }

    func testEveryTruncationOfTheDumpFailsWithAnOffset() throws {
        let path = Self.fixtures.appendingPathComponent("redis-7.0-all-types.rdb").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for cut in stride(from: 0, to: bytes.count - 1, by: 97) {
            var decoder = RDBDecoder(BytesInput(Array(bytes.prefix(cut))))
            XCTAssertThrowsError(try { () throws(RDBError) in
                try decoder.readHeader()
                while try decoder.next() != .end {}
            }(), "cut at \(cut)") { error in
                XCTAssertLessThanOrEqual((error as! RDBError).offset, cut)
            }
        }
    }

    func testAFlippedByteIsCaughtByTheChecksumOrTheParser() throws {
        let path = Self.fixtures.appendingPathComponent("redis-7.0-all-types.rdb").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for position in stride(from: 9, to: bytes.count - 9, by: 53) {
            var damaged = bytes
            damaged[position] ^= 0x5A
            var decoder = RDBDecoder(BytesInput(damaged))
            XCTAssertThrowsError(try { () throws(RDBError) in
                try decoder.readHeader()
                while try decoder.next() != .end {}
            }(), "flip at \(position)")
        }
    }
}
