import RDB
@testable import StrataCore
import XCTest

/// The snapshot writes keys straight from the in-memory values; the bytes must equal those of the neutral
/// `RDBValue` path (`rdbForm` + `writeValue`), which DUMP uses and the fixture tests pin against Redis.
final class SnapshotDirectWriterTests: XCTestCase {
    private func assertDirectBytesEqualNeutralBytes(_ h: EngineHarness, listNodeSize: Int, file: StaticString = #filePath, line: UInt = #line) {
        var direct = RDBEncoder(), neutral = RDBEncoder()
        var keys = 0
        for (key, entry) in h.engine.databases[0].entries {
            key.withUnsafeBytes { entry.value.writeRDB(key: $0, to: &direct, listNodeSize: listNodeSize) }
            let (value, layout) = entry.value.rdbForm()
            neutral.writeValue(key: key.bytes, value, layout: layout, listNodeSize: listNodeSize)
            XCTAssertEqual(direct.drain(), neutral.drain(), "key \(key.bytes.text)", file: file, line: line)
            keys += 1
        }
        XCTAssertEqual(keys, h.engine.databases[0].count, file: file, line: line)
    }

    private func populated() -> EngineHarness {
        let h = EngineHarness()
        h.run("SET", "small-int", "-7")
        h.run("SET", "big-int", "-9223372036854775808")
        h.run("SET", "text", "hello")
        h.run("SET", "long-int-text", "12345678901")
        for i in 0..<20 { h.run("SET", "compressible-\(i)", String(repeating: "abc\(i)", count: 40)) }
        h.run("SET", "incompressible", String((0..<200).map { Character(UnicodeScalar(33 + ($0 * 7919) % 90)!) }))
        h.run("HSET", "hash", "f", "v", "12", "-3", "long", String(repeating: "z", count: 60))
        h.run("HSET", "bighash", "f", String(repeating: "v", count: 80), "g", "1")
        h.run("SADD", "int16s", "5", "-3", "100")
        h.run("SADD", "int64s", "5", "-3", "10000000000")
        h.run("SADD", "words", "x", "y", "12")
        h.run("ZADD", "zs", "1.5", "a", "-2", "b", "0", "c", "-0", "d", "inf", "e", "-inf", "f", "4503599627370496", "g",
              "1e300", "h", "3", "17")
        h.run("ZADD", "bigzs", "1", String(repeating: "m", count: 80), "2.25", "n", "-0", "o")
        var items = ["RPUSH", "list"]
        for i in 0..<600 { items.append(i % 3 == 0 ? String(i) : String(repeating: "e\(i)", count: 1 + i % 40)) }
        h.run(items)
        h.run("RPUSH", "huge-element", String(repeating: "q", count: 20_000), "tail")
        h.run("XADD", "st", "5-1", "a", "1")
        return h
    }

    func testDirectWriterMatchesTheNeutralWriterForEveryTypeAndEncoding() {
        let h = populated()
        for nodeSize in [-2, -1, -5, 1, 7, 128] {
            assertDirectBytesEqualNeutralBytes(h, listNodeSize: nodeSize)
        }
    }

    func testDirectWriterMatchesTheNeutralWriterForBigCollections() {
        let h = EngineHarness()
        var hash = ["HSET", "hash"], set = ["SADD", "set"], ints = ["SADD", "ints"], zset = ["ZADD", "zset"]
        for i in 0..<300 {
            hash += ["field-\(i)", "value-\(i)"]
            set.append("member-\(i)")
            ints.append(String(i * 37 - 4000))
            zset += [String(Double(i) / 3), "m\(i)"]
        }
        for command in [hash, set, ints, zset] { h.run(command) }
        assertDirectBytesEqualNeutralBytes(h, listNodeSize: -2)
    }
}
