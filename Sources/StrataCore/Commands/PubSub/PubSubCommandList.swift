/// The pubsub command group: SUBSCRIBE and friends, PUBLISH, SPUBLISH, PUBSUB.
extension Engine {
    static var pubSubCommands: [CommandSpec] {
        let listening: CommandFlags = [.pubsub, .noScript, .loading, .stale]
        let publishing: CommandFlags = [.pubsub, .loading, .stale, .fast]
        return [
            CommandSpec("subscribe", arity: -2, flags: listening, group: "pubsub", since: "2.0.0",
                        summary: "Listens for messages published to channels.", syntax: "channel [channel ...]",
                        handler: PubSubCommands.subscribe(.channel)),
            CommandSpec("unsubscribe", arity: -1, flags: listening, group: "pubsub", since: "2.0.0",
                        summary: "Stops listening to channels, or to all of them.", syntax: "[channel [channel ...]]",
                        handler: PubSubCommands.unsubscribe(.channel)),
            CommandSpec("psubscribe", arity: -2, flags: listening, group: "pubsub", since: "2.0.0",
                        summary: "Listens for messages published to channels matching glob patterns.",
                        syntax: "pattern [pattern ...]", handler: PubSubCommands.subscribe(.pattern)),
            CommandSpec("punsubscribe", arity: -1, flags: listening, group: "pubsub", since: "2.0.0",
                        summary: "Stops listening to patterns, or to all of them.", syntax: "[pattern [pattern ...]]",
                        handler: PubSubCommands.unsubscribe(.pattern)),
            CommandSpec("ssubscribe", arity: -2, flags: listening, keys: (1, -1, 1), group: "pubsub", since: "7.0.0",
                        summary: "Listens for messages published to shard channels.",
                        syntax: "shardchannel [shardchannel ...]", handler: PubSubCommands.subscribe(.shard)),
            CommandSpec("sunsubscribe", arity: -1, flags: listening, keys: (1, -1, 1), group: "pubsub", since: "7.0.0",
                        summary: "Stops listening to shard channels, or to all of them.",
                        syntax: "[shardchannel [shardchannel ...]]", handler: PubSubCommands.unsubscribe(.shard)),
            CommandSpec("publish", arity: 3, flags: publishing, group: "pubsub", since: "2.0.0",
                        summary: "Sends a message to a channel; returns how many subscribers received it.",
                        syntax: "channel message") { call, out in
                out.writeIntegerReply(call.engine.publish(channel: call.args[1], message: call.args[2]))
            },
            CommandSpec("spublish", arity: 3, flags: publishing, keys: (1, 1, 1), group: "pubsub", since: "7.0.0",
                        summary: "Sends a message to a shard channel; returns how many subscribers received it.",
                        syntax: "shardchannel message") { call, out in
                out.writeIntegerReply(call.engine.publishShard(channel: call.args[1], message: call.args[2]))
            },
            pubsubCommand,
        ]
    }

    private static var pubsubCommand: CommandSpec {
        func sub(_ name: String, _ arity: Int, since: String, _ summary: String, _ syntax: String = "",
                 _ handler: @escaping CommandHandler) -> CommandSpec {
            CommandSpec("pubsub|" + name, arity: arity, flags: [.pubsub, .loading, .stale], group: "pubsub",
                        since: since, summary: summary, syntax: syntax, handler: handler)
        }
        return CommandSpec("pubsub", arity: -2, flags: [], group: "pubsub", since: "2.8.0",
                           summary: "Inspects the Pub/Sub state.", subcommands: [
            sub("channels", -2, since: "2.8.0", "Lists the channels with subscribers.", "[pattern]",
                PubSubCommands.activeChannels(.channel)),
            sub("numsub", -2, since: "2.8.0", "Counts the subscribers of channels.", "[channel [channel ...]]",
                PubSubCommands.subscriberCounts(.channel)),
            sub("numpat", 2, since: "2.8.0", "Counts the patterns with subscribers.") { call, out in
                out.writeIntegerReply(call.engine.clients.pubsub.patternCount)
            },
            sub("shardchannels", -2, since: "7.0.0", "Lists the shard channels with subscribers.", "[pattern]",
                PubSubCommands.activeChannels(.shard)),
            sub("shardnumsub", -2, since: "7.0.0", "Counts the subscribers of shard channels.",
                "[shardchannel [shardchannel ...]]", PubSubCommands.subscriberCounts(.shard)),
            CommandSpec("pubsub|help", arity: 2, flags: [.loading, .stale], group: "pubsub", since: "6.2.0",
                        summary: "Lists the PUBSUB subcommands.") { _, out in
                Engine.writeHelp("PUBSUB", [
                    "CHANNELS [<pattern>]",
                    "    Return the currently active channels matching a <pattern> (default: '*').",
                    "NUMPAT", "    Return number of subscriptions to patterns.",
                    "NUMSUB [<channel> ...]",
                    "    Return the number of subscribers for the specified channels, excluding",
                    "    pattern subscriptions(default: no channels).",
                    "SHARDCHANNELS [<pattern>]",
                    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                    "SHARDNUMSUB [<shardchannel> ...]",
                    "    Return the number of subscribers for the specified shard level channel(s)",
                ], &out)
            },
        ], handler: nil)
    }
}
