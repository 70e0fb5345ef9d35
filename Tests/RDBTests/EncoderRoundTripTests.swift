import Foundation
import RDB
import XCTest

/// Files written by RDBEncoder read back identically, and Redis 7.0's redis-check-rdb accepts them.
final class EncoderRoundTripTests: XCTestCase {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func sampleEntries() -> [(RDBEntry, RDBEncoder.Layout)] {
        var stream = RDBStream()
        stream.entries = (1...250).map { (i: Int) -> RDBStream.Entry in
            let id = RDBStreamID(ms: UInt64(1000 + i / 3), seq: UInt64(i % 3))
            let odd: [(field: [UInt8], value: [UInt8])] = [(bytes("other"), bytes("\(i)"))]
            let usual: [(field: [UInt8], value: [UInt8])] = [(bytes("f"), bytes("v\(i)")), (bytes("n"), bytes("\(i)"))]
            return RDBStream.Entry(id: id, fields: i % 7 == 0 ? odd : usual)
        }
        stream.length = 250
        stream.lastID = stream.entries.last!.id
        stream.firstID = stream.entries.first!.id
        stream.entriesAdded = 260
        stream.maxDeletedID = RDBStreamID(ms: 5000, seq: 0)
        stream.groups = [RDBStream.Group(
            name: bytes("g"), lastID: stream.entries[4].id, entriesRead: 5,
            pending: [.init(id: stream.entries[3].id, deliveryTime: 1_700_000_000_000, deliveryCount: 2, consumer: bytes("c")),
                      .init(id: stream.entries[4].id, deliveryTime: 1_700_000_000_001, deliveryCount: 1, consumer: bytes("c"))],
            consumers: [.init(name: bytes("c"), seenTime: 1_700_000_000_002, activeTime: 1_700_000_000_002,
                              pending: [stream.entries[3].id, stream.entries[4].id])])]
        return [
            (RDBEntry(db: 0, key: bytes("s"), value: .string(bytes("hello")), encoding: .string), .compact),
            (RDBEntry(db: 0, key: bytes("n"), value: .string(bytes("-123456")), encoding: .string, expireAt: 4_102_444_800_000), .compact),
            (RDBEntry(db: 0, key: bytes("z"), value: .string(Array(repeating: 0x7A, count: 500)), encoding: .string), .compact),
            (RDBEntry(db: 0, key: bytes("l"), value: .list((0..<3000).map { bytes("item-\($0)") }), encoding: .listQuicklist2), .compact),
            (RDBEntry(db: 0, key: bytes("is"), value: .set(["-5", "7", "100000"].map(bytes)), encoding: .setIntset), .compact),
            (RDBEntry(db: 0, key: bytes("hs"), value: .set(["x", "y", "1"].map(bytes)), encoding: .set), .expanded),
            (RDBEntry(db: 0, key: bytes("zs"), value: .zset([(bytes("a"), -.infinity), (bytes("b"), 0.1), (bytes("c"), 3), (bytes("d"), -0.0), (bytes("e"), .infinity)]), encoding: .zsetListpack), .compact),
            (RDBEntry(db: 0, key: bytes("bz"), value: .zset((0..<300).map { (bytes("m\($0)"), Double($0) / 4) }), encoding: .zset2), .expanded),
            (RDBEntry(db: 0, key: bytes("h"), value: .hash([(bytes("a"), bytes("1")), (bytes("b"), bytes("two"))]), encoding: .hashListpack), .compact),
            (RDBEntry(db: 1, key: bytes("bh"), value: .hash((0..<700).map { (bytes("f\($0)"), bytes("v\($0)")) }), encoding: .hash, idleSeconds: 30), .expanded),
            (RDBEntry(db: 1, key: bytes("x"), value: .stream(stream), encoding: .streamListpacks2, frequency: 9), .compact),
        ]
    }

    func write(_ entries: [(RDBEntry, RDBEncoder.Layout)]) -> [UInt8] {
        var e = RDBEncoder()
        e.writeHeader()
        e.writeAux("redis-ver", "7.0.15")
        e.writeAux("redis-bits", "64")
        var out = e.drain()
        for db in Set(entries.map(\.0.db)).sorted() {
            let inDB = entries.filter { $0.0.db == db }
            e.writeSelectDB(db)
            e.writeResizeDB(keys: inDB.count, expires: inDB.filter { $0.0.expireAt != nil }.count)
            for (entry, layout) in inDB { e.writeEntry(entry, layout: layout) }
            out += e.drain()
        }
        e.finish()
        return out + e.drain()
    }

    func testWrittenFileReadsBackIdentically() throws {
        let sample = sampleEntries()
        var decoder = RDBDecoder(BytesInput(write(sample)))
        try decoder.readHeader()
        var read: [RDBEntry] = []
        while true {
            let r = try decoder.next()
            if r == .end { break }
            if case .entry(var e) = r {
                e.offset = 0
                read.append(e)
            }
        }
        XCTAssertEqual(read.count, sample.count)
        for (got, (want, _)) in zip(read, sample) {
            XCTAssertEqual(got.key, want.key)
            XCTAssertEqual(got.expireAt, want.expireAt)
            XCTAssertEqual(got.idleSeconds, want.idleSeconds)
            XCTAssertEqual(got.frequency, want.frequency)
            XCTAssertEqual(got.encoding, want.encoding, String(decoding: want.key, as: UTF8.self))
            switch (got.value, want.value) {
            case (.zset(let a), .zset(let b)):
                let order = { (x: (member: [UInt8], score: Double)) in String(decoding: x.member, as: UTF8.self) }
                XCTAssertEqual(a.map(order).sorted(), b.map(order).sorted())
                XCTAssertEqual(Set(a.map(\.score.bitPattern)), Set(b.map(\.score.bitPattern)))
            default:
                XCTAssertEqual(got.value, want.value, String(decoding: want.key, as: UTF8.self))
            }
        }
    }

    func testRedisCheckRDBAcceptsTheWrittenFile() throws {
        let path = NSTemporaryDirectory() + "strata-roundtrip-\(getpid()).rdb"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(write(sampleEntries())).write(to: URL(fileURLWithPath: path))
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/redis-check-rdb")
        check.arguments = [path]
        let pipe = Pipe()
        check.standardOutput = pipe
        check.standardError = pipe
        try check.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("RDB looks OK"), output)
        XCTAssertTrue(output.contains("11 keys read"), output)
    }
}
