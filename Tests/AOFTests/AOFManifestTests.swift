@testable import AOF
import XCTest

final class AOFManifestTests: XCTestCase {
    func parse(_ text: String) throws(AOFManifestError) -> AOFManifest { try AOFManifest.parse(b(text)) }

    func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> AOFManifestError? {
        do {
            _ = try parse(text)
            XCTFail("manifest accepted: \(text.debugDescription)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testRedisManifestParsesIntoBaseHistoryAndIncrFilesInOrder() throws {
        let m = try parse("""
            # comment
            file appendonly.aof.3.base.rdb seq 3 type b
            file appendonly.aof.2.base.rdb seq 2 type h
            file appendonly.aof.4.incr.aof seq 4 type i
            FILE appendonly.aof.5.incr.aof SEQ 5 TYPE i

            """)
        XCTAssertEqual(m.base, .init(name: "appendonly.aof.3.base.rdb", seq: 3, type: .base))
        XCTAssertEqual(m.history.map(\.name), ["appendonly.aof.2.base.rdb"])
        XCTAssertEqual(m.incrs.map(\.seq), [4, 5])
        XCTAssertEqual(m.loadOrder.map(\.name), ["appendonly.aof.3.base.rdb", "appendonly.aof.4.incr.aof", "appendonly.aof.5.incr.aof"])
        XCTAssertEqual(m.currentBaseSeq, 3)
        XCTAssertEqual(m.currentIncrSeq, 5)
    }

    func testSerializationRoundTripsWithOffsetsAndQuotedNames() throws {
        var m = AOFManifest()
        m.base = .init(name: "my aof.1.base.rdb", seq: 1, type: .base)
        m.history = [.init(name: "q\"uote\t\u{7}\u{1}\u{e9}.aof", seq: 1, type: .history)]
        m.incrs = [.init(name: "appendonly.aof.1.incr.aof", seq: 1, type: .incr, startOffset: 0, endOffset: 120),
                   .init(name: "appendonly.aof.2.incr.aof", seq: 2, type: .incr, startOffset: 120)]
        m.currentBaseSeq = 1
        m.currentIncrSeq = 2
        let text = String(decoding: m.serialized(), as: UTF8.self)
        XCTAssertEqual(text, """
            file "my aof.1.base.rdb" seq 1 type b
            file "q\\"uote\\t\\a\\x01\\xc3\\xa9.aof" seq 1 type h
            file appendonly.aof.1.incr.aof seq 1 type i startoffset 0 endoffset 120
            file appendonly.aof.2.incr.aof seq 2 type i startoffset 120

            """)
        XCTAssertEqual(try AOFManifest.parse(m.serialized()), m)
    }

    func testUnknownKeysAreIgnoredAsRedisDoes() throws {
        let m = try parse("file a.aof seq 1 type i future value\n")
        XCTAssertEqual(m.incrs, [.init(name: "a.aof", seq: 1, type: .incr)])
    }

    func testFileNamesFollowRedis() {
        let n = AOFFileNames()
        XCTAssertEqual(n.base(seq: 1, rdbPreamble: true), "appendonly.aof.1.base.rdb")
        XCTAssertEqual(n.base(seq: 2, rdbPreamble: false), "appendonly.aof.2.base.aof")
        XCTAssertEqual(n.incr(seq: 7), "appendonly.aof.7.incr.aof")
        XCTAssertEqual(n.manifest, "appendonly.aof.manifest")
        XCTAssertEqual(n.temporaryManifest, "temp-appendonly.aof.manifest")
    }

    func testEveryRedisParseErrorWithItsText() {
        let invalid = "Invalid AOF manifest file format"
        XCTAssertEqual(parseError("")?.message, "Found an empty AOF manifest")
        XCTAssertEqual(parseError("file a seq 1 type b")?.message, "The AOF manifest file contains too long line")
        XCTAssertEqual(parseError("file a seq 1 type b " + String(repeating: "x", count: 1100) + "\n")?.message,
                       "The AOF manifest file contains too long line")
        XCTAssertEqual(parseError("file a seq 1 type b\n\n")?.message, invalid)
        XCTAssertEqual(parseError("file a seq 1 type\n")?.message, invalid)
        XCTAssertEqual(parseError("file a seq 1\n")?.message, invalid)
        XCTAssertEqual(parseError("file \"a seq 1 type b\n")?.message, invalid)
        XCTAssertEqual(parseError("file a seq 0 type b\n")?.message, invalid)
        XCTAssertEqual(parseError("file a seq x type b\n")?.message, invalid)
        XCTAssertEqual(parseError("file a seq 1 type \"\"\n")?.message, invalid)
        XCTAssertEqual(parseError("name a seq 1 type b\n")?.message, invalid)
        XCTAssertEqual(parseError("file dir/a seq 1 type b\n")?.message, "File can't be a path, just a filename")
        XCTAssertEqual(parseError("file dir\\\\a seq 1 type b\n")?.message, "File can't be a path, just a filename")
        XCTAssertEqual(parseError("file a seq 1 type x\n")?.message, "Unknown AOF file type")
        XCTAssertEqual(parseError("file a seq 1 type b\nfile b seq 2 type b\n")?.message, "Found duplicate base file information")
        XCTAssertEqual(parseError("file a seq 2 type i\nfile b seq 2 type i\n")?.message, "Found a non-monotonic sequence number")
        let located = parseError("# c\nfile a seq 1 type b\nfile a seq 1 type q\n")
        XCTAssertEqual(located?.line, 3)
        XCTAssertEqual(located?.text, "file a seq 1 type q")
    }

    /// Lines are read 1024 bytes at a time like fgets: the rest of a longer comment is read as a line of its own.
    func testCommentsAndSeqParsingFollowC() throws {
        XCTAssertEqual(try parse("#" + String(repeating: "c", count: 1000) + "\nfile a seq 1 type b\n").base?.name, "a")
        XCTAssertEqual(parseError("#" + String(repeating: "c", count: 2000) + "\nfile a seq 1 type b\n")?.message,
                       "Invalid AOF manifest file format")
        XCTAssertEqual(try parse("file a seq 12abc type b\n").base?.seq, 12)
        XCTAssertEqual(AOFManifest.cLongLong(b("  -42x")), -42)
    }

    /// redis-server 7.0.15 refuses each bad manifest with the same message, and loads one carrying Strata's
    /// startoffset/endoffset keys.
    func testRedisServerAgreesOnErrorsAndLoadsOffsetKeys() throws {
        let cases = ["file a seq 1 type x\n": "Unknown AOF file type",
                     "file a seq 2 type i\nfile b seq 2 type i\n": "Found a non-monotonic sequence number",
                     "file a seq 1 type b\nfile b seq 2 type b\n": "Found duplicate base file information",
                     "file d/a seq 1 type b\n": "File can't be a path, just a filename",
                     "file a seq 1\n": "Invalid AOF manifest file format",
                     "#" + String(repeating: "c", count: 2000) + "\nfile a seq 1 type b\n": "Invalid AOF manifest file format",
                     "file a seq 1 type b": "The AOF manifest file contains too long line"]
        for (manifest, message) in cases {
            XCTAssertEqual(parseError(manifest)?.message, message)
            let dir = try scratchDirectory()
            try FileManager.default.createDirectory(atPath: dir + "/appendonlydir", withIntermediateDirectories: true)
            try write(b(manifest), to: dir + "/appendonlydir/appendonly.aof.manifest")
            try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
                XCTAssertNil(port, manifest)
                XCTAssertTrue(try String(contentsOfFile: log).contains(message), manifest)
            }
        }
        let dir = try scratchDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/appendonlydir", withIntermediateDirectories: true)
        try write(resp([["SET", "k", "v"]]), to: dir + "/appendonlydir/appendonly.aof.1.incr.aof")
        try write(b("file appendonly.aof.1.incr.aof seq 1 type i startoffset 100 endoffset 131\n"),
                  to: dir + "/appendonlydir/appendonly.aof.manifest")
        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, _ in
            XCTAssertEqual(try redisCLI(try XCTUnwrap(port), ["get", "k"]), "v\n")
        }
    }
}
