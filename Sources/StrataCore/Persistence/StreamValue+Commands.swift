/// The commands that rebuild a stream, as Redis 7.0's AOF rewrite emits them:
/// - `XADD key id field value...` per entry, or for an empty stream `XADD key MAXLEN 0 0-1 x y` (which creates
///   the key and leaves it empty);
/// - `XSETID key last-id ENTRIESADDED n MAXDELETEDID id`, restoring the counters the XADDs did not;
/// - per consumer group (by name): `XGROUP CREATE key group last-id ENTRIESREAD n`, then per consumer (by name)
///   either `XCLAIM key group consumer 0 id TIME delivery-ms RETRYCOUNT delivery-count JUSTID FORCE` for each of its
///   pending entries (ascending), or `XGROUP CREATECONSUMER key group consumer` when it has none.
/// Consumers' seen times are not part of it (a replay sees them at replay time), as in Redis.
extension StreamValue {
    func writeCommands(key: UnsafeRawBufferPointer, to out: CommandFileWriter) {
        if count > 0 {
            for node in entries.nodes {
                for i in node.ids.indices {
                    out.command(3 + node.elementCount(at: i))
                    out.bulk("XADD")
                    out.bulk(key)
                    out.bulk(node.ids[i])
                    node.forEachElement(at: i) { out.bulk($0) }
                }
            }
        } else {
            out.command(7)
            out.bulk("XADD")
            out.bulk(key)
            out.bulk("MAXLEN")
            out.bulk("0")
            out.bulk(StreamID(ms: 0, seq: 1))
            out.bulk("x")
            out.bulk("y")
        }
        out.command(7)
        out.bulk("XSETID")
        out.bulk(key)
        out.bulk(lastID)
        out.bulk("ENTRIESADDED")
        out.bulk(entriesAdded)
        out.bulk("MAXDELETEDID")
        out.bulk(maxDeletedID)
        for group in groups {
            group.writeCommands(key: key, to: out)
        }
    }
}

extension StreamConsumerGroup {
    fileprivate func writeCommands(key: UnsafeRawBufferPointer, to out: CommandFileWriter) {
        out.command(7)
        out.bulk("XGROUP")
        out.bulk("CREATE")
        out.bulk(key)
        out.bulk(name)
        out.bulk(lastID)
        out.bulk("ENTRIESREAD")
        out.bulk(entriesRead)
        for consumer in consumers {
            guard consumer.pending.count > 0 else {
                out.command(5)
                out.bulk("XGROUP")
                out.bulk("CREATECONSUMER")
                out.bulk(key)
                out.bulk(name)
                out.bulk(consumer.name)
                continue
            }
            consumer.pending.forEach { id, _ in
                guard let entry = pending[id] else { preconditionFailure("a consumer's pending entry is not in its group's list") }
                out.command(12)
                out.bulk("XCLAIM")
                out.bulk(key)
                out.bulk(name)
                out.bulk(consumer.name)
                out.bulk("0")
                out.bulk(id)
                out.bulk("TIME")
                out.bulk(entry.deliveryTime)
                out.bulk("RETRYCOUNT")
                out.bulk(entry.deliveryCount)
                out.bulk("JUSTID")
                out.bulk("FORCE")
                return true
            }
        }
    }
}
