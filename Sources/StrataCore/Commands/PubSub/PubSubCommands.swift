import NIOCore
import RESP

/// The handlers of the pubsub group. Each (un)subscription is confirmed by its own reply,
/// `[kind, name, count]`, a push in RESP3; the count is the client's channels plus patterns, or for the shard
/// commands its shard channels.
enum PubSubCommands {
    static func subscribe(_ kind: SubscriptionKind) -> CommandHandler {
        { call, out in
            for name in call.args.dropFirst() {
                call.engine.subscribe(call.client, to: name, kind)
                confirm(kind, kind.subscribeReply, name, call, &out)
            }
        }
    }

    /// Without arguments unsubscribes from everything of that kind; with nothing to drop it still answers once,
    /// with a null name.
    static func unsubscribe(_ kind: SubscriptionKind) -> CommandHandler {
        { call, out in
            var names = Array(call.args.dropFirst())
            if names.isEmpty {
                let current = call.client.subscriptions
                switch kind {
                case .channel: names = Array(current.channels)
                case .pattern: names = Array(current.patterns)
                case .shard: names = Array(current.shardChannels)
                }
                if names.isEmpty { return confirm(kind, kind.unsubscribeReply, nil, call, &out) }
            }
            for name in names {
                call.engine.unsubscribe(call.client, from: name, kind)
                confirm(kind, kind.unsubscribeReply, name, call, &out)
            }
        }
    }

    private static func confirm(_ kind: SubscriptionKind, _ reply: StaticString, _ name: Bytes?, _ call: Call,
                                _ out: inout ByteBuffer) {
        let subscriptions = call.client.subscriptions
        let count = kind == .shard
            ? subscriptions.shardChannels.count
            : subscriptions.channels.count + subscriptions.patterns.count
        out.writePushHeader(3, call.proto)
        out.writeBulkReply(UnsafeBufferPointer(start: reply.utf8Start, count: reply.utf8CodeUnitCount))
        if let name { out.writeBulkReply(name) } else { out.writeNullReply(call.proto) }
        out.writeIntegerReply(count)
    }

    /// PUBSUB CHANNELS / SHARDCHANNELS [pattern].
    static func activeChannels(_ kind: SubscriptionKind) -> CommandHandler {
        { call, out in
            guard call.argc <= 3 else { return wrongArguments(call, &out) }
            let names = call.engine.clients.pubsub.active(kind, matching: call.argc == 3 ? call.args[2] : nil)
            out.writeArrayHeader(names.count)
            for n in names { out.writeBulkReply(n) }
        }
    }

    /// PUBSUB NUMSUB / SHARDNUMSUB [name ...]: a flat array of name, count pairs (also in RESP3).
    static func subscriberCounts(_ kind: SubscriptionKind) -> CommandHandler {
        { call, out in
            let names = call.args.dropFirst(2)
            out.writeArrayHeader(names.count * 2)
            for n in names {
                out.writeBulkReply(n)
                out.writeIntegerReply(call.engine.clients.pubsub.subscriberCount(kind, n))
            }
        }
    }

    private static func wrongArguments(_ call: Call, _ out: inout ByteBuffer) {
        out.writeErrorReply("ERR unknown subcommand or wrong number of arguments for '\(call.args[1].text)'. Try PUBSUB HELP.")
    }
}
