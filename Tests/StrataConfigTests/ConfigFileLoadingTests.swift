import XCTest
@testable import StrataConfig

final class ConfigFileLoadingTests: XCTestCase {
    func testCommentsBlankLinesAndCaseInsensitiveNamesAreAccepted() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("# comment\n\n   \nPORT 7000\n  MaxMemory-Policy allkeys-LRU  \r\n", in: scratch)
        XCTAssertEqual(store.int("port"), 7000)
        XCTAssertEqual(store.enumValue("maxmemory-policy"), "allkeys-lru")
    }

    func testCRLFLinesAreSplitAndTrimmed() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("port 7003\r\ntimeout 9\r\n", in: scratch)
        XCTAssertEqual(store.int("port"), 7003)
        XCTAssertEqual(store.int("timeout"), 9)
    }

    func testMemoryUnitsFollowRedis() throws {
        let scratch = ScratchDirectory()
        let cases: [(String, String)] = [
            ("1k", "1000"), ("1kb", "1024"), ("1KB", "1024"), ("2m", "2000000"), ("2Mb", "2097152"),
            ("3g", "3000000000"), ("3gb", "3221225472"), ("7b", "7"), ("05", "5"), ("", "0"),
            ("18446744073709551616", "18446744073709551615"), ("17179869184gb", "0"),
        ]
        for (input, expected) in cases {
            let store = try loadedStore("maxmemory \"\(input)\"\n", in: scratch)
            XCTAssertEqual(store.string("maxmemory"), expected, input)
        }
        XCTAssertEqual(try loadedStore("maxmemory 500mb\n", in: scratch).int("maxmemory"), 500 * 1024 * 1024)
    }

    func testLaterLinesOverrideEarlierOnesAndOptionsOverrideTheFile() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("port 1\nport 2\nbind 1.1.1.1\nbind 2.2.2.2 3.3.3.3\ntimeout 5\n",
                                    options: ["--port", "3", "--timeout", "6"], in: scratch)
        XCTAssertEqual(store.int("port"), 3)
        XCTAssertEqual(store.int("timeout"), 6)
        XCTAssertEqual(store.strings("bind"), ["2.2.2.2", "3.3.3.3"])
    }

    /// Checked against redis-server 7.0.15 (`CONFIG GET save` after loading each file).
    func testSaveLinesAccumulateWithinTheLoad() throws {
        let scratch = ScratchDirectory()
        let cases: [(String, String)] = [
            ("save 900 1\nsave 300 10\n", "900 1 300 10"),
            ("save \"\"\nsave 900 1\nsave 300 10\n", "900 1 300 10"),
            ("save 900 1\nsave \"\"\nsave 300 10\n", "300 10"),
            ("save 900 1 300 10\nsave 60 5\n", "900 1 300 10 60 5"),
            ("save 900 1\nsave 300 10\nsave \"\"\n", ""),
        ]
        for (file, expected) in cases {
            XCTAssertEqual(try loadedStore(file, in: scratch).string("save"), expected, file)
        }
        XCTAssertEqual(try loadedStore("save 900 1\n", options: ["--save", "60", "1000"], in: scratch).string("save"),
                       "900 1 60 1000")
        XCTAssertEqual(try loadedStore("save 900 1\n", options: ["--save"], in: scratch).string("save"), "")
        // One quoted argument is split into its words, as redis-server does for multi-argument directives.
        XCTAssertEqual(try loadedStore("", options: ["--save", "1 1"], in: scratch).string("save"), "1 1")
        XCTAssertEqual(try loadedStore("save \"3600 1 300 100\"\n", in: scratch).string("save"), "3600 1 300 100")
        XCTAssertEqual(try loadedStore("bind \"127.0.0.1 -::1\"\n", in: scratch).strings("bind"), ["127.0.0.1", "-::1"])
    }

    /// Redis 7.0 stops accumulating `save` lines once an include has been read.
    func testSaveLinesAfterAnIncludeReplaceEachOther() throws {
        let scratch = ScratchDirectory()
        let included = scratch.write("inc.conf", "hz 15\n")
        let store = try loadedStore("save 900 1\ninclude \(included)\nsave 300 10\nsave 60 5\n", in: scratch)
        XCTAssertEqual(store.string("save"), "60 5")
        XCTAssertEqual(store.int("hz"), 15)
    }

    func testIncludesAreReadRecursivelyAndGlobsMayMatchNothing() throws {
        let scratch = ScratchDirectory()
        scratch.write("b.conf", "maxmemory 1mb\n")
        scratch.write("a.conf", "port 7001\ninclude \(scratch.path)/b.conf\n")
        scratch.write("z1.part", "timeout 1\n")
        scratch.write("z2.part", "timeout 2\n")
        let store = try loadedStore("include \(scratch.path)/a.conf\ninclude \(scratch.path)/*.part\ninclude \(scratch.path)/none*.x\n",
                                    in: scratch)
        XCTAssertEqual(store.int("port"), 7001)
        XCTAssertEqual(store.int("maxmemory"), 1 << 20)
        XCTAssertEqual(store.int("timeout"), 2)
        XCTAssertEqual(store.fileDirectives.filter { $0.name == "include" }.count, 4)
    }

    func testFileOnlyDirectivesAreRecorded() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("rename-command FLUSHALL \"\"\nuser alice on >pw ~* +@all\nloadmodule /x.so a b\nmymod.opt 5\nsentinel\nlist-max-ziplist-entries 5\n",
                                    in: scratch)
        XCTAssertEqual(store.fileDirectives, [
            ConfigFileDirective(name: "rename-command", arguments: ["FLUSHALL", ""]),
            ConfigFileDirective(name: "user", arguments: ["alice", "on", ">pw", "~*", "+@all"]),
            ConfigFileDirective(name: "loadmodule", arguments: ["/x.so", "a", "b"]),
            ConfigFileDirective(name: "mymod.opt", arguments: ["5"]),
        ])
    }

    func testSentinelDirectivesNeedSentinelMode() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("sentinel monitor m 127.0.0.1 6379 2\n", options: ["--sentinel"], in: scratch)
        XCTAssertEqual(store.fileDirectives, [ConfigFileDirective(name: "sentinel", arguments: ["monitor", "m", "127.0.0.1", "6379", "2"])])
        XCTAssertEqual(loadError("sentinel monitor a b c\n", in: scratch)?.description,
                       fatalReport(line: 1, "sentinel monitor a b c", "sentinel directive while not in sentinel mode"))
    }

    func testDirChangesDirectoryBeforeLaterRelativeIncludes() throws {
        let scratch = ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.path + "/data", withIntermediateDirectories: true)
        scratch.write("data/extra.conf", "port 7002\n")
        let store = try loadedStore("dir \(scratch.path)/data\ninclude extra.conf\n", in: scratch)
        XCTAssertEqual(store.int("port"), 7002)
        XCTAssertEqual(store.string("dir"), URL(fileURLWithPath: scratch.path + "/data").resolvingSymlinksInPath().path)
    }

    func testHzOutsideOneToFiveHundredIsClamped() throws {
        let scratch = ScratchDirectory()
        XCTAssertEqual(try loadedStore("hz 1000\n", in: scratch).int("hz"), 500)
        XCTAssertEqual(try loadedStore("hz 0\n", in: scratch).int("hz"), 1)
    }

    func testLoadNotifiesTheChangedNames() throws {
        let scratch = ScratchDirectory()
        let store = ConfigStore()
        var changed: [String] = []
        store.onChange = { changed = $0 }
        try store.load(commandLine: CommandLineArguments([scratch.write("r.conf", "port 6379\nslave-read-only no\nmaxmemory 1mb\n")]))
        XCTAssertEqual(Set(changed), ["replica-read-only", "maxmemory"])
        XCTAssertEqual(store.configFile, scratch.path + "/r.conf")
    }
}
