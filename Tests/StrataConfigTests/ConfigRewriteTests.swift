import XCTest
@testable import StrataConfig

final class ConfigRewriteTests: XCTestCase {
    /// The same file, CONFIG SET and CONFIG REWRITE given to redis-server 7.0.15 produced this
    /// text (plus a `user default ...` line from its ACL, which is not this target's business).
    /// Redis appends generated lines in hash order, so those are compared as a set.
    func testRewriteMatchesRedis() throws {
        let scratch = ScratchDirectory()
        let dir = URL(fileURLWithPath: scratch.path).resolvingSymlinksInPath().path
        let included = scratch.write("inc.conf", "hz 15\n")
        let store = try loadedStore("""
            # top comment
            port 7788
            save ""


            maxmemory 100mb
            # comment two
            include \(included)
            rename-command FLUSHALL ""
            save 900 1
            save 300 10
            slave-read-only no
            hash-max-ziplist-entries 100
            pidfile ""
            logfile ""
            timeout 0
            bind 127.0.0.1
            maxmemory 200mb
               loglevel notice   
            list-max-ziplist-entries 5
            client-output-buffer-limit replica 300mb 70mb 60
            dir \(dir)
            latency-tracking-info-percentiles 50 99 99.9

            """, in: scratch)
        try store.set([("maxmemory", "0"), ("timeout", "5"), ("slave-read-only", "yes")])
        try store.rewrite()

        let written = scratch.read("redis.conf")
        let parts = written.components(separatedBy: ConfigRewriter.signature + "\n")
        XCTAssertEqual(parts.count, 2)
        XCTAssertEqual(parts[0], """
            # top comment
            port 7788
            save 300 10

            maxmemory 0
            # comment two
            include \(included)
            rename-command FLUSHALL ""

            replica-read-only yes
            hash-max-listpack-entries 100

            logfile ""
            timeout 5
            bind 127.0.0.1

            loglevel notice
            # ??? list-max-ziplist-entries 5
            client-output-buffer-limit normal 0 0 0
            dir "\(dir)"
            latency-tracking-info-percentiles 50 99 99.9


            """)
        XCTAssertEqual(Set(parts[1].split(separator: "\n")), ["client-output-buffer-limit replica 300mb 70mb 60", "hz 15"])
        XCTAssertEqual(try ConfigFileLoaderCheck.reload(scratch), "hz 15 / port 7788 / save 300 10")
    }

    /// redis-server 7.0.15 rewriting an empty file after `CONFIG SET masterauth ...` writes the
    /// always-written directives and the changed ones (again in its own order).
    func testRewritingAnEmptyFileWritesForcedAndChangedDirectives() throws {
        let scratch = ScratchDirectory()
        let dir = FileManager.default.currentDirectoryPath
        let store = try loadedStore("", in: scratch)
        try store.set([("masterauth", "a b\"\\\n\u{1}z"), ("proc-title-template", "{title} x"), ("maxmemory", "3gb")])
        try store.rewrite()
        let lines = scratch.read("redis.conf").split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, ConfigRewriter.signature)
        XCTAssertEqual(Set(lines.dropFirst()), [
            #"masterauth "a b\"\\\n\x01z""#, "dir \"\(dir)\"", "latency-tracking-info-percentiles 50 99 99.9",
            "save 3600 1", "save 300 100", "save 60 10000", "proc-title-template \"{title} x\"", "maxmemory 3gb",
        ])
    }

    func testExistingSignatureIsNotRepeatedAndDefaultsKeepTheirLines() throws {
        let scratch = ScratchDirectory()
        let store = try loadedStore("maxmemory 1mb\n\(ConfigRewriter.signature)\nbind * -::*\nsave 60 1\n", in: scratch)
        try store.set([("maxmemory", "0"), ("timeout", "7")])
        try store.rewrite()
        let dir = FileManager.default.currentDirectoryPath
        XCTAssertEqual(scratch.read("redis.conf"), """
            maxmemory 0
            \(ConfigRewriter.signature)

            save 60 1

            timeout 7
            dir "\(dir)"
            latency-tracking-info-percentiles 50 99 99.9

            """)
    }

    func testRewriteWithoutConfigFileFails() {
        XCTAssertThrowsError(try ConfigStore().rewrite()) {
            XCTAssertEqual(($0 as? ConfigRewriteError)?.message, "ERR The server is running without a config file")
        }
    }
}

/// Reloads the rewritten file to check it still parses to the same values.
private enum ConfigFileLoaderCheck {
    static func reload(_ scratch: ScratchDirectory) throws -> String {
        let store = ConfigStore()
        try store.load(commandLine: CommandLineArguments([scratch.path + "/redis.conf"]))
        return "hz \(store.int("hz")) / port \(store.int("port")) / save \(store.string("save"))"
    }
}
