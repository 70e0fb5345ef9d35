import Glibc

/// Where log timestamps come from: the current time, and whether it is shown in local time
/// (as Redis does) or UTC. Tests inject a fixed time.
public struct RedisLogClock: Sendable {
    public var now: @Sendable () -> (seconds: Int, milliseconds: Int)
    public var usesLocalTime: Bool

    public init(usesLocalTime: Bool, now: @escaping @Sendable () -> (seconds: Int, milliseconds: Int)) {
        self.now = now
        self.usesLocalTime = usesLocalTime
    }

    /// Wall-clock time shown in the local time zone.
    public static let system = RedisLogClock(usesLocalTime: true) {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return (Int(time.tv_sec), Int(time.tv_nsec) / 1_000_000)
    }

    /// The timestamp format of Redis log lines: `24 Nov 2026 21:20:17.123` (two-digit day,
    /// English month abbreviation, milliseconds).
    func timestamp() -> String {
        let (seconds, milliseconds) = now()
        var time = time_t(seconds)
        var parts = tm()
        if usesLocalTime { localtime_r(&time, &parts) } else { gmtime_r(&time, &parts) }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(twoDigits(Int(parts.tm_mday))) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(twoDigits(Int(parts.tm_hour))):\(twoDigits(Int(parts.tm_min))):\(twoDigits(Int(parts.tm_sec)))."
            + (milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : "") + String(milliseconds)
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
