import Foundation
import Logging
import XCTest
@testable import StrataLogging

final class RedisLogSinkTests: XCTestCase {
    private var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "strata-log-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// 2026-11-24 21:20:17.123 UTC, and 2026-03-05 04:05:06.007 UTC.
    private static let evening = RedisLogClock(usesLocalTime: false) { (1_795_555_217, 123) }
    private static let morning = RedisLogClock(usesLocalTime: false) { (1_772_683_506, 7) }

    private func sink(_ clock: RedisLogClock = evening, level: RedisLogLevel = .notice) -> (RedisLogSink, String) {
        let file = directory + "/redis.log"
        return (RedisLogSink(level: level, logfile: file, clock: clock, pid: 12345), file)
    }

    private func lines(_ file: String) -> [String] {
        (try? String(contentsOfFile: file, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    func testLineHasRedisShape() {
        let (sink, file) = sink()
        sink.write(.notice, "Ready to accept connections tcp")
        XCTAssertEqual(lines(file), ["12345:M 24 Nov 2026 21:20:17.123 * Ready to accept connections tcp"])
    }

    func testDayAndMillisecondsAreZeroPadded() {
        let (sink, file) = sink(Self.morning)
        sink.write(.warning, "x")
        XCTAssertEqual(lines(file), ["12345:M 05 Mar 2026 04:05:06.007 # x"])
    }

    func testMarkersFollowSeverityAndRoleIsSettable() {
        let (sink, file) = sink(level: .debug)
        sink.write(.debug, "a")
        sink.write(.verbose, "b")
        sink.role = .replica
        sink.write(.notice, "c")
        sink.role = .sentinel
        sink.write(.warning, "d")
        sink.role = .child
        sink.write(.warning, "e")
        let shapes = lines(file).map { $0.replacingOccurrences(of: " 24 Nov 2026 21:20:17.123", with: "") }
        XCTAssertEqual(shapes, ["12345:M . a", "12345:M - b", "12345:S * c", "12345:X # d", "12345:C # e"])
    }

    func testLevelFiltersLessSevereLinesAndCanChange() {
        let (sink, file) = sink(level: .warning)
        sink.write(.notice, "hidden")
        sink.write(.warning, "shown")
        sink.level = .verbose
        sink.write(.debug, "hidden")
        sink.write(.verbose, "shown too")
        sink.level = .nothing
        sink.write(.warning, "silenced")
        XCTAssertEqual(lines(file).map { String($0.split(separator: " ", maxSplits: 6).last!) }, ["shown", "shown too"])
    }

    func testRotatedFileIsRecreated() throws {
        let (sink, file) = sink()
        sink.write(.notice, "one")
        try FileManager.default.moveItem(atPath: file, toPath: file + ".1")
        sink.write(.notice, "two")
        XCTAssertEqual(lines(file).count, 1)
        XCTAssertTrue(lines(file)[0].hasSuffix(" * two"))
    }

    func testSwiftLogLevelsMapToRedisSeverities() {
        let (sink, file) = sink(level: .debug)
        let logger = Logger(label: "test") { _ in RedisLogHandler(sink: sink) }
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.notice("n", metadata: ["b": "2", "a": "1"])
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        XCTAssertEqual(lines(file).map { String($0.dropFirst(33)) },
                       [". t", ". d", "- i", "* n a=1 b=2", "# w", "# e", "# c"])
    }

    func testLoggerLevelFollowsTheSink() {
        let (sink, file) = sink(level: .notice)
        let logger = Logger(label: "test") { _ in RedisLogHandler(sink: sink) }
        logger.info("dropped")
        sink.level = .verbose
        logger.info("kept")
        XCTAssertEqual(lines(file).map { String($0.dropFirst(33)) }, ["- kept"])
    }

    func testLogLevelWordsParse() {
        XCTAssertEqual(["debug", "VERBOSE", "notice", "warning", "nothing"].compactMap(RedisLogLevel.init),
                       [.debug, .verbose, .notice, .warning, .nothing])
        XCTAssertNil(RedisLogLevel("loud"))
    }

    func testConcurrentWritesProduceWholeLines() {
        let (sink, file) = sink()
        DispatchQueue.concurrentPerform(iterations: 200) { sink.write(.notice, "line \($0)") }
        let written = lines(file)
        XCTAssertEqual(written.count, 200)
        XCTAssertTrue(written.allSatisfy { $0.hasPrefix("12345:M 24 Nov 2026 21:20:17.123 * line ") })
    }
}
