import RESP
@testable import StrataCore
import XCTest

final class TransactionCommandTests: XCTestCase {
    private static let queued = RESPValue.simpleString("QUEUED")

    func testQueuedCommandsRunAtExecWithRuntimeErrorsAsElements() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("MULTI"), .ok)
        XCTAssertEqual(h.run("SET", "k", "v"), Self.queued)
        XCTAssertEqual(h.run("INCR", "k"), Self.queued)
        XCTAssertEqual(h.run("GET", "k"), Self.queued)
        XCTAssertNil(h.peek("k"), "nothing runs before EXEC")
        XCTAssertEqual(h.run("EXEC"), .array([.ok, .error(ReplyError.notInteger), .bulk("v")]))
        XCTAssertNil(h.client.transaction)
    }

    func testQueueTimeErrorsAbortTheTransaction() {
        let h = EngineHarness()
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("NOSUCH", "x"), .error("ERR unknown command 'NOSUCH', with args beginning with: 'x' "))
        XCTAssertEqual(h.run("SET", "k"), .error("ERR wrong number of arguments for 'set' command"))
        XCTAssertEqual(h.run("SET", "k", "v"), Self.queued)
        XCTAssertEqual(h.run("EXEC"), .error("EXECABORT Transaction discarded because of previous errors."))
        XCTAssertNil(h.peek("k"))
        XCTAssertEqual(h.run("EXEC"), .error("ERR EXEC without MULTI"))
    }

    func testControlErrorsDoNotAbortTheTransaction() {
        let h = EngineHarness()
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("MULTI"), .error("ERR MULTI calls can not be nested"))
        XCTAssertEqual(h.run("WATCH", "k"), .error("ERR WATCH inside MULTI is not allowed"))
        XCTAssertEqual(h.run("SET", "k", "v"), Self.queued)
        XCTAssertEqual(h.run("EXEC"), .array([.ok]))
    }

    func testRefusedExecEndsTheTransactionWithItsReason() {
        let h = EngineHarness()
        XCTAssertEqual(h.run("EXEC", "x"), .error("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"))
        _ = h.run("MULTI")
        _ = h.run("SET", "k", "v")
        XCTAssertEqual(h.run("EXEC", "x"), .error("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"))
        XCTAssertEqual(h.run("EXEC"), .error("ERR EXEC without MULTI"))
        XCTAssertEqual(h.run("DISCARD"), .error("ERR DISCARD without MULTI"))
    }

    func testDiscardDropsQueueAndWatches() {
        let h = EngineHarness()
        let other = h.makeClient()
        _ = h.run("WATCH", "k")
        _ = h.run("MULTI")
        _ = h.run("SET", "k", "mine")
        XCTAssertEqual(h.run("DISCARD"), .ok)
        _ = h.run("SET", "k", "theirs", as: other)
        _ = h.run("MULTI")
        _ = h.run("GET", "k")
        XCTAssertEqual(h.run("EXEC"), .array([.bulk("theirs")]))
    }

    func testWatchedKeyWrittenByAnotherClientMakesExecReturnNil() {
        let h = EngineHarness()
        let other = h.makeClient()
        _ = h.run("SET", "k", "1")
        XCTAssertEqual(h.run("WATCH", "k"), .ok)
        _ = h.run("SET", "k", "2", as: other)
        _ = h.run("MULTI")
        _ = h.run("SET", "k", "3")
        XCTAssertEqual(h.run("EXEC"), .array(nil))
        XCTAssertEqual(h.run("GET", "k"), .bulk("2"))
        // The failed EXEC released the watch: the next transaction runs.
        _ = h.run("MULTI")
        _ = h.run("SET", "k", "3")
        XCTAssertEqual(h.run("EXEC"), .array([.ok]))
    }

    func testReadsDoNotBreakAWatchAndUnwatchForgetsIt() {
        let h = EngineHarness()
        let other = h.makeClient()
        _ = h.run("SET", "k", "1")
        _ = h.run("WATCH", "k")
        _ = h.run("GET", "k", as: other)
        _ = h.run("EXISTS", "k", as: other)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array([]))
        _ = h.run("WATCH", "k")
        _ = h.run("SET", "k", "2", as: other)
        XCTAssertEqual(h.run("UNWATCH"), .ok)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array([]))
        XCTAssertTrue(h.engine.databases[0].observedKeys.isEmpty)
    }

    func testWatchIsPerDatabase() {
        let h = EngineHarness()
        let other = h.makeClient()
        _ = h.run("WATCH", "k")
        _ = h.run("SELECT", "1", as: other)
        _ = h.run("SET", "k", "elsewhere", as: other)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array([]))
    }

    func testFlushAndSwapBreakWatchesOnExistingKeysOnly() {
        let h = EngineHarness([("save", "")])  // no save rules: FLUSHALL would write dump.rdb
        let other = h.makeClient()
        _ = h.run("WATCH", "absent")
        _ = h.run("FLUSHALL", as: other)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array([]))

        _ = h.run("SET", "k", "v")
        _ = h.run("WATCH", "k")
        _ = h.run("FLUSHDB", as: other)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array(nil))

        _ = h.run("SET", "k", "v")
        _ = h.run("WATCH", "k")
        _ = h.run("SWAPDB", "0", "1", as: other)
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array(nil))
    }

    func testWatchedKeyThatExpiresBeforeExecAbortsIt() {
        let h = EngineHarness([("enable-debug-command", "yes")])
        _ = h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        let expireAt = Engine.clockMillis() + 30
        _ = h.run("SET", "k", "v", "PXAT", String(expireAt))
        _ = h.run("WATCH", "k")
        while Engine.clockMillis() <= expireAt { usleep(5_000) }
        XCTAssertNotNil(h.peek("k"), "not deleted yet: EXEC itself must notice the expiry")
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array(nil))
    }

    func testKeyAlreadyExpiredAtWatchIsNoChangeWhenItIsDeleted() {
        let h = EngineHarness([("enable-debug-command", "yes")])
        _ = h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        _ = h.run("SET", "k", "v", "PXAT", String(Engine.clockMillis() - 1000))
        _ = h.run("WATCH", "k")
        XCTAssertEqual(h.run("GET", "k"), .nilBulk)  // lazy expiry deletes it
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("EXEC"), .array([]))
    }

    func testOutOfMemoryRefusesQueueingAndAbortsExec() {
        let h = EngineHarness([("maxmemory", "1"), ("maxmemory-policy", "noeviction")])
        _ = h.run("MULTI")
        XCTAssertEqual(h.run("GET", "k"), .error(ReplyError.oom))
        XCTAssertEqual(h.run("EXEC"), .error("EXECABORT Transaction discarded because of previous errors."))
    }

    func testResetAndDisconnectReleaseTransactionsAndWatches() {
        let h = EngineHarness()
        let other = h.makeClient()
        _ = h.run("WATCH", "a", as: other)
        _ = h.run("MULTI", as: other)
        XCTAssertEqual(h.run("RESET", as: other), .simpleString("RESET"))
        XCTAssertNil(other.transaction)
        _ = h.run("WATCH", "b", as: other)
        h.engine.disconnect(other)
        XCTAssertTrue(h.engine.databases[0].observedKeys.isEmpty)
        XCTAssertTrue(h.engine.clients.watches.watchers.isEmpty)
    }

    func testClientListShowsQueuedCountAndFlags() {
        let h = EngineHarness()
        _ = h.run("MULTI")
        _ = h.run("PING")
        _ = h.run("PING")
        let other = h.makeClient()
        guard case .bulkString(let bytes)? = h.run("CLIENT", "LIST", "ID", String(h.client.id), as: other) else {
            return XCTFail("CLIENT LIST")
        }
        XCTAssertTrue(String(decoding: bytes ?? [], as: UTF8.self).contains(" flags=x db=0 sub=0 psub=0 ssub=0 multi=2 "))
    }
}
