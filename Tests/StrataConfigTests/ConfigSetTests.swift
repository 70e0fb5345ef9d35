import XCTest
@testable import StrataConfig

/// Error texts as redis-server 7.0.15 replies them.
final class ConfigSetTests: XCTestCase {
    private func setError(_ pairs: [(String, String)], on store: ConfigStore = ConfigStore()) -> String? {
        do {
            try store.set(pairs.map { (name: $0.0, value: $0.1) })
            return nil
        } catch {
            return error.message
        }
    }

    func testErrorsMatchRedis() {
        let cases: [([(String, String)], String)] = [
            ([("foo", "1")], "ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
            ([("maxmemory", "10x")], "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"),
            ([("daemonize", "yes")], "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config"),
            ([("DAEMONIZE", "yes")], "ERR CONFIG SET failed (possibly related to argument 'DAEMONIZE') - can't set immutable config"),
            ([("port", "7782"), ("port", "7783")], "ERR CONFIG SET failed (possibly related to argument 'port') - duplicate parameter"),
            ([("MaxMemory", "1k"), ("maxmemory", "2k")], "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter"),
            ([("MAXMEMORY", "x")], "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"),
            ([("maxmemory", "1mb"), ("port", "abc")], "ERR CONFIG SET failed (possibly related to argument 'port') - argument couldn't be parsed into an integer"),
            ([("port", "7781"), ("foo", "1"), ("daemonize", "yes")], "ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
            ([("daemonize", "yes"), ("foo", "1")], "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config"),
            ([("dir", "/tmp")], "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config"),
            ([("dbfilename", "x")], "ERR CONFIG SET failed (possibly related to argument 'dbfilename') - can't set protected config"),
            ([("save", "10 x")], "ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters"),
            ([("maxclients", "0")], "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive"),
            ([("timeout", "2147483648")], "ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive"),
            ([("maxmemory-clients", "-5")], "ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - argument must be a memory or percent value"),
            ([("shutdown-on-sigint", "save nosave")], "ERR CONFIG SET failed (possibly related to argument 'shutdown-on-sigint') - shutdown options SAVE and NOSAVE can't be used simultaneously"),
            ([("shutdown-on-sigint", "")], "ERR CONFIG SET failed (possibly related to argument 'shutdown-on-sigint') - argument(s) must be one of the following: default, save, nosave, now, force"),
            ([("proc-title-template", "{title}")], "ERR CONFIG SET failed (possibly related to argument 'proc-title-template') - template format is invalid or contains unknown variables"),
            ([("cluster-announce-hostname", "a_b")], "ERR CONFIG SET failed (possibly related to argument 'cluster-announce-hostname') - Hostnames may only contain alphanumeric characters, hyphens or dots"),
            ([("list-max-ziplist-entries", "5")], "ERR Unknown option or number of arguments for CONFIG SET - 'list-max-ziplist-entries'"),
        ]
        for (pairs, expected) in cases {
            XCTAssertEqual(setError(pairs), expected, "\(pairs)")
        }
    }

    /// Redis strict integers: no sign, no leading zero, no spaces.
    func testPlainIntegersAreStrict() {
        for bad in ["", "+5", "05", "-0", " 5", "5 ", "1k"] {
            XCTAssertEqual(setError([("timeout", bad)]),
                           "ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer", bad)
        }
    }

    func testValuesAreRenderedAsRedisDoes() throws {
        let store = ConfigStore()
        let cases: [(String, String, String)] = [
            ("maxmemory", "1KB", "1024"), ("maxmemory-clients", "10%", "10%"), ("maxmemory-clients", "0%", "0"),
            ("loglevel", "Verbose", "verbose"), ("oom-score-adj", "relative", "yes"),
            ("notify-keyspace-events", "KEA", "AKE"), ("notify-keyspace-events", "gmnKEA", "AKEm"),
            ("notify-keyspace-events", "Kg", "gK"), ("notify-keyspace-events", "g$lshzxetd", "A"),
            ("client-output-buffer-limit", "normal 1mb 2mb 3",
             "normal 1048576 2097152 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
            ("client-output-buffer-limit", "replica 1 2 3", "normal 1048576 2097152 3 slave 1 2 3 pubsub 33554432 8388608 60"),
            ("save", "100 10 200 20", "100 10 200 20"), ("save", "", ""),
            ("bind", "127.0.0.1 ::1", "127.0.0.1 ::1"), ("requirepass", "", ""),
            ("latency-tracking-info-percentiles", "50 99.99", "50 99.99"),
            ("shutdown-on-sigint", "force now save", "save now force"), ("shutdown-on-sigint", "default now", "now"),
            ("hz", "1000", "500"),
        ]
        for (name, value, expected) in cases {
            try store.set([(name, value)])
            XCTAssertEqual(store.string(name), expected, "\(name) \(value)")
        }
    }

    func testFailedSetChangesNothing() {
        let store = ConfigStore()
        var notified = false
        store.onChange = { _ in notified = true }
        XCTAssertNotNil(setError([("maxmemory", "1mb"), ("timeout", "5"), ("port", "abc")], on: store))
        XCTAssertEqual(store.int("maxmemory"), 0)
        XCTAssertEqual(store.int("timeout"), 0)
        XCTAssertFalse(notified)
    }

    func testSuccessfulSetAppliesAllAndNotifiesCanonicalNames() throws {
        let store = ConfigStore()
        var changed: [String] = []
        var loggingChanged = false
        store.onChange = { changed = $0 }
        store.onLoggingChange = { loggingChanged = true }
        try store.set([("maxmemory", "100mb"), ("slave-priority", "5"), ("loglevel", "warning"), ("port", "6379")])
        XCTAssertEqual(store.int("maxmemory"), 100 << 20)
        XCTAssertEqual(store.int("replica-priority"), 5)
        XCTAssertEqual(Set(changed), ["maxmemory", "replica-priority", "loglevel"])
        XCTAssertTrue(loggingChanged)
    }

    /// Redis treats an alias and its canonical name as different parameters here.
    func testAliasAndCanonicalNameAreNotDuplicates() throws {
        let store = ConfigStore()
        try store.set([("hash-max-ziplist-entries", "10"), ("hash-max-listpack-entries", "20")])
        XCTAssertEqual(store.int("hash-max-listpack-entries"), 20)
    }

    func testProtectedDirIsSettableWhenAllowedAndUndoneOnFailure() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("enable-protected-configs local\n", in: scratch)
        let before = FileManager.default.currentDirectoryPath
        XCTAssertEqual(setError([("dir", scratch.path)], on: store),
                       "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config")
        XCTAssertEqual(setError([("dir", scratch.path), ("port", "x")], on: ConfigStore()),
                       "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config")
        XCTAssertThrowsError(try store.set([(name: "dir", value: "/nonexistent")], isLocalClient: true)) {
            XCTAssertEqual(($0 as? ConfigSetError)?.message,
                           "ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory")
        }
        XCTAssertThrowsError(try store.set([(name: "dir", value: scratch.path), (name: "port", value: "x")], isLocalClient: true))
        XCTAssertEqual(FileManager.default.currentDirectoryPath, before)
        try store.set([(name: "dir", value: scratch.path)], isLocalClient: true)
        XCTAssertEqual(store.string("dir"), URL(fileURLWithPath: scratch.path).resolvingSymlinksInPath().path)
    }
}
