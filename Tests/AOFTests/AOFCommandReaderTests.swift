import AOF
import Foundation
import RDB
import XCTest

final class AOFCommandReaderTests: XCTestCase {
    /// Everything a reader yields from `bytes`, or the error it stops with.
    func readAll(_ bytes: [UInt8], bufferSize: Int = 64 * 1024) -> (items: [AOFItem], error: AOFError?) {
        var reader = AOFCommandReader(source: AOFBytesSource(bytes), file: "test.aof", bufferSize: bufferSize)
        var items: [AOFItem] = []
        do {
            while let item = try reader.next() { items.append(item) }
            return (items, nil)
        } catch {
            return (items, error)
        }
    }

    func commands(_ items: [AOFItem]) -> [[String]] {
        items.compactMap { if case .command(let c) = $0 { return c.args.map { String(decoding: $0, as: UTF8.self) } } else { return nil } }
    }

    /// Each fixture directory was written by redis-server 7.0.15 (Tools/fixtures/make-aof-fixtures.sh); its
    /// expected.json lists every file's commands and annotations as an independent parser read them.
    func testReadsEveryFileRedisWrote() throws {
        for fixture in ["preamble", "plain", "timestamps"] {
            let dir = Self.repositoryRoot.appendingPathComponent("Fixtures/aof/\(fixture)").path
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json"))) as! [String: Any]
            let manifest = try AOFManifest.parse(try contents(dir + "/appendonlydir/appendonly.aof.manifest"))
            let listed = (expected["manifest"] as! [[Any]]).map { $0[0] as! String }
            XCTAssertEqual(manifest.loadOrder.map(\.name), listed, fixture)
            for entry in manifest.loadOrder {
                let want = (expected["files"] as! [String: [String: Any]])[entry.name]!
                // A small buffer makes the 3000-byte value and many headers straddle refills.
                var reader = try AOFCommandReader(path: dir + "/appendonlydir/" + entry.name, bufferSize: 2048)
                var got: [[String]] = [], annotations: [String] = [], keys = 0, lastEnd = 0
                while let item = try reader.next() {
                    switch item {
                    case .rdbPreamble:
                        try reader.readPreamble { if case .entry = $0 { keys += 1 } }
                        lastEnd = reader.offset
                    case .annotation(let text, let start, let end):
                        XCTAssertEqual(start, lastEnd)
                        lastEnd = end
                        annotations.append(String(decoding: text, as: UTF8.self))
                    case .command(let c):
                        XCTAssertEqual(c.start, lastEnd)
                        lastEnd = c.end
                        got.append(c.args.map { String(decoding: $0, as: UTF8.self) })
                    }
                }
                XCTAssertEqual(got, want["commands"] as! [[String]], entry.name)
                XCTAssertEqual(annotations, want["annotations"] as! [String], entry.name)
                XCTAssertEqual(reader.preambleEnd, want["rdb_preamble_size"] as? Int, entry.name)
                XCTAssertEqual(lastEnd, try contents(dir + "/appendonlydir/" + entry.name).count)
                if reader.preambleEnd != nil { XCTAssertEqual(keys, 4) }
            }
        }
        let timestamps = try contents(Self.repositoryRoot.appendingPathComponent("Fixtures/aof/timestamps/appendonlydir/appendonly.aof.2.incr.aof").path)
        XCTAssertTrue(readAll(timestamps).items.contains { if case .annotation(let t, 0, _) = $0 { return t.starts(with: b("#TS:")) } else { return false } })
    }

    /// An old-style AOF: an RDB preamble followed by commands, which `next()` validates and skips on its own.
    func testCommandsAfterAnRDBPreambleContinueAfterItsChecksum() throws {
        let fixture = Self.repositoryRoot.appendingPathComponent("Fixtures/aof/preamble/appendonlydir").path
        let rdb = try contents(fixture + "/appendonly.aof.2.base.rdb")
        let tail = resp([["SET", "after", "preamble"], ["DEL", "x"]])
        let (items, error) = readAll(rdb + tail)
        XCTAssertNil(error)
        XCTAssertEqual(items.first, .rdbPreamble)
        XCTAssertEqual(commands(items), [["SET", "after", "preamble"], ["DEL", "x"]])
        if case .command(let c) = items[1] { XCTAssertEqual(c.start, rdb.count) }

        var damaged = rdb
        damaged[damaged.count - 3] ^= 0xFF  // inside the CRC-64
        let bad = readAll(damaged + tail)
        XCTAssertEqual(bad.error?.kind, .corrupt)
        XCTAssertTrue(bad.error?.message.contains("checksum") ?? false, "\(String(describing: bad.error))")
        XCTAssertEqual(readAll(Array(rdb.prefix(100))).error?.kind, .corrupt, "a cut RDB preamble is not a truncated tail")
    }

    /// Cutting a file anywhere gives either a clean end at a command boundary or a truncated tail whose offset
    /// is the end of the last complete command.
    func testEveryCutIsATruncatedTailAtTheLastCompleteCommand() {
        let head = resp([["SET", "a", "1"], ["RPUSH", "list", "x", "yy"], ["DEL", "a"]])
        let annotation = head.count..<head.count + 7
        let file = head + b("#TS:1\r\n") + resp([["PING"]])
        var boundaries: [Int] = [0]
        for item in readAll(file).items {
            switch item {
            case .command(let c): boundaries.append(c.end)
            case .annotation(_, _, let end): boundaries.append(end)
            case .rdbPreamble: XCTFail()
            }
        }
        for cut in 0...file.count {
            let (items, error) = readAll(Array(file.prefix(cut)))
            let last = boundaries.last { $0 <= cut }!
            if boundaries.contains(cut) {
                XCTAssertNil(error, "cut at \(cut)")
            } else if annotation.contains(cut) {
                continue  // inside the last annotation line: Redis reads it without its line ending
            } else {
                XCTAssertEqual(error?.kind, .truncated, "cut at \(cut)")
                XCTAssertEqual(error?.offset, last, "cut at \(cut)")
                XCTAssertEqual(items.count, boundaries.firstIndex(of: last)!, "cut at \(cut)")
            }
        }
    }

    func testCorruptionInTheMiddleNamesTheFileAndOffset() {
        let good = resp([["SET", "a", "1"]])
        let cases: [([UInt8], Int)] = [
            (good + b("+OK\r\n") + good, good.count),
            (good + b("*2\r\n$3\r\nGET\r\n:1\r\n") + good, good.count),
            (good + b("*1\r\n$4\r\nPINGxx") + good, good.count),
            (good + b("*0\r\n") + good, good.count),
            (good + b("*-1\r\n") + good, good.count),
            (good + b("*1\r\n$abc\r\n") + good, good.count),
            (good + b("*1\n$4\r\nPING\r\n") + good, good.count),
            (good + b("*1\r\n$" + String(repeating: "9", count: 40) + "\r\n"), good.count),
            (good + b("#" + String(repeating: "t", count: 1100) + "\r\n") + good, good.count),
        ]
        for (bytes, offset) in cases {
            let (items, error) = readAll(bytes)
            XCTAssertEqual(items.count, 1)
            XCTAssertEqual(error?.kind, .corrupt, String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(error?.offset, offset)
            XCTAssertEqual(error?.file, "test.aof")
        }
    }

    /// A huge length header is only a number: the reader fails on the missing bytes, not on an allocation.
    func testHugeLengthHeadersDoNotAllocate() {
        let (_, error) = readAll(b("*2147483647\r\n$1\r\nx\r\n$4294967295\r\nabc"))
        XCTAssertEqual(error?.kind, .truncated)
        XCTAssertEqual(error?.offset, 0)
        var reader = AOFCommandReader(source: AOFBytesSource(b("*1\r\n$2000\r\n")), file: "t")
        reader.maxArgumentLength = 1000
        XCTAssertThrowsError(try reader.next()) { XCTAssertEqual(($0 as? AOFError)?.kind, .corrupt) }
    }

    func testAnnotationsAndTransactionsAreReported() throws {
        let file = b("#TS:1700000000\r\n") + resp([["MULTI"], ["INCR", "n"]])
        let (items, error) = readAll(file + b("#last"))
        XCTAssertNil(error)
        XCTAssertEqual(items.first, .annotation(text: b("#TS:1700000000"), start: 0, end: 16))
        XCTAssertEqual(items.last, .annotation(text: b("#last"), start: file.count, end: file.count + 5))
        var reader = AOFCommandReader(source: AOFBytesSource(file), file: "t")
        while try reader.next() != nil {}
        XCTAssertEqual(reader.openTransactionStart, 16, "MULTI without EXEC at the end: Redis reverts to before it")
        var closed = AOFCommandReader(source: AOFBytesSource(file + resp([["exec"]])), file: "t")
        while try closed.next() != nil {}
        XCTAssertNil(closed.openTransactionStart)
    }

    func testBinaryArgumentsAndEmptyOnesRoundTrip() {
        let binary: [UInt8] = [0, 13, 10, 255, 42]
        let bytes = b("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$5\r\n") + binary + b("\r\n")
        let (items, error) = readAll(bytes)
        XCTAssertNil(error)
        XCTAssertEqual(items, [.command(AOFCommand(args: [b("SET"), [], binary], start: 0, end: bytes.count))])
    }
}
