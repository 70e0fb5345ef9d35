/// Why CONFIG SET changed nothing, with Redis's reply text in `message`.
public enum ConfigSetError: Error, Equatable {
    /// No such parameter: `ERR Unknown option or number of arguments for CONFIG SET - 'foo'`.
    case unknownOption(String)
    /// The parameter exists but refused the request: `ERR CONFIG SET failed (possibly related
    /// to argument 'maxmemory') - argument must be a memory value`.
    case rejected(parameter: String, reason: String)

    public var message: String {
        switch self {
        case let .unknownOption(name):
            return "ERR Unknown option or number of arguments for CONFIG SET - '\(name)'"
        case let .rejected(parameter, reason):
            return "ERR CONFIG SET failed (possibly related to argument '\(parameter)') - \(reason)"
        }
    }
}
