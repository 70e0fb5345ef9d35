import XCTest
@testable import StrataConfig

/// Each expected text was printed by redis-server 7.0.15 for the same file (banner aside).
final class ConfigFileErrorTests: XCTestCase {
    func testRejectedLinesReportRedisTexts() {
        let scratch = ScratchDirectory()
        let cases: [(String, String)] = [
            ("port", "wrong number of arguments"),
            ("port 1 2", "wrong number of arguments"),
            ("port abc", "argument couldn't be parsed into an integer"),
            ("port 70000", "argument must be between 0 and 65535 inclusive"),
            ("port -1", "argument must be between 0 and 65535 inclusive"),
            ("maxmemory 10x", "argument must be a memory value"),
            ("maxmemory -5", "argument must be a memory value"),
            ("maxmemory-policy foo", "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"),
            ("loglevel nothing", "argument(s) must be one of the following: debug, verbose, notice, warning"),
            ("daemonize maybe", "argument must be 'yes' or 'no'"),
            ("foo bar", "Bad directive or wrong number of arguments"),
            ("user", "Bad directive or wrong number of arguments"),
            ("include a b", "Bad directive or wrong number of arguments"),
            (#"port "abc"#, "Unbalanced quotes in configuration line"),
            (#"port "abc"x"#, "Unbalanced quotes in configuration line"),
            ("save 10", "Invalid save parameters"),
            ("save a b", "Invalid save parameters"),
            ("bind 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", "Too many bind addresses specified."),
            ("client-output-buffer-limit normal 0 0", "Wrong number of arguments in buffer limit configuration."),
            ("client-output-buffer-limit master 0 0 0", "Invalid client class specified in buffer limit configuration."),
            ("client-output-buffer-limit normal x 0 0", "Error in hard, soft or soft_seconds setting in buffer limit configuration."),
            ("oom-score-adj-values 1 2", "wrong number of arguments"),
            ("oom-score-adj-values 1 2 3000", "Invalid oom-score-adj-values, elements must be between -2000 and 2000."),
            ("notify-keyspace-events Q", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
            ("replicaof a", "wrong number of arguments"),
            ("replicaof a b", "Invalid master port"),
            ("unixsocketperm 999", "argument couldn't be parsed as an octal number"),
            ("maxmemory-clients 200%", "percentage argument must be less or equal to 100"),
            ("maxmemory-clients abc", "argument must be a memory or percent value"),
            ("dir /nonexistent", "No such file or directory"),
            ("dbfilename a/b", "dbfilename can't be a path, just a filename"),
            ("latency-tracking-info-percentiles 101", "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"),
            ("latency-tracking-info-percentiles x", "Invalid latency-tracking-info-percentiles parameters"),
            ("maxclients 0", "argument must be between 1 and 4294967295 inclusive"),
            ("mymod.opt", "Module config specified without value"),
            ("socket-mark-id -1", "argument must be between 0 and 4294967295 inclusive"),
            ("io-threads 0", "argument must be between 1 and 128 inclusive"),
            ("slowlog-log-slower-than -2", "argument must be between -1 and 9223372036854775807 inclusive"),
            ("proto-max-bulk-len 18446744073709551615", "argument must be between 1048576 and 9223372036854775807 inclusive"),
            ("hash-max-listpack-entries -1", "argument must be between 0 and 9223372036854775807 inclusive"),
            ("unixsocketperm -1", "argument must be between 0 and 777 inclusive"),
            ("shutdown-on-sigint save nosave", "shutdown options SAVE and NOSAVE can't be used simultaneously"),
            (#"appendfilename """#, "appendfilename can't be empty"),
            ("appenddirname a/b", "appenddirname can't be a path, just a dirname"),
            ("list-max-ziplist-entries 1 2", "Bad directive or wrong number of arguments"),
            ("rename-command a", "Bad directive or wrong number of arguments"),
        ]
        for (line, reason) in cases {
            XCTAssertEqual(loadError("# first\n" + line + "\n", in: scratch)?.description, fatalReport(line: 2, line, reason), line)
        }
    }

    func testCommandLineOptionsAreReportedAsQuotedLinesAfterTheFile() {
        let scratch = ScratchDirectory()
        XCTAssertEqual(loadError("port 7000\n", options: ["--port", "abc"], in: scratch)?.description,
                       fatalReport(line: 3, #"port "abc""#, "argument couldn't be parsed into an integer"))
        let store = ConfigStore()
        XCTAssertThrowsError(try store.load(commandLine: CommandLineArguments(["--port", "abc"]))) { error in
            XCTAssertEqual((error as? ConfigFileError)?.description,
                           fatalReport(line: 2, #"port "abc""#, "argument couldn't be parsed into an integer"))
        }
    }

    func testErrorsInIncludedFilesReportTheirOwnLine() {
        let scratch = ScratchDirectory()
        let included = scratch.write("inc.conf", "\n\nmaxmemory x\n")
        XCTAssertEqual(loadError("port 1\ninclude \(included)\n", in: scratch)?.description,
                       fatalReport(line: 3, "maxmemory x", "argument must be a memory value"))
    }

    func testUnreadableFilesAreReported() {
        let scratch = ScratchDirectory()
        XCTAssertEqual(loadError("include /nonexist\n", in: scratch),
                       .unreadableFile(path: "/nonexist", reason: "No such file or directory"))
        XCTAssertEqual(ConfigFileError.unreadableFile(path: "/nonexist", reason: "No such file or directory").description,
                       "Fatal error, can't open config file '/nonexist': No such file or directory")
    }

    func testUnopenableLogFileIsReportedWithoutALine() {
        let scratch = ScratchDirectory()
        XCTAssertEqual(loadError("logfile /nonexistent/x.log\n", in: scratch)?.description,
                       "\n*** FATAL CONFIG FILE ERROR (Strata \(StrataVersion.current)) ***\nCan't open the log file: No such file or directory")
    }

    func testReplicaofIsRefusedInClusterMode() {
        let scratch = ScratchDirectory()
        XCTAssertEqual(loadError("cluster-enabled yes\nreplicaof 1.2.3.4 6379\n", in: scratch)?.description,
                       "\n*** FATAL CONFIG FILE ERROR (Strata \(StrataVersion.current)) ***\nreplicaof directive not allowed in cluster mode")
    }

    func testFailedLoadChangesNothing() {
        let scratch = ScratchDirectory()
        let file = scratch.write("r.conf", "port 7000\nport x\n")
        let store = ConfigStore()
        XCTAssertThrowsError(try store.load(commandLine: CommandLineArguments([file])))
        XCTAssertEqual(store.int("port"), 6379)
        XCTAssertNil(store.configFile)
    }
}
