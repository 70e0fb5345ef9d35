import Collections
import StrataText

/// What one client is subscribed to, in subscription order: channels (SUBSCRIBE), patterns (PSUBSCRIBE) and shard
/// channels (SSUBSCRIBE).
public struct ClientSubscriptions {
    public internal(set) var channels = OrderedSet<Bytes>()
    public internal(set) var patterns = OrderedSet<Bytes>()
    public internal(set) var shardChannels = OrderedSet<Bytes>()

    /// True while the client has any subscription: a RESP2 connection is then in "subscribe context".
    public var isActive: Bool { !channels.isEmpty || !patterns.isEmpty || !shardChannels.isEmpty }
}

/// The three kinds of subscription, with the names their replies and messages carry.
enum SubscriptionKind {
    case channel, pattern, shard

    /// Confirmation names: "subscribe"/"unsubscribe", "psubscribe"/"punsubscribe", "ssubscribe"/"sunsubscribe".
    var subscribeReply: StaticString {
        switch self {
        case .channel: "subscribe"
        case .pattern: "psubscribe"
        case .shard: "ssubscribe"
        }
    }

    var unsubscribeReply: StaticString {
        switch self {
        case .channel: "unsubscribe"
        case .pattern: "punsubscribe"
        case .shard: "sunsubscribe"
        }
    }
}

/// Server-side subscriber lists: for each channel, pattern and shard channel, its subscribers in the order they
/// subscribed. Patterns keep their own subscription order too, which is the order PUBLISH tries them in.
public struct PubSubRegistry {
    var channels: [Bytes: [ClientSession]] = [:]
    var patterns = OrderedDictionary<Bytes, [ClientSession]>()
    var shardChannels: [Bytes: [ClientSession]] = [:]

    /// INFO pubsub_channels / pubsub_patterns / pubsubshard_channels.
    public var channelCount: Int { channels.count }
    public var patternCount: Int { patterns.count }
    public var shardChannelCount: Int { shardChannels.count }

    /// Names with at least one subscriber, optionally filtered by a glob pattern (PUBSUB CHANNELS).
    func active(_ kind: SubscriptionKind, matching pattern: Bytes?) -> [Bytes] {
        let names = kind == .shard ? Array(shardChannels.keys) : Array(channels.keys)
        guard let pattern else { return names }
        return names.filter { GlobPattern.matches(pattern, $0) }
    }

    func subscriberCount(_ kind: SubscriptionKind, _ name: Bytes) -> Int {
        (kind == .shard ? shardChannels[name] : channels[name])?.count ?? 0
    }

    /// Adds `client` to the subscribers of `name`.
    mutating func add(_ client: ClientSession, to name: Bytes, _ kind: SubscriptionKind) {
        switch kind {
        case .channel: channels[name, default: []].append(client)
        case .pattern: patterns[name, default: []].append(client)
        case .shard: shardChannels[name, default: []].append(client)
        }
    }

    /// Removes `client` from the subscribers of `name`, forgetting names left without subscribers.
    mutating func remove(_ client: ClientSession, from name: Bytes, _ kind: SubscriptionKind) {
        switch kind {
        case .channel: Self.remove(client, &channels[name])
        case .pattern: Self.remove(client, &patterns[name])
        case .shard: Self.remove(client, &shardChannels[name])
        }
    }

    private static func remove(_ client: ClientSession, _ list: inout [ClientSession]?) {
        list?.removeAll { $0 === client }
        if list?.isEmpty == true { list = nil }
    }
}
