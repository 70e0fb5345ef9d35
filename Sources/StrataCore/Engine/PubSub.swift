/// Pub/Sub channels and patterns. (Foundation placeholder: the pub/sub work replaces this file.)
extension Engine {
    /// Sends `message` to every subscriber of `channel` and of matching patterns; returns the number of receivers.
    @discardableResult
    public func publish(channel: Bytes, message: Bytes) -> Int { 0 }
}
