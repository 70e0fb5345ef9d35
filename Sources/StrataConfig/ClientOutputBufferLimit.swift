/// The output buffer limits of one client class (`client-output-buffer-limit <class> <hard>
/// <soft> <soft-seconds>`): disconnect at `hard` bytes, or after `softSeconds` above `soft`.
public struct ClientOutputBufferLimit: Equatable, Sendable {
    /// Bytes; 0 is no limit.
    public var hard: UInt64
    /// Bytes; 0 is no limit.
    public var soft: UInt64
    public var softSeconds: Int

    public init(hard: UInt64, soft: UInt64, softSeconds: Int) {
        self.hard = hard
        self.soft = soft
        self.softSeconds = softSeconds
    }

    /// The classes in Redis's order; `replica` is accepted for `slave`, `master` is rejected.
    static let classNames = ["normal", "slave", "pubsub"]

    private static func classIndex(_ name: String) -> Int? {
        switch name.lowercased() {
        case "normal": return 0
        case "slave", "replica": return 1
        case "pubsub": return 2
        default: return nil
        }
    }

    /// Applies groups of four arguments to `limits` (one entry per class). All groups are
    /// validated before any is applied; classes not mentioned keep their limits.
    static func apply(_ arguments: [String], to limits: [ClientOutputBufferLimit]) throws(ConfigValueError) -> [ClientOutputBufferLimit] {
        guard arguments.count % 4 == 0 else {
            throw ConfigValueError("Wrong number of arguments in buffer limit configuration.")
        }
        var result = limits
        for group in stride(from: 0, to: arguments.count, by: 4) {
            guard let index = classIndex(arguments[group]) else {
                throw ConfigValueError("Invalid client class specified in buffer limit configuration.")
            }
            guard let hard = MemorySize.parse(arguments[group + 1][...]),
                  let soft = MemorySize.parse(arguments[group + 2][...]),
                  let seconds = CInteger.lenient(arguments[group + 3][...])?.value, seconds >= 0
            else {
                throw ConfigValueError("Error in hard, soft or soft_seconds setting in buffer limit configuration.")
            }
            result[index] = ClientOutputBufferLimit(hard: hard, soft: soft, softSeconds: Int(seconds))
        }
        return result
    }

    /// CONFIG GET form: `normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60`.
    static func render(_ limits: [ClientOutputBufferLimit]) -> String {
        zip(classNames, limits).map { "\($0) \($1.hard) \($1.soft) \($1.softSeconds)" }.joined(separator: " ")
    }

    /// CONFIG REWRITE form of one class: `replica` for `slave`, sizes with units.
    func rewriteArguments(className: String) -> String {
        let name = className == "slave" ? "replica" : className
        return "\(name) \(MemorySize.rewriteForm(Int64(bitPattern: hard))) \(MemorySize.rewriteForm(Int64(bitPattern: soft))) \(softSeconds)"
    }
}
