import XCTest
@testable import StrataConfig

final class CommandLineArgumentsTests: XCTestCase {
    func testFirstWordIsTheConfigFileAndOptionsBecomeQuotedLines() {
        let parsed = CommandLineArguments(["/etc/redis.conf", "--port", "7777", "--save", "60", "1000", "--loglevel", "verbose"])
        XCTAssertEqual(parsed.configFile, "/etc/redis.conf")
        XCTAssertEqual(parsed.options, "port \"7777\" \nsave \"60\" \"1000\" \nloglevel \"verbose\" ")
        XCTAssertEqual(parsed.request, .run)
    }

    func testDashReadsStandardInputWhenFirstOrLast() {
        XCTAssertTrue(CommandLineArguments(["-"]).readsStandardInput)
        XCTAssertTrue(CommandLineArguments(["/x.conf", "--port", "1", "-"]).readsStandardInput)
        let middle = CommandLineArguments(["--port", "-", "--timeout", "1"])
        XCTAssertFalse(middle.readsStandardInput)
        XCTAssertEqual(middle.options, "port \"-\" \ntimeout \"1\" ")
    }

    func testSaveWithoutArgumentsMeansEmptySave() {
        XCTAssertEqual(CommandLineArguments(["--save", "--port", "1"]).options, "save \"\"\nport \"1\" ")
        XCTAssertEqual(CommandLineArguments(["--port", "1", "--save"]).options, "port \"1\" \nsave \"\"")
    }

    func testOptionNameWithoutArgumentTakesTheNextDashDashWordAsArgument() {
        XCTAssertEqual(CommandLineArguments(["--requirepass", "--secret"]).options, "requirepass \"--secret\" ")
    }

    func testSentinelOptionsAndMode() {
        let parsed = CommandLineArguments(["--sentinel", "--sentinel", "monitor", "m", "10.0.0.1", "6379", "2", "--port", "26379"])
        XCTAssertTrue(parsed.sentinelMode)
        XCTAssertNil(parsed.configFile)
        XCTAssertEqual(parsed.options, "sentinel \nsentinel \"monitor\" \"m\" \"10.0.0.1\" \"6379\" \"2\" \nport \"26379\" ")
    }

    func testVersionAndHelpRequests() {
        XCTAssertEqual(CommandLineArguments(["-v"]).request, .printVersion)
        XCTAssertEqual(CommandLineArguments(["--version"]).request, .printVersion)
        XCTAssertEqual(CommandLineArguments(["-h"]).request, .printHelp)
        XCTAssertEqual(CommandLineArguments(["--help"]).request, .printHelp)
        XCTAssertEqual(CommandLineArguments([]), CommandLineArguments([]))
    }
}
