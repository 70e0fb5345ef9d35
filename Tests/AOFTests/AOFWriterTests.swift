@testable import AOF
import Foundation
import RDB
import XCTest

/// Background jobs the test controls: an fsync stays "in progress" until the test says it finished.
final class ManualBackgroundJobs: AOFBackgroundJobs {
    var fsyncInProgress = false
    var lastFsyncError: Int32?
    var fsyncs = 0
    var closed: [Int32] = []

    func fsync(_ fd: Int32) {
        fsyncs += 1
        fsyncInProgress = true
    }

    func close(_ fd: Int32) {
        closed.append(fd)
        Glibc.close(fd)
    }
}

final class AOFWriterTests: XCTestCase {
    var clock: Int64 = 1_000
    var inlineFsyncs = 0
    let jobs = ManualBackgroundJobs()

    var environment: AOFEnvironment {
        AOFEnvironment(now: { [unowned self] in clock }, fsync: { [unowned self] _ in inlineFsyncs += 1; return 0 }, background: jobs)
    }

    func commandsBase(_ commands: [[String]]) -> (String) throws -> Void {
        { [unowned self] path in try write(resp(commands), to: path) }
    }

    func makeWriter(_ dir: String, policy: AOFFsyncPolicy, base: [[String]] = []) throws -> AOFWriter {
        try AOFWriter.open(directory: dir + "/appendonlydir", policy: policy, rdbPreamble: false, startOffset: 0,
                           environment: environment, writeBase: commandsBase(base))
    }

    func testFirstStartWritesABaseAndAnIncrFileNamedAsRedisDoes() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .always, base: [["SET", "a", "1"]])
        XCTAssertEqual(try files(in: dir + "/appendonlydir"),
                       ["appendonly.aof.1.base.aof", "appendonly.aof.1.incr.aof", "appendonly.aof.manifest"])
        XCTAssertEqual(String(decoding: try contents(dir + "/appendonlydir/appendonly.aof.manifest"), as: UTF8.self),
                       "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i startoffset 0\n")
        XCTAssertEqual(w.currentSize, resp([["SET", "a", "1"]]).count)
        XCTAssertEqual(w.baseSize, w.currentSize)
    }

    /// The manifest text redis-server 7.0.15 writes for `--appendfilename 'my "aof".aof'`, and it loads ours.
    func testQuotedFileNamesMatchRedisAndLoadInIt() throws {
        let dir = try scratchDirectory()
        let names = AOFFileNames(appendFilename: "my \"aof\".aof")
        let w = try AOFWriter.create(directory: dir + "/appendonlydir", names: names, policy: .always, rdbPreamble: false,
                                     startOffset: 0, environment: environment, writeBase: commandsBase([["SET", "a", "1"]]))
        w.append(resp([["SET", "b", "2"]]))
        try w.close()
        XCTAssertEqual(String(decoding: try contents(dir + "/appendonlydir/my \"aof\".aof.manifest"), as: UTF8.self), """
            file "my \\"aof\\".aof.1.base.aof" seq 1 type b
            file "my \\"aof\\".aof.1.incr.aof" seq 1 type i startoffset 0

            """)
        try withRedisServer(dir: dir, ["--appendonly", "yes", "--appendfilename", "my \"aof\".aof"]) { port, log in
            let port = try XCTUnwrap(port, (try? String(contentsOfFile: log)) ?? "")
            XCTAssertEqual(try redisCLI(port, ["mget", "a", "b"]), "1\n2\n")
        }
    }

    func testAlwaysWritesAndFsyncsOncePerFlush() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .always)
        w.append(resp([["SET", "k", "1"]]))
        w.append(resp([["SET", "k", "2"]]))
        XCTAssertEqual(try w.flush(), .written)
        XCTAssertEqual(inlineFsyncs, 1, "one fsync covers every command of the round")
        XCTAssertEqual(try w.flush(), .idle)
        XCTAssertEqual(inlineFsyncs, 1)
        XCTAssertEqual(try contents(dir + "/appendonlydir/appendonly.aof.1.incr.aof"), resp([["SET", "k", "1"], ["SET", "k", "2"]]))
        XCTAssertEqual(w.currentIncrSize, resp([["SET", "k", "1"], ["SET", "k", "2"]]).count)
        XCTAssertEqual(jobs.fsyncs, 0)
    }

    func testEverysecFsyncsInTheBackgroundOncePerSecond() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .everysec)
        w.append(resp([["SET", "k", "1"]]))
        XCTAssertEqual(try w.flush(), .written)
        XCTAssertEqual(jobs.fsyncs, 0, "same second as the last fsync")
        clock += 1
        w.append(resp([["SET", "k", "2"]]))
        XCTAssertEqual(try w.flush(), .written)
        XCTAssertEqual(jobs.fsyncs, 1)
        jobs.fsyncInProgress = false
        XCTAssertEqual(try w.flush(), .idle, "nothing written since that fsync")
        w.append(resp([["SET", "k", "3"]]))
        XCTAssertEqual(try w.flush(), .written)
        clock += 1
        XCTAssertEqual(try w.flush(), .synced, "bytes written but not synced get their fsync with an empty buffer")
        XCTAssertEqual(jobs.fsyncs, 2)
        XCTAssertEqual(inlineFsyncs, 0)
    }

    /// Redis's rule: while a background fsync runs, a write waits up to two seconds, then goes ahead and counts
    /// as a delayed fsync.
    func testEverysecPostponesWritesBehindARunningFsyncForTwoSeconds() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .everysec)
        jobs.fsyncInProgress = true
        w.append(resp([["SET", "k", "1"]]))
        XCTAssertEqual(try w.flush(), .postponed)
        XCTAssertTrue(w.hasPostponedFlush)
        clock += 1
        XCTAssertEqual(try w.flush(), .postponed)
        XCTAssertEqual(w.pendingCount, resp([["SET", "k", "1"]]).count)
        clock += 1
        XCTAssertEqual(try w.flush(), .written)
        XCTAssertEqual(w.delayedFsyncs, 1)
        XCTAssertFalse(w.hasPostponedFlush)
        XCTAssertEqual(jobs.fsyncs, 0, "no second fsync is queued behind the running one")
        jobs.fsyncInProgress = true
        w.append(resp([["SET", "k", "2"]]))
        XCTAssertEqual(try w.flush(force: true), .written, "a forced flush does not wait")
        XCTAssertEqual(w.delayedFsyncs, 1)
    }

    func testTimestampAnnotationsPrecedeTheFirstCommandOfEachSecond() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .no)
        w.timestampAnnotations = true
        w.append(resp([["SET", "k", "1"]]))
        w.append(resp([["SET", "k", "2"]]))
        clock += 1
        w.append(resp([["SET", "k", "3"]]))
        try w.flush()
        XCTAssertEqual(try contents(dir + "/appendonlydir/appendonly.aof.1.incr.aof"),
                       b("#TS:1000\r\n") + resp([["SET", "k", "1"], ["SET", "k", "2"]]) + b("#TS:1001\r\n") + resp([["SET", "k", "3"]]))
    }

    /// The real background thread: an fsync counts as in progress until it returns, and a failure is kept until
    /// the next successful one.
    func testBackgroundThreadReportsProgressAndFailures() throws {
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        var results: [Int32] = [-1, 0]
        let thread = AOFBackgroundThread { _ in
            started.signal()
            release.wait()
            let r = results.removeFirst()
            if r != 0 { errno = EIO }
            return r
        }
        thread.fsync(99)
        started.wait()
        XCTAssertTrue(thread.fsyncInProgress)
        release.signal()
        while thread.fsyncInProgress { usleep(1000) }
        XCTAssertEqual(thread.lastFsyncError, EIO)
        thread.fsync(99)
        started.wait()
        release.signal()
        while thread.fsyncInProgress { usleep(1000) }
        XCTAssertNil(thread.lastFsyncError)
    }

    func testNoPolicyNeverFsyncs() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .no)
        for i in 0..<3 {
            clock += 1
            w.append(resp([["SET", "k", "\(i)"]]))
            XCTAssertEqual(try w.flush(), .written)
        }
        XCTAssertEqual(inlineFsyncs + jobs.fsyncs, 0)
    }

    /// A failing disk (the incr file is /dev/full): the error is thrown, the status turns to err, nothing is
    /// lost from the buffer, and the status recovers with the next good write.
    func testWriteErrorsAreReportedAndKeepTheBytes() throws {
        let dir = try scratchDirectory()
        let aof = dir + "/appendonlydir"
        try FileManager.default.createDirectory(atPath: aof, withIntermediateDirectories: true)
        try write(b("file appendonly.aof.1.incr.aof seq 1 type i\n"), to: aof + "/appendonly.aof.manifest")
        try FileManager.default.createSymbolicLink(atPath: aof + "/appendonly.aof.1.incr.aof", withDestinationPath: "/dev/full")
        for policy in AOFFsyncPolicy.allCases {
            let w = try makeWriter(dir, policy: policy)
            w.append(resp([["SET", "k", "v"]]))
            XCTAssertThrowsError(try w.flush()) { error in
                XCTAssertEqual((error as? FileError)?.errno, ENOSPC)
                XCTAssertTrue("\(error)".contains("Error writing to the AOF file"), "\(error)")
            }
            XCTAssertFalse(w.writeStatusOK)
            XCTAssertEqual(w.lastWriteErrno, ENOSPC)
            XCTAssertEqual(w.pendingCount, resp([["SET", "k", "v"]]).count)
            XCTAssertEqual(inlineFsyncs, 0)
        }
        jobs.lastFsyncError = EIO
        try FileManager.default.removeItem(atPath: aof + "/appendonly.aof.1.incr.aof")
        let w = try makeWriter(dir, policy: .everysec)
        w.append(resp([["SET", "k", "v"]]))
        XCTAssertEqual(try w.flush(force: true), .written)
        XCTAssertFalse(w.writeStatusOK, "a failed background fsync keeps the status at err")
        jobs.lastFsyncError = nil
        XCTAssertTrue(w.writeStatusOK)
    }

    /// A short write (here: the file-size limit is reached mid-buffer) is cut back off the file, so it still
    /// ends on a command boundary, and the whole buffer stays pending for the next try.
    func testShortWriteIsTruncatedBackToTheLastGoodSize() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .everysec)
        let first = resp([["SET", "k", String(repeating: "a", count: 100)]])
        w.append(first)
        try w.flush()
        let second = resp([["SET", "k", String(repeating: "b", count: 100)]])
        w.append(second)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
        var small = limit
        small.rlim_cur = rlim_t(first.count + 50)
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &small)
        XCTAssertThrowsError(try w.flush()) { XCTAssertTrue("\($0)".contains("Short write"), "\($0)") }
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
        signal(SIGXFSZ, previousHandler)
        let path = dir + "/appendonlydir/appendonly.aof.1.incr.aof"
        XCTAssertEqual(try contents(path), first)
        XCTAssertEqual(w.pendingCount, second.count)
        XCTAssertEqual(w.lastWriteErrno, ENOSPC)
        XCTAssertFalse(w.writeStatusOK)
        try w.flush()
        XCTAssertTrue(w.writeStatusOK)
        XCTAssertEqual(try contents(path), first + second)
        XCTAssertEqual(w.currentIncrSize, first.count + second.count)
    }

    func testAlwaysReportsAFailedFsync() throws {
        let dir = try scratchDirectory()
        let w = try AOFWriter.open(directory: dir + "/a", policy: .always, rdbPreamble: false, startOffset: 0,
                                   environment: AOFEnvironment(now: { 0 }, fsync: { _ in errno = EIO; return -1 }, background: jobs),
                                   writeBase: commandsBase([]))
        w.append(resp([["SET", "k", "v"]]))
        XCTAssertThrowsError(try w.flush()) { XCTAssertEqual(($0 as? FileError)?.errno, EIO) }
    }

    func testRestartContinuesTheLastIncrFile() throws {
        let dir = try scratchDirectory()
        var w: AOFWriter? = try makeWriter(dir, policy: .always, base: [["SET", "a", "1"]])
        w!.append(resp([["SET", "b", "2"]]))
        try w!.flush()
        try w!.close()
        w = nil
        try write(b("half a base"), to: dir + "/appendonlydir/temp-rewriteaof-bg-12345.aof")
        let again = try makeWriter(dir, policy: .always, base: [["NEVER", "CALLED"]])
        XCTAssertEqual(try files(in: dir + "/appendonlydir"),
                       ["appendonly.aof.1.base.aof", "appendonly.aof.1.incr.aof", "appendonly.aof.manifest"],
                       "a crashed rewrite's temporary base is removed")
        XCTAssertEqual(again.manifest.incrs.map(\.seq), [1])
        again.append(resp([["SET", "c", "3"]]))
        try again.flush()
        XCTAssertEqual(try contents(dir + "/appendonlydir/appendonly.aof.1.incr.aof"), resp([["SET", "b", "2"], ["SET", "c", "3"]]))
        XCTAssertEqual(again.currentSize, resp([["SET", "a", "1"], ["SET", "b", "2"], ["SET", "c", "3"]]).count)
    }

    /// BGREWRITEAOF: a new incr file takes the writes at once; the finished base replaces every older file;
    /// redis-server 7.0.15 loads the result (with Strata's offsets in the manifest) to the same data.
    func testAFailedInstallOfTheNewBaseKeepsTheOldFilesInTheManifest() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .always, base: [["SET", "a", "1"]])
        w.append(resp([["SET", "b", "2"]]))
        try w.flush()
        let rewrite = try w.startRewrite(startOffset: 100)
        let afterStart = w.manifest
        try write(resp([["SET", "a", "1"], ["SET", "b", "2"]]), to: rewrite.temporaryBasePath)
        // A directory where the new base must go makes its rename fail.
        try FileManager.default.createDirectory(atPath: dir + "/appendonlydir/appendonly.aof.2.base.aof/x",
                                                withIntermediateDirectories: true)
        XCTAssertThrowsError(try w.finishRewrite(rewrite))
        w.abortRewrite(rewrite)
        XCTAssertEqual(w.manifest, afterStart, "the old base and both incr files are still the AOF")
        XCTAssertEqual(try AOFManifest.parse(try contents(dir + "/appendonlydir/appendonly.aof.manifest")), afterStart)
    }

    func testRewriteProtocolLeavesADirectoryRedisLoads() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .always, base: [["SET", "a", "1"]])
        w.append(resp([["SET", "b", "2"], ["RPUSH", "l", "x"]]))
        try w.flush()
        let rewrite = try w.startRewrite(startOffset: 500)
        XCTAssertEqual(w.manifest.incrs.map(\.name), ["appendonly.aof.1.incr.aof", "appendonly.aof.2.incr.aof"])
        XCTAssertEqual(w.manifest.incrs.map(\.endOffset), [500, nil])
        XCTAssertEqual(try AOFManifest.parse(try contents(dir + "/appendonlydir/appendonly.aof.manifest")), w.manifest,
                       "the new incr file is durable in the manifest before anything is written to it")
        w.append(resp([["SET", "during", "rewrite"]]))
        try w.flush()
        // The snapshot taken at startRewrite, written off the loop.
        try write(resp([["SELECT", "0"], ["SET", "a", "1"], ["SET", "b", "2"], ["RPUSH", "l", "x"]]), to: rewrite.temporaryBasePath)
        try w.finishRewrite(rewrite)
        XCTAssertEqual(try files(in: dir + "/appendonlydir"),
                       ["appendonly.aof.2.base.aof", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"])
        XCTAssertEqual(String(decoding: try contents(dir + "/appendonlydir/appendonly.aof.manifest"), as: UTF8.self),
                       "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i startoffset 500\n")
        let incrSize = resp([["SET", "during", "rewrite"]]).count
        XCTAssertEqual(w.currentIncrSize, incrSize)
        XCTAssertEqual(w.currentSize, AOFDirectory.size(of: dir + "/appendonlydir/appendonly.aof.2.base.aof") + incrSize)
        XCTAssertEqual(w.baseSize, w.currentSize)
        w.append(resp([["SET", "after", "rewrite"]]))
        try w.flush()
        try w.close()

        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
            let port = try XCTUnwrap(port, (try? String(contentsOfFile: log)) ?? "")
            XCTAssertEqual(try redisCLI(port, ["mget", "a", "b", "during", "after"]), "1\n2\nrewrite\nrewrite\n")
            XCTAssertEqual(try redisCLI(port, ["lrange", "l", "0", "-1"]), "x\n")
        }
    }

    func testAbortedRewriteKeepsWritingToTheNewIncrFile() throws {
        let dir = try scratchDirectory()
        let w = try makeWriter(dir, policy: .always)
        let rewrite = try w.startRewrite(startOffset: 10)
        try write(b("partial"), to: rewrite.temporaryBasePath)
        XCTAssertEqual(w.rewriteInProgress, rewrite)
        w.abortRewrite(rewrite)
        XCTAssertNil(w.rewriteInProgress)
        XCTAssertFalse(FileManager.default.fileExists(atPath: rewrite.temporaryBasePath))
        XCTAssertEqual(w.manifest.base?.seq, 1)
        XCTAssertEqual(w.manifest.incrs.map(\.seq), [1, 2])
        w.append(resp([["SET", "k", "v"]]))
        try w.flush()
        XCTAssertEqual(try contents(dir + "/appendonlydir/appendonly.aof.2.incr.aof"), resp([["SET", "k", "v"]]))
        let failing = try w.startRewrite(startOffset: 20)
        XCTAssertThrowsError(try w.finishRewrite(failing), "no base was written")
        w.abortRewrite(failing)
        XCTAssertNil(w.rewriteInProgress)
        XCTAssertEqual(w.manifest.base?.seq, 1)
        let next = try w.startRewrite(startOffset: 40)
        try write(resp([["SET", "k", "v"]]), to: next.temporaryBasePath)
        try w.finishRewrite(next)
        XCTAssertEqual(try files(in: dir + "/appendonlydir"),
                       ["appendonly.aof.2.base.aof", "appendonly.aof.4.incr.aof", "appendonly.aof.manifest"])
    }

    /// CONFIG SET appendonly yes on a directory left from earlier: the new base and incr file continue the
    /// sequence numbers and every older file is deleted.
    func testCreateReplacesWhateverTheDirectoryHeld() throws {
        let dir = try scratchDirectory()
        let old = try makeWriter(dir, policy: .no, base: [["SET", "old", "1"]])
        try old.close()
        let w = try AOFWriter.create(directory: dir + "/appendonlydir", policy: .no, rdbPreamble: true, startOffset: 77,
                                     environment: environment) { path in
            let rdb = try RDBFileWriter(path: path, temporaryName: "temp-test-base.rdb", compression: true, checksum: true)
            try rdb.begin(aux: [("redis-ver", "7.0.15"), ("aof-base", "1")])
            try rdb.beginDatabase(0, keys: 1, expires: 0)
            try rdb.write(RDBEntry(db: 0, key: self.b("new"), value: .string(self.b("2")), encoding: .string), layout: .compact)
            try rdb.commit()
        }
        XCTAssertEqual(try files(in: dir + "/appendonlydir"),
                       ["appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"])
        XCTAssertEqual(w.manifest.incrs.first?.startOffset, 77)
        try w.close()
        try withRedisServer(dir: dir, ["--appendonly", "yes"]) { port, log in
            let port = try XCTUnwrap(port, (try? String(contentsOfFile: log)) ?? "")
            XCTAssertEqual(try redisCLI(port, ["mget", "old", "new"]), "\n2\n")
        }
    }
}
