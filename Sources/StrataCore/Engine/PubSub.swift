import NIOCore
import RESP
import StrataText

/// Pub/Sub: subscribing, unsubscribing and publishing. Messages reach subscribers as RESP3 pushes (`>`), or RESP2
/// arrays: `message channel payload`, `pmessage pattern channel payload`, `smessage channel payload`.
extension Engine {
    /// Sends `message` to every subscriber of `channel` and of the patterns matching it (channel subscribers first,
    /// then patterns in subscription order); returns the number of deliveries.
    @discardableResult
    public func publish(channel: Bytes, message: Bytes) -> Int {
        let registry = clients.pubsub
        var receivers = 0
        if let subscribers = registry.channels[channel] {
            var encoded = EncodedMessage(parts: [Bytes("message"), channel, message])
            for c in subscribers { push(encoded.bytes(for: c.proto), to: c) }
            receivers += subscribers.count
        }
        for (pattern, subscribers) in registry.patterns where GlobPattern.matches(pattern, channel) {
            var encoded = EncodedMessage(parts: [Bytes("pmessage"), pattern, channel, message])
            for c in subscribers { push(encoded.bytes(for: c.proto), to: c) }
            receivers += subscribers.count
        }
        return receivers
    }

    /// SPUBLISH: sends `message` to the subscribers of shard channel `channel`.
    func publishShard(channel: Bytes, message: Bytes) -> Int {
        guard let subscribers = clients.pubsub.shardChannels[channel] else { return 0 }
        var encoded = EncodedMessage(parts: [Bytes("smessage"), channel, message])
        for c in subscribers { push(encoded.bytes(for: c.proto), to: c) }
        return subscribers.count
    }

    /// Writes an out-of-band message to `client`: held next to the reply of the command it is running, else sent.
    func push(_ message: ByteBuffer, to client: ClientSession) {
        guard client.inCommand else {
            client.deliver?(message)
            return
        }
        var message = message
        if client.reportingAfterReply {
            if client.pushesAfterReply == nil { client.pushesAfterReply = ByteBuffer() }
            client.pushesAfterReply!.writeBuffer(&message)
        } else {
            if client.pushesBeforeReply == nil { client.pushesBeforeReply = ByteBuffer() }
            client.pushesBeforeReply!.writeBuffer(&message)
        }
    }

    /// Subscribes `client` to `name` (no-op when already subscribed); true when it was new.
    @discardableResult
    func subscribe(_ client: ClientSession, to name: Bytes, _ kind: SubscriptionKind) -> Bool {
        let added: Bool
        switch kind {
        case .channel: added = client.subscriptions.channels.append(name).inserted
        case .pattern: added = client.subscriptions.patterns.append(name).inserted
        case .shard: added = client.subscriptions.shardChannels.append(name).inserted
        }
        if added { clients.pubsub.add(client, to: name, kind) }
        return added
    }

    /// Unsubscribes `client` from `name`; true when it was subscribed.
    @discardableResult
    func unsubscribe(_ client: ClientSession, from name: Bytes, _ kind: SubscriptionKind) -> Bool {
        let removed: Bool
        switch kind {
        case .channel: removed = client.subscriptions.channels.remove(name) != nil
        case .pattern: removed = client.subscriptions.patterns.remove(name) != nil
        case .shard: removed = client.subscriptions.shardChannels.remove(name) != nil
        }
        if removed { clients.pubsub.remove(client, from: name, kind) }
        return removed
    }

    /// Drops every subscription of `client` (RESET, disconnect).
    func unsubscribeAll(_ client: ClientSession) {
        for name in client.subscriptions.channels { clients.pubsub.remove(client, from: name, .channel) }
        for name in client.subscriptions.patterns { clients.pubsub.remove(client, from: name, .pattern) }
        for name in client.subscriptions.shardChannels { clients.pubsub.remove(client, from: name, .shard) }
        client.subscriptions = ClientSubscriptions()
    }
}

/// A message encoded at most once per protocol version, however many subscribers receive it.
private struct EncodedMessage {
    let parts: [Bytes]
    private var v2: ByteBuffer?
    private var v3: ByteBuffer?

    init(parts: [Bytes]) { self.parts = parts }

    mutating func bytes(for version: RESPVersion) -> ByteBuffer {
        if version == .v2 {
            if v2 == nil { v2 = encode(.v2) }
            return v2!
        }
        if v3 == nil { v3 = encode(.v3) }
        return v3!
    }

    private func encode(_ version: RESPVersion) -> ByteBuffer {
        var out = ByteBuffer()
        out.writePushHeader(parts.count, version)
        for p in parts { out.writeBulkReply(p) }
        return out
    }
}
