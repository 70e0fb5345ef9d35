/// Why a directive's arguments were rejected, in Redis's words (for example
/// "argument must be 'yes' or 'no'"). `ConfigFileError` and `ConfigSetError` wrap it with the
/// line or the parameter name.
struct ConfigValueError: Error, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
