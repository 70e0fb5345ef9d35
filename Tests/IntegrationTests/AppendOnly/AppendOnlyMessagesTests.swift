import RESP
import XCTest

/// Replies Redis gives around background work with the AOF on, and: with `appendfsync always`, replies and the messages a write causes (keyspace notifications, a RESP3 client's
/// own pushes, blocked clients served) leave after the round's AOF write, in the order redis-server gives them.
final class AppendOnlyMessagesTests: XCTestCase {
    func testMessagesAndRepliesUnderAppendfsyncAlwaysMatchRedis() {
        assertSameTranscript(serverArguments: ["--appendonly", "yes", "--appendfsync", "always",
                                               "--notify-keyspace-events", "KEA"]) { server, version in
            let subscriber = try server.connect()
            let writer = try server.connect()
            let waiter = try server.connect()
            if version == .v3 { _ = try writer.send(["HELLO", "3"]) }
            var replies = [try subscriber.send(["PSUBSCRIBE", "__key*__:*"])]
            try waiter.write(["BLPOP", "queue", "5"])
            // The pushes must find the waiter blocked, or the pop would come after them in another order.
            let deadline = Deadline(seconds: 5)
            while !deadline.hasPassed,
                  !(try writer.send(["INFO", "clients"]).text ?? "").contains("blocked_clients:1") { usleep(5_000) }
            replies += try writer.pipeline([["SET", "k", "v"], ["RPUSH", "queue", "job"], ["INCR", "n"]])
            replies.append(try waiter.readReply(timeout: 5))
            // Each write raises a keyspace and a keyevent message; BLPOP's pop raises its own pair.
            for _ in 0..<8 { replies.append(try subscriber.readReply(timeout: 5)) }
            return replies
        }
    }

    func testBackgroundSaveDuringARewriteIsRefusedOrScheduledAsRedisDoes() {
        assertSameTranscript(serverArguments: ["--appendonly", "yes"]) { server, _ in
            let c = try server.connect()
            // The RESP2 and RESP3 passes run on the same servers: count this pass's saves only.
            let savesBefore = Int(try PersistenceData.info(c)["rdb_saves"] ?? "") ?? 0
            for chunk in stride(from: 0, to: 20_000, by: 2000) {
                _ = try c.pipeline((chunk..<chunk + 2000).map { ["SET", "key:\($0)", String(repeating: "v", count: 100)] })
            }
            // One round: the rewrite is surely running when the saves arrive.
            var replies = try c.pipeline([["BGREWRITEAOF"], ["BGSAVE"], ["BGSAVE", "SCHEDULE"]])
            let deadline = Deadline(seconds: 30)
            var saves = 0
            while saves == 0, !deadline.hasPassed {
                usleep(20_000)
                saves = (Int(try PersistenceData.info(c)["rdb_saves"] ?? "") ?? 0) - savesBefore
            }
            replies.append(.integer(Int64(saves)))
            return replies
        }
    }
}
