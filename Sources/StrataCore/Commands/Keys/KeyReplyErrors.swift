/// Error texts of the generic key and database commands, worded exactly as Redis 7.0 does.
extension ReplyError {
    public static let sameObject = "ERR source and destination objects are the same"
    public static let invalidCursor = "ERR invalid cursor"
    /// Redis's getIntFromObjectOrReply when an integer does not fit a C int.
    public static let notInt32 = "ERR value is out of range, value must between -2147483648 and 2147483647"
    public static let freqWithoutLFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
    public static let idleTimeUnderLFU = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
    public static let expireConditionConflict = "ERR NX and XX, GT or LT options at the same time are not compatible"
    public static let expireGreaterLessConflict = "ERR GT and LT options at the same time are not compatible"

    public static func invalidExpireTime(_ command: String) -> String {
        "ERR invalid expire time in '\(command)' command"
    }

    public static func unsupportedOption(_ option: Bytes) -> String {
        "ERR Unsupported option \(option.text)"
    }
}
