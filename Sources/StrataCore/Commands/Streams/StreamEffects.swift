/// The deterministic effects stream commands record in the command log instead of their requests, in the forms
/// Redis 7.0 propagates (t_stream.c's streamPropagateXCLAIM, streamPropagateGroupID,
/// streamPropagateConsumerCreation and the XADD/XTRIM argument rewrites), so that a replica or an AOF load (by
/// Strata or by redis-server) rebuilds the same stream, consumer groups and pending entries:
///
/// - an entry delivered to or claimed by a consumer, or re-read from its history:
///   `XCLAIM key group consumer 0 id TIME delivery-ms RETRYCOUNT delivery-count FORCE JUSTID LASTID group-last-id`,
///   which creates or overwrites the pending entry with the exact delivery time and count (and the consumer);
/// - a pending entry dropped because its stream entry was deleted: the same XCLAIM with the entry's old owner, time
///   and count; replayed, it meets the same deleted entry and drops the pending entry too;
/// - the group's last delivered ID moving: `XGROUP SETID key group id ENTRIESREAD n`;
/// - a consumer created by a read that claims nothing for it: `XGROUP CREATECONSUMER key group consumer`.
extension Call {
    func propagateXClaim(_ key: Bytes, group: Bytes, id: StreamID, _ entry: StreamPendingEntry, lastID: StreamID) {
        propagate([Bytes("XCLAIM"), key, group, entry.consumer, [48], id.bytes,
                   Bytes("TIME"), IntegerText.bytes(entry.deliveryTime),
                   Bytes("RETRYCOUNT"), IntegerText.bytes(entry.deliveryCount),
                   Bytes("FORCE"), Bytes("JUSTID"), Bytes("LASTID"), lastID.bytes])
    }

    func propagateGroupPosition(_ key: Bytes, _ group: StreamConsumerGroup) {
        propagate([Bytes("XGROUP"), Bytes("SETID"), key, group.name, group.lastID.bytes,
                   Bytes("ENTRIESREAD"), IntegerText.bytes(group.entriesRead)])
    }

    func propagateConsumerCreation(_ key: Bytes, group: Bytes, consumer: Bytes) {
        propagate([Bytes("XGROUP"), Bytes("CREATECONSUMER"), key, group, consumer])
    }
}

extension StreamValue {
    /// What an approximate trim's threshold becomes in its exact effect (Redis's streamRewriteTrimArgument): the
    /// length left for MAXLEN; for MINID the first ID the stream's first node holds, deleted or not (the largest
    /// ID when no entry is left), below which the stream holds nothing.
    func exactTrimThreshold(for bound: StreamEntries.TrimBound) -> Bytes {
        switch bound {
        case .maxLen: return IntegerText.bytes(Int64(count))
        case .minID: return (entries.nodes.first?.masterID ?? .max).bytes
        }
    }
}
